import { Priority } from '../../engine/eventKinds.ts';
import type { World } from '../../engine/world.ts';
import type { Order } from '../../engine/entities.ts';
import type { JournalEventBody } from '../../journal/journalEvent.ts';
import { advanceWip } from '../../kpi/kpiAccumulator.ts';
import { dispatch } from '../../engine/workerFlow.ts';
import { allocateOrder, enqueueAllocated, orderCode } from './orderFlow.ts';
import { picking, pickingState } from './pickingState.ts';
import { schedule, stepDoc } from '../../engine/applyEffects.ts';
import { backorderRetryOrder } from '../allocation/allocationOrder.ts';
import { tallyCancelled } from '../allocation/classOutcomes.ts';

const HOUR = 3_600_000;

/**
 * An order found no stock for any line: it waits as a backorder, is re-allocated when stock
 * of one of its items becomes available, and is cancelled once it is `backorderCancelHours` old.
 */
export function backorder(w: World, o: Order): void {
  const s = pickingState(w);
  s.backorders.push(o.id);
  for (const sku of skusOf(w, o)) s.backorderSkus[sku] = (s.backorderSkus[sku] ?? 0) + 1;
  w.kpi.backordersCreated++;
  const at = Math.max(w.now, o.created + Math.round(w.scenario.demand.backorderCancelHours * HOUR));
  schedule(w, at, Priority.completion, picking.ev.backorderCancel, o.id);
}

function skusOf(w: World, o: Order): Set<string> {
  return new Set(o.lines.map((l) => w.site.items[l.item]!.sku));
}

/** An order stops waiting as a backorder (re-allocated, cross-docked or cancelled). */
export function forget(w: World, o: Order): void {
  const s = pickingState(w);
  const i = s.backorders.indexOf(o.id);
  if (i >= 0) s.backorders.splice(i, 1);
  for (const sku of skusOf(w, o)) {
    const n = (s.backorderSkus[sku] ?? 0) - 1;
    if (n > 0) s.backorderSkus[sku] = n;
    else delete s.backorderSkus[sku];
  }
}

/**
 * Journal hook: stock of a SKU became available in a pickable bin (putaway, a released QC hold,
 * a freed allocation, a count that found more). If a backorder waits for that SKU, a retry runs
 * once the current event is over (never inside another flow's commit).
 */
export function stockAvailable(w: World, e: JournalEventBody): void {
  if ((e.statusTo !== 'available' && e.statusTo !== 'consigned') || e.sku === undefined) return;
  const s = pickingState(w);
  if (s.retryPending || s.backorderSkus[e.sku] === undefined) return;
  if (!w.site.pickable(e.toBin ?? e.bin ?? '')) return;
  s.retryPending = true;
  schedule(w, w.now, Priority.release, picking.ev.backorderRetry);
}

/**
 * Re-allocates waiting backorders that now find stock, in the allocation priority
 * (`rules.allocation`; built in: earliest promise first, then oldest): who gets scarce stock.
 */
export function onBackorderRetry(w: World): void {
  const s = pickingState(w);
  s.retryPending = false;
  const waiting = backorderRetryOrder(
    w,
    s.backorders.map((id) => w.orders.get(id)!),
  );
  let released = false;
  for (const o of waiting) {
    // Allocation takes what is available now; an order that still finds nothing keeps waiting.
    allocateOrder(w, o);
    if (o.tasks.length === 0) continue;
    forget(w, o);
    w.kpi.backordersReallocated++;
    enqueueAllocated(w, o);
    released = true;
  }
  if (released) dispatch(w);
}

/** A backorder reached the cancellation age still unallocated: the customer's order is cancelled. */
export function onBackorderCancel(w: World, orderId: number): void {
  const o = w.orders.get(orderId);
  if (!o || o.state !== w.machines.order.state('"backordered"')) return;
  // Goods on their way to it (a cross-dock from the dock) keep it; their expiry asks again.
  if (o.lines.some((l) => l.allocated > 0)) return;
  forget(w, o);
  const body = w.journalOn
    ? {
        type: 'order.cancelled' as const,
        site: w.site.name,
        reason: 'backorder-age',
        docs: { order: orderCode(o.id) },
      }
    : null;
  stepDoc(w, w.life.order, o, w.E.orderCancelled, body);
  w.kpi.backordersCancelled++;
  tallyCancelled(w, o);
  w.kpi.linesCancelled += o.lines.length;
  advanceWip(w.kpi, w.now);
  w.kpi.wip--;
  w.kpi.sojournTotal += w.now - o.created;
  w.dropOrder(o);
}
