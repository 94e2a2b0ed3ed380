import { docCode } from '../../journal/docCode.ts';
import { actorOf } from '../../engine/actor.ts';
import type { World } from '../../engine/world.ts';
import type { Order, PickTask, Worker } from '../../engine/entities.ts';
import type { Job, Step } from '../../engine/job.ts';
import { orderCode } from './orderFlow.ts';
import type { Point } from '../../layout/types.ts';
import { picking } from './pickingState.ts';
import { post, stepDoc } from '../../engine/applyEffects.ts';

/** Does this task's bin sit above what a picker reaches from the floor? */
export function aboveReach(w: World, t: PickTask): boolean {
  return t.bin >= 0 && w.site.layout!.bins[t.bin]!.level > w.scenario.picking.reach.maxLevel;
}

/** Does any of these tasks need the reach equipment (order picker, reach truck)? */
export function needsReach(w: World, taskIds: readonly number[]): boolean {
  for (const id of taskIds) if (aboveReach(w, w.tasks.get(id)!)) return true;
  return false;
}

/** needsReach over task records. */
export function tasksNeedReach(w: World, tasks: readonly PickTask[]): boolean {
  for (const t of tasks) if (aboveReach(w, t)) return true;
  return false;
}

/**
 * What one visit to a face costs, by method. Discrete and zone: every task is its own pick.
 * Batch: tasks of several orders at the same bin and lot are picked summed, in one handling
 * (sorted to orders at pack). Cluster: one search and scan per bin, then each order's quantity
 * is counted into that order's tote on the cart (a put per line, no sort downstream).
 */
function visitKey(method: string, t: PickTask): string {
  if (method === 'batch') return `${t.bin}|${t.lot}`;
  if (method === 'cluster') return String(t.bin);
  return `t${t.id}`;
}

/**
 * Plans a pick tour over `tasks` for `orders`: stops in routed order, then back to the depot.
 * Neither array is kept (callers may pass scratch arrays). Without travel the job comes from the
 * world's pick-tour pool, its step records overwritten in place (handOver gives it back).
 */
