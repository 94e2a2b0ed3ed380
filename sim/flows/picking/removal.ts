import type { Layout, Point } from '../../layout/types.ts';
import { REMOVAL_STRATEGIES, type Rules } from '../../rules/rulesSchema.ts';

/** One candidate of an allocation: the stock record's lot and quantity, and its bin index. */
export interface RemovalCandidate {
  lot: string;
  qty: number;
  bin: number;
}

/**
 * Order of two candidates of one SKU in the same pick-preference tier (faces before reserve is
 * decided before this): negative when `a` is taken first. A total order, so any sort of the
 * same candidates gives the same sequence.
 */
export type RemovalOrder = (a: RemovalCandidate, b: RemovalCandidate) => number;

const lotAsc = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Today's rule and the default: earliest expiry (lot codes sort in expiry order), then bin. */
export const fefoOrder: RemovalOrder = (a, b) => lotAsc(a.lot, b.lot) || a.bin - b.bin;

/**
 * The removal order of a site: each bin's zone has its strategy (`rules.removal`). Two
 * candidates under different strategies are ordered by the strategy's place in
 * `REMOVAL_STRATEGIES` (keeping it a total order); under one strategy:
 * fefo — earliest expiry; fifo — earliest arrival (`arrival` of the lot: the day it was
 * received, -1 before the run), then expiry; lifo — latest arrival, then latest expiry;
 * closest — nearest the depot by walking distance, then expiry; leastPackages — the record
 * with the most units first (fewest picks for the line), then expiry. Ties go to the lower bin.
 */
export function createRemovalOrder(
  layout: Layout,
  removal: Rules['removal'],
  distance: (a: Point, b: Point) => number,
  arrival: (lot: string) => number,
): RemovalOrder {
  if (removal.default === 'fefo' && Object.values(removal.zones).every((z) => z.strategy === 'fefo'))
    return fefoOrder;
  const code = new Uint8Array(layout.bins.length);
  for (const b of layout.bins)
    code[b.index] = REMOVAL_STRATEGIES.indexOf(removal.zones[b.zone]?.strategy ?? removal.default);
  let depotM: Float64Array | null = null;
  const fromDepot = (bin: number): number => {
    depotM ??= Float64Array.from(layout.bins, (b) => distance(layout.depot, b));
    return depotM[bin]!;
  };
  return (a, b) => {
    const sa = code[a.bin]!;
    const sb = code[b.bin]!;
    if (sa !== sb) return sa - sb;
    const s = REMOVAL_STRATEGIES[sa]!;
    let d: number;
    if (s === 'fifo') d = arrival(a.lot) - arrival(b.lot) || lotAsc(a.lot, b.lot);
    else if (s === 'lifo') d = arrival(b.lot) - arrival(a.lot) || lotAsc(b.lot, a.lot);
    else if (s === 'closest') d = fromDepot(a.bin) - fromDepot(b.bin) || lotAsc(a.lot, b.lot);
    else if (s === 'leastPackages') d = b.qty - a.qty || lotAsc(a.lot, b.lot);
    else d = lotAsc(a.lot, b.lot);
    return d || a.bin - b.bin;
  };
}

/** Does a removal block need lot arrival days (so receiving must record them)? */
export function needsArrival(removal: Rules['removal']): boolean {
  return [removal.default, ...Object.values(removal.zones).map((z) => z.strategy)].some(
    (s) => s === 'fifo' || s === 'lifo',
  );
}
