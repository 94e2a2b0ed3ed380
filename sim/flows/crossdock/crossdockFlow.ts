import { mheBin as mhe } from '../../engine/mheBin.ts';
import { Priority } from '../../engine/eventKinds.ts';
import type { World } from '../../engine/world.ts';
import type { Worker } from '../../engine/entities.ts';
import { stepTo, type Job, type Step } from '../../engine/job.ts';
import { acquireResource, resourceFree } from '../../engine/resources.ts';
import { dispatch } from '../../engine/workerFlow.ts';
import { actorOf } from '../../engine/actor.ts';
import { post, schedule } from '../../engine/applyEffects.ts';
import { sampler } from '../../random/distribution.ts';
import type { JournalEventBody } from '../../journal/journalEvent.ts';
import { inboundState, receiptCode, settings as inboundSettings } from '../inbound/inboundState.ts';
import type { Receipt } from '../inbound/inboundState.ts';
import { lineTaskDone, putAwayLater } from '../inbound/putaway.ts';
import { orderCode } from '../picking/orderFlow.ts';
import { planCrossDock } from './crossdockPlan.ts';
import { sellableStatus } from '../stockStatus/statusPolicy.ts';
import { postConsignmentLiability } from '../stockStatus/allocationPosting.ts';
import { reverseConsignmentLiability } from '../stockStatus/liabilityReversal.ts';
import { attach, crossDockable, detach, startMoving, taskEnded, waitingDemand } from './crossdockOrders.ts';
import { crossDockKpis } from './crossdockKpis.ts';
import {
  crossdock,
  crossDockCode,
  crossDockSettings,
  crossDockState,
  type CrossDockTask,
} from './crossdockState.ts';

const MINUTE = 60_000;

/** The journal event of a cross-dock step for a task's units. */
function body(
  w: World,
  t: CrossDockTask,
  type: 'crossdock.allocated' | 'crossdock.pickedUp' | 'crossdock.delivered' | 'crossdock.expired',
  from: string,
  to: string,
  worker: Worker | null,
): JournalEventBody {
  const item = w.site.items[t.item]!;
  const status = type === 'crossdock.allocated' || type === 'crossdock.expired';
  return {
    type,
    site: w.site.name,
    actor: worker ? actorOf(worker) : undefined,
    bin: from,
    toBin: status ? undefined : to,
    sku: item.sku,
    lot: t.lot || undefined,
    qty: t.qty,
    uom: item.baseUom,
    baseQty: t.qty,
    // A consigned item's received goods are consigned: taking them dock-to-dock consumes them.
    statusFrom: type === 'crossdock.allocated' ? sellableStatus(w, t.item) : 'allocated',
    statusTo: type === 'crossdock.expired' ? sellableStatus(w, t.item) : 'allocated',
    docs: {
      order: orderCode(t.order),
      line: t.orderLine + 1,
      receipt: receiptCode(t.receipt),
      task: crossDockCode(t.id),
    },
  };
}

/**
 * A receipt was staged: each line's units that waiting orders lack are allocated to them in the
 * staging lane and wait there for a driver to take them to the pack station; putaway gets the rest.
 */
function onReceiptStaged(w: World, receiptId: number): void {
  const s = crossDockSettings(w);
  if (!s || !w.tracked) return;
  const st = crossDockState(w);
  const r = inboundState(w).receipts[receiptId]!;
  const bin = w.site.layout!.bins[r.bin]!.code;
  let created = false;
  r.lines.forEach((l, li) => {
    const supply = l.receivedQty - (l.crossDocked ?? 0);
    if (supply <= 0 || !crossDockable(s, w.site.items[l.item]!)) return;
    const shares = planCrossDock(supply, waitingDemand(w, l.item));
    if (shares.length === 0) return;
    st.kpi.lines++;
    for (const sh of shares) {
      const t: CrossDockTask = {
        id: w.nextDoc('crossDock'),
        receipt: r.id,
        line: li,
        item: l.item,
        lot: l.lot,
        qty: sh.qty,
        order: sh.order,
        orderLine: sh.line,
        from: r.bin,
        created: w.now,
        driver: -1,
        onTruck: false,
      };
      st.tasks[t.id] = t;
      st.ready.push(t.id);
      st.kpi.tasksCreated++;
      st.kpi.units += t.qty;
      st.kpi.orderLines++;
      l.crossDocked = (l.crossDocked ?? 0) + t.qty;
      l.openTasks++;
      r.openTasks++;
      const allocated = body(w, t, 'crossdock.allocated', bin, bin, null);
      post(w, allocated);
      if (allocated.statusFrom === 'consigned')
        postConsignmentLiability(w, t.item, t.lot, t.qty, allocated.docs);
      attach(w.orders.get(t.order)!, t.orderLine, t.qty);
      schedule(
        w,
        w.now + Math.round(s.maxWaitMinutes * MINUTE),
        Priority.completion,
        crossdock.ev.crossDockExpiry,
        t.id,
      );
      created = true;
    }
  });
  if (created) dispatch(w);
}

