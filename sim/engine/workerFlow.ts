import { EventKind, Priority, ShiftEdge } from './eventKinds.ts';
import type { Job, Step } from './job.ts';
import type { Worker } from './entities.ts';
import type { World } from './world.ts';
import { flowTables } from './flowRegistry.ts';
import { releaseResource } from './resources.ts';
import { holdAtLock, lockedAisleOf } from './aisleLocks.ts';

/**
 * The worker activity engine shared by every flow: a job is a list of steps (travel, work,
 * action); one future event per step. Flows plan jobs and react in step actions; this module
 * owns time accounting, shifts and breaks, and longest-idle-first dispatch.
 */

/** Gives a job to a worker and starts its first step. */
export function startJob(w: World, worker: Worker, job: Job): void {
  worker.job = job;
  worker.busySince = w.now;
  job.started = w.now;
  w.idle.remove(worker.index);
  startStep(w, worker, job);
}

/** Schedules the completion of the current step: travel, then work. */
export function startStep(w: World, worker: Worker, job: Job): void {
  const step = job.steps[job.cursor]!;
  // A step into a locked aisle waits for it to open (aisleLocks.ts); the unlock starts it.
  if (lockedAisleOf(w, worker, job, step) >= 0) return holdAtLock(w, worker);
  let leg = step.legM;
  if (leg < 0) leg = w.site.distance(worker, step);
  let travel = 0;
  if (leg > 0) {
    travel = Math.round((leg / worker.speed) * 1000);
    worker.stats.distanceM += leg;
    worker.stats.travelMs += travel;
    w.kpi.travelMsByKind[job.kind] = (w.kpi.travelMsByKind[job.kind] ?? 0) + travel;
  }
  // Flows plan the typical time; this person is faster or slower at it. Waits for others
  // (an approval, stock on its way) are not theirs to speed up.
  const workMs = step.workAs === 'wait' ? step.workMs : Math.round(step.workMs * worker.taskFactor);
  if (workMs > 0) {
    worker.stats.workMs[step.workAs] = (worker.stats.workMs[step.workAs] ?? 0) + workMs;
    const byKind = (w.kpi.workMsByKind[job.kind] ??= {});
    byKind[step.workAs] = (byKind[step.workAs] ?? 0) + workMs;
  }
  worker.fromX = worker.x;
  worker.fromY = worker.y;
  worker.moveStart = w.now;
  worker.moveEnd = w.now + travel;
  // A step that takes no time (no walk back, no paperwork) completes at once: no event needed,
  // and no look-up either (this is the worker's current job by construction).
  if (travel + workMs === 0) {
    worker.x = step.x;
    worker.y = step.y;
    runAction(w, worker, job, step);
  } else
    w.queue.push(w.now + travel + workMs, Priority.completion, EventKind.workerStep, worker.index, job.id);
}

/** A step's travel and work are done: move the worker there and run the step's action. */
export function onWorkerStep(w: World, workerIndex: number, jobId: number): void {
  const worker = w.workers[workerIndex]!;
  const job = worker.job;
  if (!job || job.id !== jobId) return; // a stale event for a job that was cut short
  const step = job.steps[job.cursor]!;
  worker.x = step.x;
  worker.y = step.y;
  runAction(w, worker, job, step);
}

function runAction(w: World, worker: Worker, job: Job, step: Step): void {
  const t = flowTables();
  // A person-driven worker's steps that take entries wait for them (sim/flows/handheld).
  const handler =
    (worker.driver === 'person' ? t.personActions[step.action] : undefined) ?? t.actions[step.action];
  if (!handler) throw new Error(`no handler for step action ${step.action} (job ${job.kind} ${job.id})`);
  const outcome = handler(w, worker, job, step);
  if (outcome === 'suspend') {
    worker.suspended = true;
    return;
  }
  advance(w, worker, job);
}

/** Moves on to the next step, or ends the job. */
export function advance(w: World, worker: Worker, job: Job): void {
  job.cursor++;
  if (job.cursor < job.steps.length) startStep(w, worker, job);
  else finishJob(w, worker, job);
}

/**
 * Wakes a suspended worker: the step's action runs again (it re-checks the situation that
 * made it wait), with the wait booked as work of kind 'wait'.
 */
