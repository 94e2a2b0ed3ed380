import { describe, expect, it } from 'vitest';
import { Ledger, applyJournalEvent, replayJournal } from './ledger.ts';
import { makeJournalEvent } from '../journal/journalEvent.ts';

const ev = (seq: number, body: Parameters<typeof makeJournalEvent>[2]) => makeJournalEvent(seq, seq, body);

describe('Ledger', () => {
  it('moves stock by the from/to rule and drops zero records', () => {
    const events = [
      ev(1, {
        type: 'stock.opening',
        site: 'S',
        bin: 'A-01-01-A',
        sku: 'X',
        baseQty: 10,
        statusTo: 'available',
      }),
      ev(2, {
        type: 'stock.allocated',
        site: 'S',
        bin: 'A-01-01-A',
        sku: 'X',
        baseQty: 4,
        statusFrom: 'available',
        statusTo: 'allocated',
      }),
      ev(3, {
        type: 'pick.confirmed',
        site: 'S',
        bin: 'A-01-01-A',
        toBin: 'PACK',
        sku: 'X',
        baseQty: 4,
        statusFrom: 'allocated',
        statusTo: 'allocated',
      }),
      ev(4, {
        type: 'ship.confirmed',
        site: 'S',
        bin: 'PACK',
        sku: 'X',
        baseQty: 4,
        statusFrom: 'allocated',
      }),
      ev(5, { type: 'order.created', site: 'S', docs: { order: 'O1' } }),
    ];
    const l = replayJournal(events);
    expect(l.state()).toEqual([{ bin: 'A-01-01-A', sku: 'X', lot: '', status: 'available', qty: 6 }]);
    expect(l.qty('PACK', 'X', '', 'allocated')).toBe(0);
    expect(l.size).toBe(1);
  });

  it('refuses to go negative and says where', () => {
    const l = new Ledger();
    expect(() =>
      applyJournalEvent(
        l,
        ev(1, {
          type: 'ship.confirmed',
          site: 'S',
          bin: 'PACK',
          sku: 'X',
          baseQty: 1,
          statusFrom: 'allocated',
        }),
      ),
    ).toThrow(/negative stock: PACK X/);
  });

  it('round-trips through JSON state', () => {
    const l = new Ledger();
    l.add('B', 'Y', 'L1', 'available', 5);
    l.add('A', 'Y', 'L2', 'quarantine', 2);
    const r = Ledger.restore(JSON.parse(JSON.stringify(l.state())));
    expect(r.state()).toEqual(l.state());
    expect(r.recordsOf('Y')).toHaveLength(2);
  });
});
