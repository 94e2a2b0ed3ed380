import { describe, expect, it } from 'vitest';
import type { JournalEvent, TruthEvent } from '../sim/index.ts';
import { createEngine } from '../sim/engineApi.ts';
import { isConsigned } from '../sim/flows/stockStatus/statusPolicy.ts';
import { loadScenario } from '../server/scenarioLoader.ts';
import { checkInvariants } from './invariants.ts';
import { requestCount } from '../sim/flows/counting/countingFlow.ts';

const HOUR = 3_600_000;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type K = Record<string, any>;

// demo-dc-crossdock consigns every C item: received, stored in reserve, replenished, counted.
const s = loadScenario('demo-dc-crossdock').scenario;
const journal: JournalEvent[] = [];
const truth: TruthEvent[] = [];
const engine = createEngine(s, { journal: (e) => journal.push(e), truth: (t) => truth.push(t) });
engine.runUntil(36 * HOUR);
const w = engine.world;
const kpis = engine.kpis() as K;
const consignedSkus = new Set(w.site.items.filter((it) => isConsigned(w, it.index)).map((it) => it.sku));
const binType = (code: string): string | undefined => {
  const b = w.site.binIndex.get(code);
  return b === undefined ? undefined : w.site.layout!.bins[b]!.type;
};

describe('a count that finds consigned reserve stock short', () => {
  it('corrects it out of consigned stock (before: nothing could be adjusted from available)', () => {
    const j: JournalEvent[] = [];
    const t: TruthEvent[] = [];
    const e = createEngine(s, { journal: (x) => j.push(x), truth: (x) => t.push(x) });
    e.runUntil(12 * HOUR);
    const ww = e.world;
    const rec = [...ww.system.all()].find(
      (r) =>
        r.status === 'consigned' &&
        r.qty >= 4 &&
        ww.site.layout!.bins[ww.site.binIndex.get(r.bin)!]!.type === 'reserve',
    )!;
    expect(rec).toBeDefined();
    const r = e.apply({ type: 'inject', cause: 'shrink', bin: rec.bin });
    expect(r.ok).toBe(true);
    requestCount(ww, ww.site.binIndex.get(rec.bin)!, 'shortfall');
    e.runUntil(18 * HOUR);
    const adj = j.filter((x) => x.type === 'adjustment.posted' && x.bin === rec.bin && x.sku === rec.sku);
    expect(adj.length).toBeGreaterThan(0);
    for (const a of adj) expect([a.statusFrom, a.statusTo]).toEqual(['consigned', undefined]);
    expect(checkInvariants(e, j, t)).toEqual([]);
  }, 60_000);
});

describe('consigned (vendor-owned) stock is consigned wherever it sits', () => {
  it('no unallocated stock of a consigned item is booked available, in any bin', () => {
    expect(consignedSkus.size).toBeGreaterThan(0);
    const wrong = [...w.system.all()]
      .filter((r) => consignedSkus.has(r.sku) && r.status === 'available' && r.qty > 0)
      .map((r) => `${r.bin}(${binType(r.bin)}) ${r.sku} ${r.qty}`);
    expect(wrong).toEqual([]);
    // … and reserve locations do hold consigned stock.
    const inReserve = [...w.system.all()].filter(
      (r) => r.status === 'consigned' && ['reserve', 'floor'].includes(binType(r.bin) ?? ''),
    );
    expect(inReserve.length).toBeGreaterThan(0);
  });

  it('inventory value leaves every consigned record out, wherever it sits', () => {
    const cost = new Map(w.site.items.map((i) => [i.sku, i.unitCost]));
    let owned = 0;
    for (const r of w.system.all()) {
      if (consignedSkus.has(r.sku) && r.status !== 'allocated') continue;
      owned += r.qty * cost.get(r.sku)!;
    }
    expect(kpis.stockStatus.inventoryValue).toBeCloseTo(owned, 1);
  });

  it('receipts book consigned goods consigned, and replenishment moves them consigned to the face', () => {
    const received = journal.filter(
      (e) =>
        consignedSkus.has(e.sku ?? '') &&
        (e.type === 'receipt.lineReceived' || e.type === 'receipt.released'),
    );
    expect(received.length).toBeGreaterThan(0);
    for (const e of received) if (e.statusTo !== 'inspection') expect(e.statusTo, e.id).toBe('consigned');
    const replen = journal.filter(
      (e) => e.type.startsWith('replenishment.') && consignedSkus.has(e.sku ?? ''),
    );
    const moving = replen.filter((e) => e.baseQty !== undefined && e.baseQty > 0);
    expect(moving.length).toBeGreaterThan(0);
    for (const e of moving)
      expect([e.type, e.statusFrom, e.statusTo]).toEqual([e.type, 'consigned', 'consigned']);
  });

  it('cycle counts count consigned reserve stock', () => {
    const counted = journal.filter(
      (e) =>
        e.type === 'count.posted' && consignedSkus.has(e.sku ?? '') && binType(e.bin ?? '') === 'reserve',
    );
    expect(counted.length).toBeGreaterThan(0);
  });

  it('conserves stock in both ledgers and the truth log explains every gap', () => {
    expect(checkInvariants(engine, journal, truth)).toEqual([]);
  });
});