export function buildTour(
  w: World,
  worker: Worker,
  orders: readonly Order[],
  tasks: readonly PickTask[],
): Job {
  for (const o of orders) {
    o.tours++;
    if (o.pickStart >= 0) continue;
    o.pickStart = w.now;
    stepDoc(w, w.life.order, o, w.E.orderPickStarted);
    const wait = w.now - o.released;
    w.kpi.waitTotal += wait;
    w.kpi.waitCount++;
    if (o.measured) w.kpi.waits.push(wait);
  }
  const method = w.scenario.picking.method;
  const pooled = !w.travelOn;
  const job = pooled ? w.pools.pickTour.take() : null;
  const steps: Step[] = job ? job.steps : [];
  // A pooled job's last step is its walk-back step: set aside, reused at the end.
  const spareBack = steps.pop();
  // Only batch and cluster share a visit between tasks; discrete and zone visit every task.
  const visited = method === 'batch' || method === 'cluster' ? new Set<string>() : null;
  let n = 0;
  for (const t of tasks) {
    stepDoc(w, w.life.pickTask, t, w.E.taskAssigned);
    const at = t.bin >= 0 ? w.site.binPoint(t.bin) : w.site.depot;
    let workMs = 0;
    const key = visited ? visitKey(method, t) : '';
    if (!visited || !visited.has(key)) {
      visited?.add(key);
      w.kpi.pickStops++;
      workMs += Math.round(w.sample.serviceSec(w.rng.service) * 1000);
      // Raising the platform to a high bin and lowering it again, once per visit.
      if (aboveReach(w, t)) {
        w.kpi.highPicks++;
        workMs += Math.round(w.sample.reachSec(w.rng.service) * 1000);
      }
    }
    if (method === 'cluster') {
      w.kpi.totePuts++;
      workMs += Math.round(w.sample.sortSec(w.rng.service) * 1000);
    }
    // Each stop is two steps: the walk, ending at the face (pickArrive), then the service time
    // there (pickAtFace), so the task's chart is at the face while the picker works at it.
    setStep(steps, n++, picking.act.pickArrive, t.id, at, 0);
    setStep(steps, n++, picking.act.pickAtFace, t.id, at, workMs);
  }
  while (steps.length > n) steps.pop();
  let backM = 0;
  let backVia: number[] | null = null;
  let ordered = steps;
  // A zone picker drops totes at the zone's front (onto the conveyor to consolidation), not the depot.
  const end = method === 'zone' && worker.zone !== null ? zoneDropPoint(w, worker.zone) : w.site.depot;
  if (w.travelOn) {
    // Routed by the arrival steps; each stop's service step follows its arrival.
    const arrivals = steps.filter((st) => st.action === picking.act.pickArrive);
    const routed = w.site.routeStops(
      worker,
      arrivals.map((st) => ({ task: st.arg, x: st.x, y: st.y, legM: 0 })),
      end,
    );
    const byTask = new Map<number, Step>();
    for (const st of steps) if (st.action === picking.act.pickAtFace) byTask.set(st.arg, st);
    const arriveOf = new Map(arrivals.map((st) => [st.arg, st]));
    ordered = routed.stops.flatMap((r) => [
      { ...arriveOf.get(r.task)!, legM: r.legM, via: r.via ?? [] },
      byTask.get(r.task)!,
    ]);
    backM = routed.backM;
    backVia = routed.backVia;
  }
  // The first leg starts as the tour is handed out (startJob starts it at once).
  if (ordered[0]) stepDoc(w, w.life.pickTask, w.tasks.get(ordered[0].arg)!, w.E.taskTravelStarted);
  const overheadMs = Math.round(w.sample.tourOverheadSec(w.rng.service) * 1000);
  if (spareBack !== undefined && backVia === null) {
    // Nothing writes into a step's `via`, so the spare's empty one is reused as it is.
    spareBack.x = end.x;
    spareBack.y = end.y;
    spareBack.legM = backM;
    spareBack.workMs = overheadMs;
    ordered.push(spareBack);
  } else {
    ordered.push({
      action: picking.act.tourBack,
      arg: 0,
      x: end.x,
      y: end.y,
      legM: backM,
      via: backVia ?? [],
      workMs: overheadMs,
      workAs: 'overhead',
    });
  }
  const id = ++w.counters.job;
  if (w.journalOn) {
    post(w, {
      type: 'tour.started',
      site: w.site.name,
      actor: actorOf(worker),
      qty: tasks.length,
      reason: `${orders.length} order${orders.length === 1 ? '' : 's'}`,
      docs: { tour: tourCode(id), order: orderCode(orders[0]!.id) },
    });
  }
  if (!job) {
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
  job.id = id;
  job.cursor = 0;
  job.started = w.now;
  while (job.resources.length > 0) job.resources.pop();
  job.ref = id;
  const ids = job.orders;
  while (ids.length > 0) ids.pop();
  for (const o of orders) ids.push(o.id);
  return job;
}

/** Writes step `i` of a tour in place (a pooled job's record) or appends a new one. */
function setStep(
  steps: Step[],
  i: number,
  action: Step['action'],
  task: number,
  at: Point,
  workMs: number,
): void {
  const st = steps[i];
  if (st === undefined) {
    steps.push({ action, arg: task, x: at.x, y: at.y, legM: 0, workMs, workAs: 'pick' });
    return;
  }
  st.action = action;
  st.arg = task;
  st.legM = 0;
  st.workAs = 'pick';
  st.x = at.x;
  st.y = at.y;
  st.workMs = workMs;
}

/** Hands a finished pick tour back to the pool, unless it picked up a field a fresh one lacks. */
export function recycleTour(w: World, job: Job): void {
  if (w.travelOn || job.waitStarted !== undefined) return;
  w.pools.pickTour.give(job);
}

/** Drop points by zone, derived from the layout (not run state), computed once per site. */
const dropPoints = new WeakMap<object, Map<string, Point>>();

/** The zone's storage location nearest the depot by aisle walk: where its pickers hand totes on. */
export function zoneDropPoint(w: World, zone: string): Point {
  let byZone = dropPoints.get(w.site);
  if (!byZone) dropPoints.set(w.site, (byZone = new Map()));
  let p = byZone.get(zone);
  if (!p) {
    let best = Infinity;
    p = w.site.depot;
    for (const b of w.site.layout?.bins ?? []) {
      if (b.zone !== zone || b.aisle < 0) continue;
      const d = w.site.distance(w.site.depot, b);
      if (d < best) {
        best = d;
        p = { x: b.x, y: b.y };
      }
    }
    byZone.set(zone, p);
  }
  return p;
}

/** Human tour number. */
export function tourCode(id: number): string {
  return docCode('tour', id);
}
