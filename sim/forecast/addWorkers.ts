import { EventKind, Priority } from '../engine/eventKinds.ts';
import type { World } from '../engine/world.ts';
import type { Worker } from '../engine/entities.ts';
import { dispatch } from '../engine/workerFlow.ts';

/**
 * Adds `count` workers of a role to a forked world at its current time: copies of the role's
 * first worker's group (shift, zone, walking speed without the personal factor), standing at
 * the depot, on shift and idle when their shift says so, with their next shift edge scheduled
 * as a run's start schedules every worker's. Numbered after the group's own (`pick-07` …).
 */
export function addWorkers(w: World, role: string, count: number): void {
  const model = w.workers.find((x) => x.role === role);
  if (!model) throw new Error(`no ${role} to copy`);
  const group = w.scenario.workers[model.group];
  const prefix = group?.prefix ?? role.slice(0, 4);
  const inGroup = w.workers.filter((x) => x.group === model.group).length;
  const depot = w.site.depot;
  for (let i = 0; i < count; i++) {
    const index = w.workers.length;
    const added: Worker = {
      ...structuredClone(model),
      index,
      code: `${prefix}-${String(inGroup + i + 1).padStart(2, '0')}`,
      speed: group?.speed ?? model.speed,
      speedFactor: 1,
      taskFactor: 1,
      device: `${w.scenario.people.devicePrefix}-${String(index + 1).padStart(3, '0')}`,
      x: depot.x,
      y: depot.y,
      fromX: depot.x,
      fromY: depot.y,
      moveStart: w.now,
      moveEnd: w.now,
      job: null,
      onShift: w.shifts.onShiftAt(model, w.now),
      onBreak: w.shifts.onBreakAt(model, w.now),
      leavePending: -1,
      suspended: false,
      idleSince: w.now,
      paidSince: -1,
      busySince: -1,
      stats: { travelMs: 0, workMs: {}, distanceM: 0, paidMs: 0, busyMs: 0, jobs: {}, linesPicked: 0 },
    };
    if (added.onShift) added.paidSince = w.now;
    w.workers.push(added);
    if (added.onShift && !added.onBreak) w.idle.push(index);
    const next = w.shifts.nextEdge(added, w.now);
    if (next) w.queue.push(next.t, Priority.shift, EventKind.shiftEdge, index, next.edge);
  }
  dispatch(w);
}
