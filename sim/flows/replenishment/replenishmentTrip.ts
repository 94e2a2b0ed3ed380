import type { World } from '../../engine/world.ts';
import type { Worker } from '../../engine/entities.ts';
import type { Job, Step } from '../../engine/job.ts';
import { acquireResource, resourceFree } from '../../engine/resources.ts';
import { dispatch } from '../../engine/workerFlow.ts';
import { replenishmentEvents as RE } from '../../machines/replenishmentTaskMachine.ts';
import { sampler } from '../../random/distribution.ts';
import { wakePickersAt } from '../picking/pickingFlow.ts';
import { faceLevels, faceOnHand, replenishQty, reserveSources } from './faceStock.ts';
import {
  recordResponse,
  replenishment,
  replenishmentState,
  type ReplenishmentTask,
} from './replenishmentState.ts';
import { directedTaskDone } from '../../kpi/scanCompliance.ts';
import { actorOf } from '../../engine/actor.ts';
import { replenishmentCode, taskStep, truckBin } from './replenishmentTask.ts';
import { checkFace } from './replenishmentTriggers.ts';
import { sellableStatus } from '../stockStatus/statusPolicy.ts';

/** Offers the first waiting task a driver may take (`which`: all, urgent only, none). */
export function nextJob(w: World, worker: Worker, which: 'all' | 'urgent' | 'none'): Job | null {
  if (!w.scenario.replenishment || which === 'none') return null;
  const s = replenishmentState(w);
  const forklifts = w.resources['forklift'] !== undefined;
  for (let i = 0; i < s.queue.length; i++) {
    const task = s.open[s.queue[i]!]!;
    if (which === 'urgent' && task.trigger !== 'emergency') continue;
    if (forklifts && !resourceFree(w, 'forklift')) return null;
    s.queue.splice(i--, 1);
    const src = reserveSources(w, task.item)[0];
    if (!src) {
      // Reserve emptied since the trigger: nothing to move.
      close(w, task, 'cancelled');
      continue;
    }
    task.worker = worker.index;
    task.source = src.bin;
    task.lot = src.r.lot;
    taskStep(w, task, RE.assigned);
    taskStep(w, task, RE.travelStarted);
    const job: Job = {
      id: ++w.counters.job,
      kind: 'replenish',
      steps: [pickUpStep(w, task)],
      cursor: 0,
      started: w.now,
      resources: [],
      ref: task.id,
      orders: [],
    };
    if (forklifts) {
      acquireResource(w, 'forklift');
      job.resources.push('forklift');
    }
    return job;
  }
  return null;
}

function workMs(w: World, which: 'pickUpTime' | 'dropTime'): number {
  const d = w.scenario.replenishment![which];
  return Math.round(sampler(d)(w.random.stream('replenishment')) * 1000);
}

function pickUpStep(w: World, task: ReplenishmentTask): Step {
  const at = w.site.binPoint(task.source);
  return {
    action: replenishment.act.replenPickUp,
    arg: task.id,
    x: at.x,
    y: at.y,
    legM: -1,
    workMs: workMs(w, 'pickUpTime'),
    workAs: 'handle',
  };
}

/** At the reserve bin: take what the face has room for, or handle a short source. */
export function pickUp(w: World, worker: Worker, job: Job, st: Step): void {
  const task = replenishmentState(w).open[st.arg]!;
  const item = w.site.items[task.item]!;
  const room = faceRoom(w, task);
  if (room <= 0) {
    // The face was filled by other means while the driver was on the way.
    close(w, task, 'cancelled');
    return;
  }
  const src = w.site.layout!.bins[task.source]!;
  // Physically there and on the system's books (both, so the move never drives either negative).
  const present = Math.min(
    w.physical.qty(src.code, item.sku, task.lot, 'available'),
    w.system.qty(src.code, item.sku, task.lot, sellableStatus(w, task.item)),
  );
  if (present <= 0) {
    shortAtSource(w, worker, job, task);
    return;
  }
  takeFromReserve(w, worker, task, replenishQty(w, task.item, room, present));
  leaveForFace(w, job, task);
}

/** Units the task's forward face has room for now (the system's view of it). */
export function faceRoom(w: World, task: ReplenishmentTask): number {
  return faceLevels(w, task.item).max - faceOnHand(w, task.item);
}

/**
 * The reserve bin lacks the stock (found so, or declared so from a handheld): the task goes to
 * the next reserve bin of the item (a new pick-up step), or closes short when there is none.
 */
