import type { World } from '../../engine/world.ts';
import type { Worker } from '../../engine/entities.ts';
import type { Job, Step } from '../../engine/job.ts';
import type { ActionOutcome } from '../../engine/flowRegistry.ts';
import { resumeAfterWait } from '../../engine/workerFlow.ts';
import { replenishmentEvents as RE } from '../../machines/replenishmentTaskMachine.ts';
import { replenishmentState, type ReplenishmentTask } from '../replenishment/replenishmentState.ts';
import { replenishmentTable, taskStep } from '../replenishment/replenishmentTask.ts';
import {
  confirmAtFace,
  faceRoom,
  leaveForFace,
  pickUp,
  shortAtSource,
  takeFromReserve,
} from '../replenishment/replenishmentTrip.ts';
import { handheld, newWait, type HandheldWait } from './handheldState.ts';
import { readQuantity } from './readEntry.ts';
import { scanBin, takeFromBin } from './itemScan.ts';
import type { EntryOutcome } from './entryTypes.ts';
import { sellableStatus } from '../stockStatus/statusPolicy.ts';

function taskOf(w: World, wait: HandheldWait): ReplenishmentTask {
  const t = replenishmentState(w).open[wait.ref];
  if (!t) throw new Error(`handheld: replenishment task ${wait.ref} of an open wait is gone`);
  return t;
}

/** Is the task in this replenishment-chart state? */
export function replenIn(t: ReplenishmentTask, state: string): boolean {
  return t.state === replenishmentTable().state(JSON.stringify(state));
}

const code = (w: World, bin: number): string => w.site.layout!.bins[bin]!.code;

/**
 * A person-driven replenisher at the reserve bin (the walk was simulated): the chart's
 * `travellingToReserve` takes their bin, item and quantity entries. A face that filled up on
 * the way cancels the task as for anyone.
 */
export function personReplenPickUp(w: World, worker: Worker, job: Job, step: Step): ActionOutcome {
  const task = replenishmentState(w).open[step.arg]!;
  if (faceRoom(w, task) <= 0) return pickUp(w, worker, job, step);
  handheld.state(w).waits[worker.code] = newWait('replenish', task.id, 0, w.now);
  return 'suspend';
}

/** At the pick face: the stock is put down (`droppedAtForward`) and the face's label is waited for. */
export function personReplenDrop(w: World, worker: Worker, _job: Job, step: Step): ActionOutcome {
  const task = replenishmentState(w).open[step.arg]!;
  if (replenIn(task, 'travellingToForward')) taskStep(w, task, RE.dropped);
  handheld.state(w).waits[worker.code] = newWait('replenish', task.id, 0, w.now);
  return 'suspend';
}

/** One entry of a person-driven replenisher, at the chart state their task is in. */
export function replenEntry(
  w: World,
  worker: Worker,
  wait: HandheldWait,
  input: 'binLabel' | 'gs1Item' | 'lot' | 'quantity' | 'confirm',
  raw: string,
): EntryOutcome {
  const task = taskOf(w, wait);
  const item = w.site.items[task.item]!;
  const job = worker.job!;
  if (replenIn(task, 'pickedFromReserve')) {
    // `confirm`: leave for the face (the chart's forwardTravelStarted).
    leaveForFace(w, job, task);
    endWait(w, worker, wait);
    return { ok: true };
  }
  if (replenIn(task, 'droppedAtForward')) {
    const b = scanBin(w, raw);
    if (!b.ok) return b;
    if (b.bin !== code(w, task.face))
      return {
        ok: false,
        reason: `wrong bin: ${b.bin} scanned, this replenishment is for the face ${code(w, task.face)}`,
      };
    confirmAtFace(w, worker, task);
    endWait(w, worker, wait);
    return { ok: true, done: 'replenished' };
  }
  const src = code(w, task.source);
  const step = takeFromBin(
    w,
    wait,
    input,
    raw,
    { bin: src, item, lot: task.lot },
    (b) => `wrong bin: ${b} scanned, take the stock from ${src}`,
    (lot) => `wrong lot: ${lot} scanned, this replenishment takes lot ${task.lot}`,
  );
  if (step) return step;
  const q = readQuantity(raw);
  if (!q.ok) return q;
  const base = q.qty * wait.factor;
  const room = faceRoom(w, task);
  const floor = w.physical.qty(src, item.sku, task.lot, 'available');
  const booked = w.system.qty(src, item.sku, task.lot, sellableStatus(w, task.item));
  if (base <= 0) return { ok: false, reason: 'nothing taken: declare the reserve bin short instead' };
  if (base > room) return { ok: false, reason: `the face has room for ${room}: take ${room} or fewer` };
  if (base > floor) return { ok: false, reason: `${src} does not hold ${base} ${item.sku}: count again` };
  if (base > booked)
    return { ok: false, reason: `the system books ${booked} in ${src}: take ${booked} or fewer` };
  takeFromReserve(w, worker, task, base);
  wait.taken = 0;
  return { ok: true };
}

/** The `short` exit at the reserve bin: the task goes to the next reserve bin, or closes short. */
export function replenShort(w: World, worker: Worker, wait: HandheldWait): EntryOutcome {
  const task = taskOf(w, wait);
  shortAtSource(w, worker, worker.job!, task);
  const closed = replenishmentState(w).open[task.id] === undefined;
  endWait(w, worker, wait);
  return closed ? { ok: true, done: 'short' } : { ok: true };
}

function endWait(w: World, worker: Worker, wait: HandheldWait): void {
  delete handheld.state(w).waits[worker.code];
  resumeAfterWait(w, worker, w.now - wait.since);
}
