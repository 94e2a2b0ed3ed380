import type { World } from '../../engine/world.ts';
import type { Order } from '../../engine/entities.ts';
import type { Item } from '../../items/types.ts';
import { stepDoc } from '../../engine/applyEffects.ts';
import { orderCode } from '../picking/orderFlow.ts';
import { forget } from '../picking/backorders.ts';
import { completeOrder, orderPicked } from '../picking/shipping.ts';
import { picking } from '../picking/pickingState.ts';
import { schedule } from '../../engine/applyEffects.ts';
import { Priority } from '../../engine/eventKinds.ts';
import type { CrossDockDemand } from './crossdockPlan.ts';
import type { CrossDockSettings } from './crossdockSchema.ts';

const HOUR = 3_600_000;

/** Whether the order is in the named state of its chart. */
function inState(w: World, o: Order, name: string): boolean {
  return o.state === w.machines.order.state(`"${name}"`);
}

/** Whether cross-docking may serve this item (its SKU listed, or any SKU of an allowed class). */
export function crossDockable(s: CrossDockSettings, item: Item): boolean {
  if (!s.classes.includes(item.velocityClass)) return false;
  return s.skus.length === 0 || s.skus.includes(item.sku);
}

/**
 * The order lines waiting for units of `item`: lines of backordered orders, and short lines of
 * orders allocated or released but not yet picked complete (their pack waits for nothing else
 * once the tour is done), with what each still lacks.
 */
export function waitingDemand(w: World, item: number): CrossDockDemand[] {
  const out: CrossDockDemand[] = [];
  for (const o of w.orders.values()) {
    if (o.picked >= 0) continue;
    const waiting =
      inState(w, o, 'backordered') ||
      inState(w, o, 'allocated') ||
      inState(w, o, 'released') ||
      inState(w, o, 'picking');
    if (!waiting) continue;
    o.lines.forEach((l, i) => {
      if (l.item === item && l.allocated < l.qty)
        out.push({ order: o.id, line: i, need: l.qty - l.allocated, promised: o.promised });
    });
  }
  return out;
}

/** Units are on their way to an order line: allocated to it and an open task of the order. */
export function attach(o: Order, line: number, qty: number): void {
  const l = o.lines[line]!;
  l.allocated += qty;
  if (l.allocated >= l.qty) delete l.short;
  o.openTasks++;
}

/**
 * A driver took the goods: a backordered order now has stock coming and leaves the backorder
 * list, allocated, released and started (nothing is picked for those lines: the goods come to
 * the pack station on their own). Returns true when it was a backorder.
 */
export function startMoving(w: World, o: Order): boolean {
  if (!inState(w, o, 'backordered')) return false;
  forget(w, o);
  w.kpi.backordersReallocated++;
  const code = orderCode(o.id);
  const site = w.site.name;
  const allocated = w.journalOn
    ? { type: 'order.allocated' as const, site, reason: 'crossdock', docs: { order: code } }
    : null;
  stepDoc(w, w.life.order, o, w.E.orderAllocated, allocated);
  const released = w.journalOn ? { type: 'order.released' as const, site, docs: { order: code } } : null;
  stepDoc(w, w.life.order, o, w.E.orderReleased, released);
  o.released = w.now;
  o.pickStart = w.now;
  stepDoc(w, w.life.order, o, w.E.orderPickStarted);
  return true;
}

/** Whether a pick tour that serves the order is still under way (its end hands the order on). */
function tourUnderWay(w: World, o: Order): boolean {
  return w.workers.some((x) => x.job !== null && x.job.kind === 'pick' && x.job.orders.includes(o.id));
}

/**
 * One of the order's open tasks (a cross-dock) ended, delivered or not: when it was the last and
 * no tour still carries the order, the order is picked and goes on to packing (or ships).
 * Returns true when the order moved on.
 */
export function taskEnded(w: World, o: Order): boolean {
  o.openTasks--;
  if (o.openTasks > 0 || o.picked >= 0 || !inState(w, o, 'picking') || tourUnderWay(w, o)) return false;
  orderPicked(w, o);
  if (!w.scenario.packing) completeOrder(w, o, true);
  return true;
}

/**
 * Cross-dock units for an order line went to putaway instead: the line lacks them again. A
 * backorder past its cancellation age, which the cross-dock kept, is asked to cancel now.
 */
export function detach(w: World, o: Order, line: number, qty: number): void {
  const l = o.lines[line]!;
  l.allocated -= qty;
  if (l.allocated < l.qty) l.short = 'not-put-away';
  if (taskEnded(w, o)) return;
  const due = o.created + Math.round(w.scenario.demand.backorderCancelHours * HOUR);
  if (inState(w, o, 'backordered') && w.now >= due)
    schedule(w, w.now, Priority.completion, picking.ev.backorderCancel, o.id);
}
