import { describe, expect, it } from 'vitest';
import { Ledger, applyJournalEvent, replayJournal } from './ledger.ts';
import { makeJournalEvent } from '../journal/journalEvent.ts';

const ev = (seq: number, body: Parameters<typeof makeJournalEvent>[2]) => makeJournalEvent(seq, seq, body);

describe('Ledger', () => {
  it('reads and posts as a plain map would through drops and re-adds of the same bin and SKU', () => {
    // The ledger tries the last (bin, SKU) it found first: a walk that keeps returning to the
    // pair just emptied (its SKU list dropped) or just created must still read true quantities.
    const l = new Ledger();
    const model = new Map<string, number>();
    const bins = ['B1', 'B2'];
    const skus = ['X', 'Y'];
    const lots = ['', 'L1'];
    const statuses = ['available', 'allocated'] as const;
    let x = 11;
    const next = (n: number): number => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return (x >>> 8) % n;
    };
    for (let i = 0; i < 4000; i++) {
      const bin = bins[next(2)]!;
      const sku = skus[next(2)]!;
      const lot = lots[next(2)]!;
      const status = statuses[next(2)]!;
      const k = `${bin}|${sku}|${lot}|${status}`;
      const have = model.get(k) ?? 0;
      expect(l.qty(bin, sku, lot, status)).toBe(have);
      if (next(2) === 0) {
        const took = l.takeUpTo(bin, sku, lot, status, 1 + next(3));
        expect(took).toBe(Math.min(have, took));
        model.set(k, have - took);
      } else {
        const d = 1 + next(3);
        l.add(bin, sku, lot, status, d);
        model.set(k, have + d);
      }
      expect(l.qty(bin, sku, lot, status)).toBe(model.get(k));
    }
    // The pair just emptied, read and posted again at once.
    l.add('B3', 'Z', '', 'available', 2);
    expect(l.takeUpTo('B3', 'Z', '', 'available', 5)).toBe(2);
    expect(l.qty('B3', 'Z', '', 'available')).toBe(0);
    l.add('B3', 'Z', '', 'available', 1);
    expect(l.recordsOf('Z').map((r) => r.qty)).toEqual([1]);
    expect(l.takeUpTo('B3', 'Z', '', 'available', 5)).toBe(1);
    expect(l.recordsIn('B3')).toEqual([]);
    for (const bin of bins) {
      const live = [...model].filter(([k, q]) => q > 0 && k.startsWith(`${bin}|`)).length;
      expect(l.recordsIn(bin).length).toBe(live);
    }
    expect(l.size).toBe([...model.values()].filter((q) => q > 0).length);
  });

  it('takeUpTo removes at most what a record holds, tells listeners once, and drops it at zero', () => {
    const l = new Ledger();
    const seen: [number, number][] = [];
    l.add('B1', 'X', '', 'available', 5);
    l.listen((_b, _s, _l, _st, before, after) => seen.push([before, after]));
    expect(l.takeUpTo('B1', 'X', '', 'available', 3)).toBe(3);
    expect(l.takeUpTo('B1', 'X', '', 'available', 9)).toBe(2);
    expect(l.takeUpTo('B1', 'X', '', 'available', 1)).toBe(0);
    expect(l.takeUpTo('B1', 'Y', '', 'available', 1)).toBe(0);
    expect(seen).toEqual([
      [5, 2],
      [2, 0],
    ]);
    expect(l.size).toBe(0);
    expect(l.recordsOf('X')).toEqual([]);
  });

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

  it('hands listeners the site keys of bin and SKU, looked up once per bin and SKU', () => {
    let binLookups = 0;
    let skuLookups = 0;
    const bins = new Map([['A', 7]]);
    const skus = new Map([['Y', 3]]);
    const counted = <V>(m: Map<string, V>, bump: () => void): ReadonlyMap<string, V> =>
      ({ get: (k: string) => (bump(), m.get(k)) }) as unknown as ReadonlyMap<string, V>;
    const l = new Ledger({
      bins: counted(bins, () => binLookups++),
      skus: counted(skus, () => skuLookups++),
    });
    const seen: [string, number, number][] = [];
    l.listen((bin, sku, _lot, _status, _before, _after, _rec, binKey, skuKey) =>
      seen.push([bin + sku, binKey, skuKey]),
    );
    for (let i = 0; i < 10; i++) l.add('A', 'Y', '', 'available', 1);
    l.add('A', 'Y', 'L1', 'available', 1);
    l.add('B', 'Y', '', 'available', 1);
    l.add('A', 'Z', '', 'available', 1);
    expect(seen[0]).toEqual(['AY', 7, 3]);
    expect(seen[9]).toEqual(['AY', 7, 3]);
    expect(seen[10]).toEqual(['AY', 7, 3]);
    expect(seen[11]).toEqual(['BY', -1, 3]);
    expect(seen[12]).toEqual(['AZ', 7, -1]);
    expect(binLookups).toBe(2);
    expect(skuLookups).toBe(3);
    // Keys are derived: the saved form is the same with or without them.
    expect(Ledger.restore(l.state()).state()).toEqual(l.state());
    // A ledger without keys gives -1 for every key.
    const bare = new Ledger();
    let keys: number[] = [];
    bare.listen((...a) => (keys = [a[7], a[8]]));
    bare.add('A', 'Y', '', 'available', 1);
    expect(keys).toEqual([-1, -1]);
  });
});