/** A putaway driver takes the oldest waiting cross-dock (before putaway: an order waits for it). */
function nextCrossDockJob(w: World, worker: Worker): Job | null {
  if (!crossDockSettings(w)) return null;
  const st = crossDockState(w);
  if (st.ready.length === 0 || !resourceFree(w, 'forklift')) return null;
  const t = st.tasks[st.ready.shift()!]!;
  t.driver = worker.index;
  const resources: string[] = [];
  if (w.resources['forklift'] !== undefined) {
    acquireResource(w, 'forklift');
    resources.push('forklift');
  }
  const handling = sampler(inboundSettings(w).putawayTime)(w.random.stream('crossdock')) * 1000;
  const half = Math.round(handling / 2);
  return {
    id: ++w.counters.job,
    kind: 'crossdock',
    steps: [
      stepTo(crossdock.act.crossDockPickUp, t.id, w.site.layout!.bins[t.from]!, half, 'handle'),
      stepTo(crossdock.act.crossDockDrop, t.id, w.site.packPoint, half, 'handle'),
    ],
    cursor: 0,
    started: w.now,
    resources,
    ref: t.id,
    orders: [t.order],
  };
}

/** At staging: the pallet goes onto the forklift; a backordered order is on its way now. */
function crossDockPickUp(w: World, worker: Worker, _job: Job, step: Step): void {
  const st = crossDockState(w);
  const t = st.tasks[step.arg]!;
  post(w, body(w, t, 'crossdock.pickedUp', w.site.layout!.bins[t.from]!.code, mhe(worker), worker));
  t.onTruck = true;
  if (startMoving(w, w.orders.get(t.order)!)) st.kpi.backorders++;
}

/** At the pack station: the units join what was picked for the order; the receipt line is done. */
function crossDockDrop(w: World, worker: Worker, _job: Job, step: Step): void {
  const st = crossDockState(w);
  const t = st.tasks[step.arg]!;
  post(w, body(w, t, 'crossdock.delivered', mhe(worker), w.site.packBin, worker));
  delete st.tasks[t.id];
  st.kpi.tasksDelivered++;
  const r: Receipt = inboundState(w).receipts[t.receipt]!;
  st.kpi.dockToPack.push(w.now - r.doorAt);
  const o = w.orders.get(t.order)!;
  const sku = w.site.items[t.item]!.sku;
  o.picks.push({
    line: t.orderLine,
    item: t.item,
    lot: t.lot,
    qty: t.qty,
    landed: [{ sku, lot: t.lot, qty: t.qty }],
  });
  o.lines[t.orderLine]!.picked += t.qty;
  const created = o.created;
  if (taskEnded(w, o)) st.kpi.orderWait.push(w.now - created);
  const pack = w.site.binIndex.get(w.site.packBin);
  lineTaskDone(w, r, t.line, pack === undefined ? '-' : w.site.layout!.bins[pack]!.zone, worker);
}

/**
 * No driver took the pallet within `maxWaitMinutes`: the allocation is undone, the units go to
 * putaway after all and the order line waits for stock again. A task already moving is left alone.
 */
function onExpiry(w: World, id: number): void {
  const st = crossDockState(w);
  const t = st.tasks[id];
  if (!t || t.driver >= 0) return;
  delete st.tasks[id];
  st.ready.splice(st.ready.indexOf(id), 1);
  st.kpi.tasksExpired++;
  st.kpi.unitsExpired += t.qty;
  const r = inboundState(w).receipts[t.receipt]!;
  const bin = w.site.layout!.bins[t.from]!.code;
  const expired = body(w, t, 'crossdock.expired', bin, bin, null);
  post(w, expired);
  // Back to consigned stock: the liability its dock-to-dock consumption posted is reversed.
  if (expired.statusTo === 'consigned') reverseConsignmentLiability(w, t.item, t.lot, t.qty, expired.docs);
  const l = r.lines[t.line]!;
  l.crossDocked = (l.crossDocked ?? 0) - t.qty;
  // Tasks for the units first, so the line and receipt stay open when the cross-dock's task ends.
  putAwayLater(w, r, t.line, t.qty);
  l.openTasks--;
  r.openTasks--;
  detach(w, w.orders.get(t.order)!, t.orderLine, t.qty);
}

/**
 * Cross-dock: goods received for orders that wait for them (backorders, lines allocated short)
 * go from the staging lane to the pack station with a putaway driver, skipping putaway and the
 * pick. Inactive unless the scenario's `inbound.crossDock.enabled`.
 */
export const crossDockFlow = crossdock.flow({
  receiptStaged: onReceiptStaged,
  sources: [{ role: 'putaway', priority: 5, next: nextCrossDockJob }],
  events: { crossDockExpiry: (w, id) => onExpiry(w, id) },
  actions: { crossDockPickUp, crossDockDrop },
  kpis: crossDockKpis,
});