export function resumeWorker(w: World, worker: Worker, waitedMs: number): void {
  const job = worker.job;
  if (!job || !worker.suspended) return;
  worker.suspended = false;
  worker.stats.workMs['wait'] = (worker.stats.workMs['wait'] ?? 0) + waitedMs;
  runAction(w, worker, job, job.steps[job.cursor]!);
}

/**
 * Wakes a suspended worker whose wait was settled by someone else (a supervisor's decision that
 * already planned what comes next): the wait is booked as work of kind 'wait' and the worker
 * moves on to the next step, without re-running the step that waited.
 */
export function resumeAfterWait(w: World, worker: Worker, waitedMs: number): void {
  const job = worker.job;
  if (!job || !worker.suspended) return;
  worker.suspended = false;
  worker.stats.workMs['wait'] = (worker.stats.workMs['wait'] ?? 0) + waitedMs;
  advance(w, worker, job);
}

/** Ends a job: resources back, the flow's completion hook, then free or off shift. */
export function finishJob(w: World, worker: Worker, job: Job): void {
  for (const r of job.resources) releaseResource(w, r);
  worker.job = null;
  worker.suspended = false;
  worker.stats.busyMs += w.now - worker.busySince;
  worker.busySince = -1;
  worker.stats.jobs[job.kind] = (worker.stats.jobs[job.kind] ?? 0) + 1;
  flowTables().jobDone.get(job.kind)?.(w, worker, job);
  if (worker.leavePending >= 0) {
    const edge = worker.leavePending;
    worker.leavePending = -1;
    leave(w, worker, edge);
  } else {
    becomeIdle(w, worker);
  }
  dispatch(w);
}

function becomeIdle(w: World, worker: Worker): void {
  worker.idleSince = w.now;
  w.idle.push(worker.index);
}

/**
 * Offers work to idle workers, longest idle first. Each role asks its sources in priority
 * order; a worker who finds nothing stays idle. Called whenever work or workers appear.
 */
export function dispatch(w: World): void {
  if (w.dispatching) {
    w.dispatchAgain = true;
    return;
  }
  w.dispatching = true;
  try {
    do {
      w.dispatchAgain = false;
      const sourcesByRole = flowTables().sources;
      // startJob removes the worker from `idle`, so the cursor only moves past workers who found nothing.
      let i = 0;
      while (i < w.idle.size) {
        const worker = w.workers[w.idle.at(i)]!;
        const sources = sourcesByRole.get(worker.role);
        let job = null;
        if (sources) {
          for (const s of sources) {
            job = s.next(w, worker);
            if (job) break;
          }
        }
        if (job) startJob(w, worker, job);
        else i++;
      }
    } while (w.dispatchAgain);
  } finally {
    w.dispatching = false;
  }
}

/** Shift calendar event: start or end a shift or a break (ends wait for the current job). */
export function onShiftEdge(w: World, workerIndex: number, edge: number): void {
  const worker = w.workers[workerIndex]!;
  if (edge === ShiftEdge.start || edge === ShiftEdge.breakEnd) {
    if (edge === ShiftEdge.start) {
      worker.onShift = true;
      worker.paidSince = w.now;
    }
    worker.onBreak = false;
    if (worker.leavePending === ShiftEdge.breakStart) worker.leavePending = -1;
    if (!worker.job && !w.idle.has(worker.index)) becomeIdle(w, worker);
    dispatch(w);
  } else if (worker.job) {
    // Finish the job in hand first: nobody drops a pallet in the aisle at the bell.
    if (worker.leavePending !== ShiftEdge.end) worker.leavePending = edge;
  } else {
    leave(w, worker, edge);
  }
}

function leave(w: World, worker: Worker, edge: number): void {
  w.idle.remove(worker.index);
  if (edge === ShiftEdge.end) {
    if (worker.paidSince >= 0) worker.stats.paidMs += w.now - worker.paidSince;
    worker.paidSince = -1;
    worker.onShift = false;
  } else {
    worker.onBreak = true;
    // A break that ended while the job ran is over already: come straight back.
    if (!w.shifts.onBreakAt(worker, w.now)) {
      worker.onBreak = false;
      becomeIdle(w, worker);
    }
  }
  if (edge === ShiftEdge.end && w.shifts.onShiftAt(worker, w.now)) {
    // The next shift began while finishing overtime work.
    worker.onShift = true;
    worker.paidSince = w.now;
    becomeIdle(w, worker);
  }
}
