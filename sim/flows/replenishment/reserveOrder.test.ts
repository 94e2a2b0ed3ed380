import { describe, expect, it } from 'vitest';
import { createEngine } from '../../engineApi.ts';
import { REMOVAL_STRATEGIES } from '../../rules/rulesSchema.ts';
import { inboundState } from '../inbound/inboundState.ts';
import { reserveSources } from './faceStock.ts';
import { smallSite } from './testScenario.ts';

/**
 * Three reserve pallets of one item, placed by hand at time 0: the earliest-expiring lot in the
 * far bin, arrived last; the oldest arrival with the most units; a late-expiring small one
 * nearest the depot. Returns the lot the replenishment trip would take first.
 */
function firstSource(rules: unknown): { lot: string; order: string[] } {
  const e = createEngine(smallSite({ rules } as never), { seed: 3 });
  const w = e.world;
  const item = w.site.items[0]!;
  // Take the item's own opening reserve out of the picture.
  for (const r of [...w.system.recordsOf(item.sku)])
    if (w.site.layout!.bins[w.site.binIndex.get(r.bin)!]!.type === 'reserve')
      w.system.add(r.bin, r.sku, r.lot, r.status, -r.qty);
  const reserve = w.site.layout!.bins.filter(
    (b) => b.type === 'reserve' && w.system.recordsIn(b.code).length === 0,
  );
  const d = (b: (typeof reserve)[number]): number => w.site.distance(w.site.layout!.depot, b);
  const near = reserve.reduce((a, b) => (d(b) < d(a) ? b : a));
  const far = reserve.reduce((a, b) => (d(b) > d(a) ? b : a));
  const mid = reserve.find((b) => d(b) > d(near) && d(b) < d(far))!;
  w.system.add(far.code, item.sku, 'L00100-001', 'available', 40);
  w.system.add(mid.code, item.sku, 'L00200-002', 'available', 90);
  w.system.add(near.code, item.sku, 'L00300-003', 'available', 10);
  inboundState(w).lotDays = { 'L00100-001': 5, 'L00200-002': 1, 'L00300-003': 3 };
  const order = reserveSources(w, item.index).map((s) => s.r.lot);
  return { lot: order[0]!, order };
}

describe('replenishment source follows the reserve zone’s removal strategy', () => {
  it('each strategy takes a different pallet first; the default is the built-in FEFO', () => {
    const first = Object.fromEntries(
      REMOVAL_STRATEGIES.map((s) => [s, firstSource({ removal: { zones: { R: { strategy: s } } } }).lot]),
    );
    expect(first).toEqual({
      fefo: 'L00100-001', // earliest expiry
      fifo: 'L00200-002', // arrived first (day 1)
      lifo: 'L00100-001', // arrived last (day 5)
      closest: 'L00300-003', // nearest the depot
      leastPackages: 'L00200-002', // the most units: fewest trips
    });
    expect(firstSource(undefined).order).toEqual(['L00100-001', 'L00200-002', 'L00300-003']);
    // The site-wide default applies to a zone without its own strategy.
    expect(firstSource({ removal: { default: 'closest' } }).lot).toBe('L00300-003');
  });

  it('fefo keeps the built-in tie-break: of two pallets of one lot, the smaller first', () => {
    const e = createEngine(smallSite(), { seed: 3 });
    const w = e.world;
    const item = w.site.items[1]!;
    for (const r of [...w.system.recordsOf(item.sku)]) w.system.add(r.bin, r.sku, r.lot, r.status, -r.qty);
    const free = w.site.layout!.bins.filter(
      (b) => b.type === 'reserve' && w.system.recordsIn(b.code).length === 0,
    );
    w.system.add(free[0]!.code, item.sku, 'L1', 'available', 50);
    w.system.add(free[1]!.code, item.sku, 'L1', 'available', 5);
    expect(reserveSources(w, item.index).map((s) => s.r.qty)).toEqual([5, 50]);
  });
});
