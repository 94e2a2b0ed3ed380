import type { World } from '../../engine/world.ts';
import type { CustomerClass } from '../../rules/allocationSchema.ts';

const cumulative = new WeakMap<readonly CustomerClass[], Float64Array>();

/** Cumulative normalised shares of a class list (derived once per scenario, never saved). */
function bounds(classes: readonly CustomerClass[]): Float64Array {
  let b = cumulative.get(classes);
  if (!b) {
    const total = classes.reduce((a, c) => a + c.share, 0);
    b = new Float64Array(classes.length);
    let acc = 0;
    classes.forEach((c, i) => (b![i] = acc += c.share / total));
    b[classes.length - 1] = 1;
    cumulative.set(classes, b);
  }
  return b;
}

/**
 * An order's customer class (index into `demand.customerClasses`), or -1 when the scenario has
 * none. Picked by a hash of the order number (its own constants, independent of the key-account
 * hash) rather than a random draw: turning classes on moves no random stream, and the class of
 * an order can be recomputed at any time, so nothing new is saved.
 */
export function orderClass(w: World, orderId: number): number {
  const classes = w.scenario.demand.customerClasses;
  if (classes.length === 0) return -1;
  let h = Math.imul(orderId ^ 0x5bd1e995, 0xcc9e2d51);
  h = Math.imul(h ^ (h >>> 15), 0x1b873593);
  h ^= h >>> 13;
  const u = (h >>> 0) / 4294967296;
  const b = bounds(classes);
  for (let i = 0; i < b.length; i++) if (u < b[i]!) return i;
  return classes.length - 1;
}

/** The priority of an order's class (1 = most urgent); 0 for every order without classes. */
export function orderPriority(w: World, orderId: number): number {
  const c = orderClass(w, orderId);
  return c < 0 ? 0 : w.scenario.demand.customerClasses[c]!.priority;
}

/** Hours after creation that fix an order's promised day: its class's, else `demand.promiseHours`. */
export function orderPromiseHours(w: World, orderId: number): number {
  const c = orderClass(w, orderId);
  const own = c < 0 ? undefined : w.scenario.demand.customerClasses[c]!.promiseHours;
  return own ?? w.scenario.demand.promiseHours;
}
