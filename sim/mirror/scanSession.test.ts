import { describe, expect, it } from 'vitest';
import { createEngine } from '../engineApi.ts';
import { smallSite } from '../flows/replenishment/testScenario.ts';
import type { World } from '../engine/world.ts';
import { takeScan, type ScanMessage, type ScanReply } from './scanSession.ts';
import { mirrorState } from './mirrorState.ts';
import { stepTable, type ScanStep } from './scanSteps.ts';
import type { ScanSession } from './scanTypes.ts';

/** A world at time 0 (nothing simulated moves stock) and a scanner on it. */
function site() {
  const w = createEngine(smallSite()).world;
  let n = 0;
  const scan = (device: string, step: ScanStep, raw: string, qty?: number): ScanReply => {
    const m: ScanMessage = {
      device,
      user: 'u1',
      role: 'operator',
      step,
      raw,
      ...(qty === undefined ? {} : { qty }),
      clientEventId: `c${++n}`,
      deviceTime: '2024-01-01T08:00:00.000+01:00',
    };
    return takeScan(w, m, m.clientEventId);
  };
  const session = (device: string): ScanSession | undefined =>
    (mirrorState(w) as unknown as { sessions: Record<string, ScanSession> }).sessions[device];
  return { w, scan, session };
}

/** A storage bin holding one item without lot control, all of it available, and the item's GTIN. */
function lotFreeStock(w: World) {
  const lotFree = new Set(w.site.items.filter((i) => !i.lotControlled).map((i) => i.sku));
  const rec = [...w.system.all()].find(
    (r) =>
      r.status === 'available' &&
      r.qty >= 10 &&
      lotFree.has(r.sku) &&
      w.site.pickable(r.bin) &&
      w.system.recordsIn(r.bin).length === 1,
  )!;
  const gtin = w.site.items.find((i) => i.sku === rec.sku)!.uoms.find((u) => u.factor === 1)!.gtin;
  // The ledger's record is live: keep what it held at the start.
  return { rec: { bin: rec.bin, sku: rec.sku, qty: rec.qty }, item: `]C1${'01' + gtin}` };
}

describe('scanner sessions step the task charts their meta describes', () => {
  it('walks a pick through the chart states whose meta asks for each scan, ending picked', () => {
    const { w, scan, session } = site();
    const { rec, item } = lotFreeStock(w);
    const t = stepTable('pick');
    const state = () => t.states[session('rf-p')!.state];
    expect(scan('rf-p', 'pick', rec.bin)).toMatchObject({
      ok: true,
      accepted: 'from',
      next: 'item',
      prompt: 'Scan the item',
    });
    expect(state()).toBe('"scanned"');
    expect(scan('rf-p', 'pick', item)).toMatchObject({
      ok: true,
      next: 'quantity',
      prompt: 'Enter the quantity taken',
    });
    expect(state()).toBe('"itemScanned"');
    expect(scan('rf-p', 'pick', '', 2)).toMatchObject({ ok: true, accepted: 'line' });
    expect(w.system.qty(rec.bin, rec.sku, '', 'available')).toBe(rec.qty - 2);
  });

  it('refuses a scan of another kind than the step’s meta asks for, naming the step and its prompt', () => {
    const { w, scan } = site();
    const { rec } = lotFreeStock(w);
    scan('rf-p', 'pick', rec.bin);
    const r = scan('rf-p', 'pick', '', 2);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.exception.reason).toBe(
      'pick: expected a GS1 item for step pickTask.scanned ("Scan the item"), got a quantity',
    );
    const c = scan('rf-c', 'count', '', 3);
    expect(!c.ok && c.exception.reason).toBe(
      'count: expected a bin label for step cycleCount.assigned ("Go to the bin and scan it to start the count"), got a quantity',
    );
  });

  it('a putaway whose commit the ledger refuses stays where it was, and the retry goes through', () => {
    const { w, scan, session } = site();
    const { rec, item } = lotFreeStock(w);
    const other = w.site.layout!.bins.find(
      (b) => b.type === 'reserve' && w.system.recordsIn(b.code).length === 0,
    )!.code;
    const spare = w.site.layout!.bins.filter(
      (b) => b.type === 'reserve' && w.system.recordsIn(b.code).length === 0,
    )[1]!.code;
    const t = stepTable('move');
    // Device A takes the whole bin, then device B moves it all away before A scans the drop.
    scan('rf-a', 'move', rec.bin);
    scan('rf-a', 'move', item, rec.qty);
    for (const raw of [rec.bin, item]) expect(scan('rf-b', 'move', raw).ok).toBe(true);
    scan('rf-b', 'move', '', rec.qty);
    expect(scan('rf-b', 'move', other)).toMatchObject({ ok: true, accepted: 'line' });
    const refused = scan('rf-a', 'move', spare);
    expect(refused).toMatchObject({ ok: false, exception: { kind: 'over-quantity' } });
    // Still at the drop (not in a final state): once the stock is back, the same drop scan commits.
    expect(t.final[session('rf-a')!.state]).toBe(0);
    expect(t.states[session('rf-a')!.state]).toBe('"atBin"');
    for (const raw of [other, item]) expect(scan('rf-b', 'move', raw).ok).toBe(true);
    scan('rf-b', 'move', '', rec.qty);
    expect(scan('rf-b', 'move', rec.bin)).toMatchObject({ ok: true, accepted: 'line' });
    expect(scan('rf-a', 'move', spare)).toMatchObject({ ok: true, accepted: 'line' });
    expect(w.system.qty(spare, rec.sku, '', 'available')).toBe(rec.qty);
  });
});
