import type { World } from '../../engine/world.ts';
import { REMOVAL_STRATEGIES } from '../../rules/rulesSchema.ts';
import { createRemovalOrder, type RemovalCandidate } from '../picking/removal.ts';
import { lotArrivalDay } from '../inbound/inboundState.ts';

/** Order of two reserve sources of one item for a replenishment trip: negative when `a` goes first. */
export type ReserveOrder = (a: RemovalCandidate, b: RemovalCandidate) => number;

const lotAsc = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The built-in source rule, which is also what a `fefo` zone uses: earliest expiry (lot codes
 * sort in expiry order), then the smallest quantity (clears a location), then the bin index.
 */
export const fefoReserveOrder: ReserveOrder = (a, b) =>
  lotAsc(a.lot, b.lot) || a.qty - b.qty || a.bin - b.bin;

const orders = new WeakMap<World, ReserveOrder>();

/**
 * The world's reserve source order: each source bin follows its zone's removal strategy
 * (`rules.removal`), as order lines do (`createRemovalOrder`: fifo/lifo by arrival day, closest
 * to the depot, leastPackages = most units first), except that `fefo` keeps the built-in
 * replenishment tie-break (smallest quantity before bin), so the default decides as before.
 * Derived from the scenario, never saved.
 */
export function reserveOrder(w: World): ReserveOrder {
  let o = orders.get(w);
  if (o) return o;
  const removal = w.scenario.rules.removal;
  if (removal.default === 'fefo' && Object.values(removal.zones).every((z) => z.strategy === 'fefo'))
    o = fefoReserveOrder;
  else {
    const layout = w.site.layout!;
    const fefo = REMOVAL_STRATEGIES.indexOf('fefo');
    const code = Uint8Array.from(layout.bins, (b) =>
      REMOVAL_STRATEGIES.indexOf(removal.zones[b.zone]?.strategy ?? removal.default),
    );
    const byZone = createRemovalOrder(layout, removal, w.site.distance, (lot) => lotArrivalDay(w, lot));
    o = (a, b) => (code[a.bin] === fefo && code[b.bin] === fefo ? fefoReserveOrder(a, b) : byZone(a, b));
  }
  orders.set(w, o);
  return o;
}
