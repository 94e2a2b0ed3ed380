import { Priority } from '../../engine/eventKinds.ts';
import type { World } from '../../engine/world.ts';
import type { Order, PickTask, Worker } from '../../engine/entities.ts';
import type { Job } from '../../engine/job.ts';
import { acquireResource, resourceFree } from '../../engine/resources.ts';
import { resumeWorker } from '../../engine/workerFlow.ts';
import { onOrderArrival, onWaveRelease, orderCode, scheduleNextArrival } from './orderFlow.ts';
import { picking, pickingState } from './pickingState.ts';
import { pickingView } from './pickingView.ts';
import { completeOrder, orderPicked } from './shipping.ts';
import { MAX_FACE_WAIT_MS, pickArrive, pickAtFace } from './pickAtFace.ts';
import { buildTour, needsReach, recycleTour, tasksNeedReach } from './pickTour.ts';
import { backorder, onBackorderCancel, onBackorderRetry, stockAvailable } from './backorders.ts';
import { post, schedule } from '../../engine/applyEffects.ts';

/**
 * Picking: turns released orders into pick tours by the scenario's method and walks them.
 * discrete = one order a tour; batch/cluster = up to batchSize orders a tour (a cart, if the
 * scenario has carts); zone = a picker takes one order's lines in their own zone.
 */
export const pickingFlow = picking.flow({
  start(w) {
    scheduleNextArrival(w, 0);
    if (w.scenario.release.policy === 'wave') {
      schedule(
        w,
        Math.round(w.scenario.release.waveMinutes * 60_000),
        Priority.release,
        picking.ev.waveRelease,
      );
    }
  },
  events: {
    orderArrival: (w) => onOrderArrival(w, backorder),
    waveRelease: (w) => onWaveRelease(w),
    workerWaitTimeout: (w, worker, jobId) => onWaitTimeout(w, worker, jobId),
    backorderRetry: (w) => onBackorderRetry(w),
    backorderCancel: (w, orderId) => onBackorderCancel(w, orderId),
  },
  stockAvailable,
  sources: [{ role: 'picker', priority: 0, next: nextPickJob }],
  actions: {
    pickArrive: pickArrive,
    pickAtFace: pickAtFace,
    tourBack: () => undefined,
  },
  jobDone: { pick: (w, _worker, job) => handOver(w, job) },
  view: pickingView,
});

/** How far down the release queue a picker looks for work the free equipment allows. */
const LOOK_AHEAD = 500;

// Scratch lists of nextPickJob, reused call after call (buildTour keeps neither).
const scratchOrders: Order[] = [];
const scratchTasks: PickTask[] = [];

function nextPickJob(w: World, worker: Worker): Job | null {
  const method = w.scenario.picking.method;
  const equipment = w.scenario.picking.reach.equipment;
  const reachFree = resourceFree(w, equipment);
  let orders: Order[];
  let tasks: PickTask[];
  let carts = false;
  if (method === 'zone') {
    const taken = worker.zone === null ? null : takeZoneWork(w, worker.zone, reachFree);
    if (!taken) return null;
    orders = [taken.order];
    tasks = taken.tasks;
  } else {
    if (w.released.size === 0) return null;
    const n = method === 'discrete' ? 1 : w.scenario.picking.batchSize;
    carts = n > 1 && w.resources['cart'] !== undefined;
    if (carts && !resourceFree(w, 'cart')) return null;
    orders = scratchOrders;
    while (orders.length > 0) orders.pop();
    // Oldest first; while no reach equipment is free, orders with high lines wait their turn.
    for (let i = 0; i < w.released.size && i < LOOK_AHEAD && orders.length < n;) {
      const o = w.orders.get(w.released.at(i))!;
      if (!reachFree && needsReach(w, o.tasks)) {
        i++;
        continue;
      }
      w.released.remove(o.id);
      orders.push(o);
    }
    if (orders.length === 0) return null;
    tasks = scratchTasks;
    while (tasks.length > 0) tasks.pop();
    for (const o of orders) for (const id of o.tasks) tasks.push(w.tasks.get(id)!);
    if (carts) acquireResource(w, 'cart');
  }
  const high = tasksNeedReach(w, tasks);
  if (high) acquireResource(w, equipment);
  const job = buildTour(w, worker, orders, tasks);
  if (carts) job.resources.push('cart');
  if (high) job.resources.push(equipment);
  return job;
}

/**
 * Zone picking: the zone's queue holds the open task ids of released orders, one order's tasks
 * together, oldest order first. A picker takes one order's group (skipping groups with high
 * lines while no reach equipment is free). Tasks leave the queue only when taken, so a task
 * picked in another zone is never walked here.
 */
function takeZoneWork(
  w: World,
  zone: string,
  reachFree: boolean,
): { order: Order; tasks: PickTask[] } | null {
  const q = pickingState(w).zoneQueues[zone];
  if (!q || q.length === 0) return null;
  let i = 0;
  let groups = 0;
  while (i < q.length && groups < LOOK_AHEAD) {
    const orderId = w.tasks.get(q[i]!)!.order;
    let j = i;
    while (j < q.length && w.tasks.get(q[j]!)!.order === orderId) j++;
    const ids = q.slice(i, j);
    if (reachFree || !needsReach(w, ids)) {
      q.splice(i, j - i);
      if (q.length === 0) delete pickingState(w).zoneQueues[zone];
      return { order: w.orders.get(orderId)!, tasks: ids.map((id) => w.tasks.get(id)!) };
    }
    i = j;
    groups++;
  }
  return null;
}

/** Wakes pickers waiting at a bin (called by replenishment when stock lands there). */
export function wakePickersAt(w: World, bin: number): void {
  const s = pickingState(w);
  const list = s.waitingAt[bin];
  if (!list) return;
  delete s.waitingAt[bin];
  for (const i of list) {
    const worker = w.workers[i]!;
    if (worker.suspended && worker.job) resumeWorker(w, worker, w.now - (worker.job.waitStarted ?? w.now));
  }
}

function onWaitTimeout(w: World, workerIndex: number, jobId: number): void {
  const worker = w.workers[workerIndex]!;
  if (!worker.suspended || !worker.job || worker.job.id !== jobId) return;
  // The timer is keyed by the job, and a tour can wait at several faces: one set by an earlier
  // wait (ended early by stock) is due while a later wait runs. Only this wait's own timer, due
  // the chart's maxFaceWait after it began, ends it.
  if (w.now - (worker.job.waitStarted ?? w.now) < MAX_FACE_WAIT_MS) return;
  const s = pickingState(w);
  for (const [bin, list] of Object.entries(s.waitingAt)) {
    const i = list.indexOf(workerIndex);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) delete s.waitingAt[bin];
  }
  resumeWorker(w, worker, w.now - (worker.job.waitStarted ?? w.now));
}

/** End of a tour: orders whose every line is done go on to packing. */
function handOver(w: World, job: Job): void {
  w.kpi.toursCompleted++;
  for (const id of job.orders) {
    const o = w.orders.get(id)!;
    if (o.openTasks === 0 && o.picked < 0) {
      // Zone picking: the order's totes from every zone meet here before packing.
      if (o.tours > 1 && w.scenario.picking.method === 'zone') consolidate(w, o);
      orderPicked(w, o);
      if (!w.scenario.packing) completeOrder(w, o, true);
    }
  }
  recycleTour(w, job);
}

function consolidate(w: World, o: Order): void {
  w.kpi.ordersConsolidated++;
  if (w.journalOn)
    post(w, {
      type: 'order.consolidated',
      site: w.site.name,
      qty: o.tours,
      docs: { order: orderCode(o.id) },
    });
}
