import { docCode } from '../../journal/docCode.ts';
import { actorOf } from '../../engine/actor.ts';
import type { World } from '../../engine/world.ts';
import type { Order, PickTask, Worker } from '../../engine/entities.ts';
import type { Job, Step } from '../../engine/job.ts';
import { StepAction } from '../../engine/stepActions.ts';
import { sampler } from '../../random/distribution.ts';
import { orderCode } from './orderFlow.ts';
import type { Point } from '../../layout/types.ts';

/** Does this task's bin sit above what a picker reaches from the floor? */
export function aboveReach(w: World, t: PickTask): boolean {
  return t.bin >= 0 && w.site.layout!.bins[t.bin]!.level > w.scenario.picking.reach.maxLevel;
}

/** Does any of these tasks need the reach equipment (order picker, reach truck)? */
export function needsReach(w: World, taskIds: readonly number[]): boolean {
  return taskIds.some((id) => aboveReach(w, w.tasks.get(id)!));
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

/** Plans a pick tour over `tasks` for `orders`: stops in routed order, then back to the depot. */
export function buildTour(w: World, worker: Worker, orders: Order[], tasks: PickTask[]): Job {
  for (const o of orders) {
    o.tours++;
    if (o.pickStart >= 0) continue;
    o.pickStart = w.now;
    w.orderStep(o, w.E.orderPickStarted);
    const wait = w.now - o.released;
    w.kpi.waitTotal += wait;
    w.kpi.waitCount++;
    if (o.measured) w.kpi.waits.push(wait);
  }
  const method = w.scenario.picking.method;
  const reachSec = sampler(w.scenario.picking.reach.time);
  const visited = new Set<string>();
  const steps: Step[] = [];
  for (const t of tasks) {
    w.taskStep(t, w.E.taskAssigned);
    const at = t.bin >= 0 ? w.site.binPoint(t.bin) : w.site.depot;
    const key = visitKey(method, t);
    let workMs = 0;
    if (!visited.has(key)) {
      visited.add(key);
      w.kpi.pickStops++;
      workMs += Math.round(w.sample.serviceSec(w.rng.service) * 1000);
      // Raising the platform to a high bin and lowering it again, once per visit.
      if (aboveReach(w, t)) {
        w.kpi.highPicks++;
        workMs += Math.round(reachSec(w.rng.service) * 1000);
      }
    }
    if (method === 'cluster') {
      w.kpi.totePuts++;
      workMs += Math.round(w.sample.sortSec(w.rng.service) * 1000);
    }
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
  // A zone picker drops totes at the zone's front (onto the conveyor to consolidation), not the depot.
  const end = method === 'zone' && worker.zone !== null ? zoneDropPoint(w, worker.zone) : w.site.depot;
  if (w.travelOn) {
    const routed = w.site.routeStops(
      worker,
      steps.map((s) => ({ task: s.arg, x: s.x, y: s.y, legM: 0 })),
      end,
    );
    const byTask = new Map(steps.map((s) => [s.arg, s]));
    ordered = routed.stops.map((r) => ({ ...byTask.get(r.task)!, legM: r.legM, via: r.via ?? [] }));
    backM = routed.backM;
    backVia = routed.backVia;
  }
  // Each stop is two steps: the walk, ending at the face (pickArrive), then the service time
  // there (pickAtFace), so the task's chart is at the face while the picker works at it.
  ordered = ordered.flatMap((st) => [
    { ...st, action: StepAction.pickArrive, workMs: 0 },
    { action: st.action, arg: st.arg, x: st.x, y: st.y, legM: 0, workMs: st.workMs, workAs: st.workAs },
  ]);
  // The first leg starts as the tour is handed out (startJob starts it at once).
  if (ordered[0]) w.taskStep(w.tasks.get(ordered[0].arg)!, w.E.taskTravelStarted);
  ordered.push({
    action: StepAction.tourBack,
    arg: 0,
    x: end.x,
    y: end.y,
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
      reason: `${orders.length} order${orders.length === 1 ? '' : 's'}`,
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
