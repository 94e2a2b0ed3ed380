import type { World } from '../../engine/world.ts';
import type { Order } from '../../engine/entities.ts';
import type { AllocationKey } from '../../rules/allocationSchema.ts';
import { orderPriority } from './customerClass.ts';

/** One sort key as a comparison of two orders (negative: `a` first). */
function compareBy(w: World, key: AllocationKey, a: Order, b: Order): number {
  switch (key) {
    case 'priority':
      return orderPriority(w, a.id) - orderPriority(w, b.id);
    case 'promisedShip':
      return a.promised - b.promised;
    case 'route':
      return a.route - b.route;
    case 'fifo':
      return a.created - b.created;
  }
}

/** Two orders in an allocation priority: key by key, ties to the order number (a total order). */
export function compareOrders(w: World, keys: readonly AllocationKey[], a: Order, b: Order): number {
  for (const k of keys) {
    const d = compareBy(w, k, a, b);
    if (d !== 0) return d;
  }
  return a.id - b.id;
}

/**
 * Orders in the scenario's allocation priority (`rules.allocation`); the order is total, so any
 * sort gives the same sequence. Sorts in place.
 */
export function sortByAllocationRule(w: World, keys: readonly AllocationKey[], orders: Order[]): Order[] {
  return orders.sort((a, b) => compareOrders(w, keys, a, b));
}

/**
 * Backorders in the order they are offered stock that came: `rules.allocation` when set, else
 * the built-in earliest promise first, then the oldest.
 */
export function backorderRetryOrder(w: World, orders: Order[]): Order[] {
  const keys = w.scenario.rules.allocation;
  if (keys) return sortByAllocationRule(w, keys, orders);
  return orders.sort((a, b) => a.promised - b.promised || a.id - b.id);
}

/**
 * A wave's order ids in release order: `rules.allocation` when set, else as allocated (the
 * built-in). Pickers take released orders in this order, so it decides whose lines go first.
 */
export function waveReleaseOrder(w: World, ids: number[]): number[] {
  const keys = w.scenario.rules.allocation;
  if (!keys || ids.length < 2) return ids;
  return sortByAllocationRule(
    w,
    keys,
    ids.map((id) => w.orders.get(id)!),
  ).map((o) => o.id);
}
