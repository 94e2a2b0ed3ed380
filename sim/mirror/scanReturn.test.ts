import { describe, expect, it } from 'vitest';
import { createEngine } from '../engineApi.ts';
import { returnsSite } from '../flows/returns/testSite.ts';
import { takeScan, type ScanMessage, type ScanReply } from './scanSession.ts';
import { scanPlan } from './scanPlan.ts';
import { stepTable } from './scanSteps.ts';

describe('the scanner return step (the return chart read by its meta)', () => {
  const w = createEngine(returnsSite()).world;
  let n = 0;
  const scan = (raw: string, qty?: number): ScanReply => {
    const m: ScanMessage = {
      device: 'rf-r',
      user: 'u1',
      role: 'receiver',
      step: 'return',
      raw,
      ...(qty === undefined ? {} : { qty }),
      clientEventId: `c${++n}`,
      deviceTime: '2024-01-01T08:00:00.000+01:00',
    };
    return takeScan(w, m, m.clientEventId);
  };
  const bin = w.site.layout!.bins.find((b) => b.zone === 'RT')!.code;
  const storage = w.site.layout!.bins.find((b) => b.type === 'reserve')!.code;
  const item = w.site.items.find((i) => !i.lotControlled)!;
  const gtin = item.uoms.find((u) => u.factor === 1)!.gtin;

  it('is location, item, quantity: the prompts of the chart states authorised and received', () => {
    const t = stepTable('return');
    const p = scanPlan('return');
    expect(p.positions.map((x) => [t.states[x.state], x.milestone])).toEqual([
      ['"authorised"', 'from'],
      ['"received"', 'item'],
      ['"received"', 'qty'],
    ]);
    expect(p.needsTo).toBe(false);
  });

  it('refuses a storage bin and books a scanned return into quarantine at the returns location', () => {
    expect(scan(storage)).toMatchObject({ ok: false, exception: { kind: 'not-returns-location' } });
    expect(scan(bin)).toMatchObject({ ok: true, accepted: 'from', next: 'item' });
    expect(scan(`]C101${gtin}`)).toMatchObject({ ok: true, accepted: 'item', next: 'quantity' });
    const before = w.system.qty(bin, item.sku, '', 'quarantine');
    expect(scan('', 3)).toMatchObject({
      ok: true,
      accepted: 'line',
      status: 'quarantined',
      next: 'location',
    });
    expect(w.system.qty(bin, item.sku, '', 'quarantine')).toBe(before + 3);
    expect(w.physical.qty(bin, item.sku, '', 'quarantine')).toBe(before + 3);
  });
});
