import type { World } from '../../engine/world.ts';
import type { Order } from '../../engine/entities.ts';
import { pickingState } from '../picking/pickingState.ts';
import { compareOrders } from './allocationOrder.ts';

/**
 * Puts a released order into the pick queue. Without `rules.allocation` it goes to the back (the
 * built-in: oldest release first). With it, the queue is kept in the allocation priority: the
 * order goes in before the first queued order it ranks ahead of, so an urgent order released
 * behind a backlog is picked before it. Pickers take the queue from the front either way.
 */
export function queueReleased(w: World, o: Order): void {
  const keys = w.scenario.rules.allocation;
  const q = w.released;
  if (!keys || q.size === 0 || compareOrders(w, keys, w.orders.get(q.at(q.size - 1))!, o) <= 0) {
    q.push(o.id);
    return;
  }
  // Rare (a higher-ranked order behind lower ones) and the queue is short: rebuild it in place.
  const ids = q.toArray();
  let i = ids.length;
  while (i > 0 && compareOrders(w, keys, w.orders.get(ids[i - 1]!)!, o) > 0) i--;
  ids.splice(i, 0, o.id);
  while (q.size > 0) q.shift();
  for (const id of ids) q.push(id);
}

/**
 * Zone picking: puts a released order's tasks into their zones' queues (one order's tasks stay
 * together), at the back without `rules.allocation`, else ahead of the orders it ranks before.
 */
export function queueZoneTasks(w: World, o: Order): void {
  const queues = pickingState(w).zoneQueues;
  const keys = w.scenario.rules.allocation;
  for (const id of o.tasks) {
    const q = (queues[w.tasks.get(id)!.zone] ??= []);
    if (!keys) {
      q.push(id);
      continue;
    }
    let i = q.length;
    while (i > 0) {
      const prev = w.orders.get(w.tasks.get(q[i - 1]!)!.order)!;
      if (prev === o || compareOrders(w, keys, prev, o) <= 0) break;
      i--;
    }
    q.splice(i, 0, id);
  }
}