export function shortAtSource(w: World, worker: Worker, job: Job, task: ReplenishmentTask): void {
  const s = replenishmentState(w);
  const item = w.site.items[task.item]!;
  const src = w.site.layout!.bins[task.source]!;
  const body = w.journalOn
    ? {
        type: 'replenishment.shortAtReserve' as const,
        site: w.site.name,
        actor: actorOf(worker),
        bin: src.code,
        sku: item.sku,
        lot: task.lot || undefined,
        docs: { task: replenishmentCode(task.id) },
      }
    : null;
  taskStep(w, task, RE.shortAtReserve, body);
  s.shortAtReserve++;
  const alt = reserveSources(w, task.item, task.source)[0];
  if (alt) {
    taskStep(w, task, RE.redirected);
    s.redirected++;
    task.source = alt.bin;
    task.lot = alt.r.lot;
    job.steps.push(pickUpStep(w, task));
  } else {
    close(w, task, 'closedShort');
  }
}

/** `qty` units of the task's lot leave the reserve bin onto the driver's truck. */
export function takeFromReserve(w: World, worker: Worker, task: ReplenishmentTask, qty: number): void {
  const item = w.site.items[task.item]!;
  task.qty = qty;
  taskStep(w, task, RE.reservePicked, {
    type: 'replenishment.pickedUp',
    site: w.site.name,
    actor: actorOf(worker),
    bin: w.site.layout!.bins[task.source]!.code,
    toBin: truckBin(worker),
    sku: item.sku,
    lot: task.lot || undefined,
    qty,
    uom: item.baseUom,
    baseQty: qty,
    statusFrom: sellableStatus(w, task.item),
    statusTo: sellableStatus(w, task.item),
    docs: { task: replenishmentCode(task.id) },
  });
}

/** The driver leaves for the forward face: the chart's forward travel and the drop step. */
export function leaveForFace(w: World, job: Job, task: ReplenishmentTask): void {
  taskStep(w, task, RE.forwardTravelStarted);
  const at = w.site.binPoint(task.face);
  job.steps.push({
    action: replenishment.act.replenDrop,
    arg: task.id,
    x: at.x,
    y: at.y,
    legM: -1,
    workMs: workMs(w, 'dropTime'),
    workAs: 'handle',
  });
}

/** At the face: put the stock in, confirm the bin, wake waiting pickers, re-check the face. */
export function drop(w: World, worker: Worker, _job: Job, st: Step): void {
  const task = replenishmentState(w).open[st.arg]!;
  taskStep(w, task, RE.dropped);
  confirmAtFace(w, worker, task);
}

/** The forward bin scan (the stock is down at the face): the system moves it; the task is done. */
export function confirmAtFace(w: World, worker: Worker, task: ReplenishmentTask): void {
  const s = replenishmentState(w);
  const item = w.site.items[task.item]!;
  taskStep(w, task, RE.confirmed, {
    type: 'replenishment.confirmed',
    site: w.site.name,
    actor: actorOf(worker),
    bin: truckBin(worker),
    toBin: w.site.layout!.bins[task.face]!.code,
    sku: item.sku,
    lot: task.lot || undefined,
    qty: task.qty,
    uom: item.baseUom,
    baseQty: task.qty,
    statusFrom: sellableStatus(w, task.item),
    statusTo: sellableStatus(w, task.item),
    docs: { task: replenishmentCode(task.id) },
  });
  s.completed++;
  s.unitsMoved += task.qty;
  recordResponse(s, w.now - task.created);
  close(w, task, 'done');
  wakePickersAt(w, task.face);
  // A small source may leave the face still at or below min: go again.
  if (checkFace(w, task.item, 'min-max')) dispatch(w);
}

/**
 * Closes a task (exported for the handheld driver): done (its confirmed step already taken), or cancelled / closed short, whose
 * lifecycle step (cancelled, abandoned) and journal event are one effect here.
 */
export function close(w: World, task: ReplenishmentTask, how: 'done' | 'cancelled' | 'closedShort'): void {
  const s = replenishmentState(w);
  // A directed task only once someone was sent; one cancelled in the queue was never worked.
  if (task.worker >= 0) directedTaskDone(w.kpi.scan, 'replenishment');
  delete s.open[task.id];
  if (s.byFace[task.face] === task.id) delete s.byFace[task.face];
  if (how === 'cancelled') s.cancelled++;
  if (how === 'closedShort') s.closedShort++;
  if (how === 'done') return;
  const body = w.journalOn
    ? {
        type:
          how === 'cancelled' ? ('replenishment.cancelled' as const) : ('replenishment.closedShort' as const),
        site: w.site.name,
        bin: w.site.layout!.bins[task.face]!.code,
        sku: w.site.items[task.item]!.sku,
        docs: { task: replenishmentCode(task.id) },
      }
    : null;
  taskStep(w, task, how === 'cancelled' ? RE.cancelled : RE.abandoned, body);
}
