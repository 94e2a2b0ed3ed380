import { EventKind, Priority } from '../../engine/eventKinds.ts';
import type { World } from '../../engine/world.ts';
import type { Order, PickTask, Worker } from '../../engine/entities.ts';
import type { Job, Step } from '../../engine/job.ts';
import { StepAction } from '../../engine/stepActions.ts';
import type { Flow } from '../../engine/flowRegistry.ts';
import { acquireResource, resourceFree } from '../../engine/resources.ts';
import { resumeWorker } from '../../engine/workerFlow.ts';
import { onOrderArrival, onWaveRelease, orderCode, scheduleNextArrival } from './orderFlow.ts';
import { pickingState } from './pickingState.ts';
import { completeOrder, orderPicked } from './shipping.ts';
import { pickAtFace } from './pickAtFace.ts';
import { docCode } from '../../journal/docCode.ts';
import { actorOf } from '../../engine/actor.ts';

/**
 * Picking: turns released orders into pick tours by the scenario's method and walks them.
 * discrete = one order a tour; batch/cluster = up to batchSize orders a tour (a cart, if the
 * scenario has carts); zone = a picker takes one order's lines in their own zone.
 */
export const pickingFlow: Flow = {
  name: 'picking',
  start(w) {
    scheduleNextArrival(w, 0);
    if (w.scenario.release.policy === 'wave') {
      w.queue.push(
        Math.round(w.scenario.release.waveMinutes * 60_000),
        Priority.release,
        EventKind.waveRelease,
      );
    }
  },
  events: {
    [EventKind.orderArrival]: (w) => onOrderArrival(w),
    [EventKind.waveRelease]: (w) => onWaveRelease(w),
    [EventKind.workerWaitTimeout]: (w, worker, jobId) => onWaitTimeout(w, worker, jobId),
  },
  sources: [{ role: 'picker', priority: 0, next: nextPickJob }],
  actions: {
    [StepAction.pickAtFace]: pickAtFace,
    [StepAction.tourBack]: () => undefined,
  },
  jobDone: { pick: (w, _worker, job) => handOver(w, job) },
};

function nextPickJob(w: World, worker: Worker): Job | null {
  const method = w.scenario.picking.method;
  const orders: Order[] = [];
  const tasks: PickTask[] = [];
  if (method === 'zone') {
    const q = worker.zone === null ? undefined : pickingState(w).zoneQueues[worker.zone];
    if (!q || q.length === 0) return null;
    const o = w.orders.get(q.shift()!)!;
    orders.push(o);
    for (const id of o.tasks) {
      const t = w.tasks.get(id)!;
      if (t.zone === worker.zone && t.state === w.machines.pickTask.initial) tasks.push(t);
    }
  } else {
    if (w.released.size === 0) return null;
    const n = method === 'discrete' ? 1 : w.scenario.picking.batchSize;
    const carts = n > 1 && w.resources['cart'] !== undefined;
    if (carts && !resourceFree(w, 'cart')) return null;
    while (orders.length < n && w.released.size > 0) orders.push(w.orders.get(w.released.shift())!);
    for (const o of orders) for (const id of o.tasks) tasks.push(w.tasks.get(id)!);
    if (carts) acquireResource(w, 'cart');
  }
  const job = buildTour(w, worker, orders, tasks);
  if (method !== 'discrete' && method !== 'zone' && w.resources['cart'] !== undefined)
    job.resources.push('cart');
  return job;
}

function buildTour(w: World, worker: Worker, orders: Order[], tasks: PickTask[]): Job {
  for (const o of orders) {
    if (o.pickStart >= 0) continue;
    o.pickStart = w.now;
    w.orderStep(o, w.E.orderPickStarted);
    const wait = w.now - o.released;
    w.kpi.waitTotal += wait;
    w.kpi.waitCount++;
    if (o.measured) {
      w.kpi.waits.push(wait);
    }
  }
  const cluster = w.scenario.picking.method === 'cluster';
  const steps: Step[] = [];
  for (const t of tasks) {
    w.taskStep(t, w.E.taskAssigned);
    const at = t.bin >= 0 ? w.site.binPoint(t.bin) : w.site.depot;
    let workMs = Math.round(w.sample.serviceSec(w.rng.service) * 1000);
    // Cluster picking puts each line into its order's tote at the face.
    if (cluster) workMs += Math.round(w.sample.sortSec(w.rng.service) * 1000);
    steps.push({
      action: StepAction.pickAtFace,
      arg: t.id,
      x: at.x,
      y: at.y,
      legM: 0,
      workMs,
      workAs: 'pick',
    });
  }
  let backM = 0;
  let backVia: number[] = [];
  let ordered = steps;
  if (w.travelOn) {
    const routed = w.site.routeStops(
      worker,
      steps.map((s) => ({ task: s.arg, x: s.x, y: s.y, legM: 0 })),
    );
    const byTask = new Map(steps.map((s) => [s.arg, s]));
    ordered = routed.stops.map((r) => ({ ...byTask.get(r.task)!, legM: r.legM, via: r.via ?? [] }));
    backM = routed.backM;
    backVia = routed.backVia;
  }
  const depot = w.site.depot;
  ordered.push({
    action: StepAction.tourBack,
    arg: 0,
    x: depot.x,
    y: depot.y,
    legM: backM,
    via: backVia,
    workMs: Math.round(w.sample.tourOverheadSec(w.rng.service) * 1000),
    workAs: 'overhead',
  });
  const id = ++w.counters.job;
  if (w.journalOn) {
    w.commit({
      type: 'tour.started',
      site: w.site.name,
      actor: actorOf(worker),
      qty: tasks.length,
      docs: { tour: tourCode(id), order: orderCode(orders[0]!.id) },
    });
  }
  return {
    id,
    kind: 'pick',
    steps: ordered,
    cursor: 0,
    started: w.now,
    resources: [],
    ref: id,
    orders: orders.map((o) => o.id),
  };
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
      orderPicked(w, o);
      if (!w.scenario.packing) completeOrder(w, o, true);
    }
  }
}

/** Human tour number. */
export function tourCode(id: number): string {
  return docCode('tour', id);
}
