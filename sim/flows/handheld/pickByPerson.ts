import type { World } from '../../engine/world.ts';
import type { PickTask, Worker } from '../../engine/entities.ts';
import type { Job, Step } from '../../engine/job.ts';
import type { PhysicalChange } from '../../exceptions/truthEvent.ts';
import { rateFor } from '../../exceptions/exceptionRate.ts';
import { stepDoc, truth } from '../../engine/applyEffects.ts';
import { resumeAfterWait } from '../../engine/workerFlow.ts';
import { confirmPick, type Taken } from '../picking/pickAtFace.ts';
import { handheld, newWait, type HandheldWait } from './handheldState.ts';
import { readEntry, readLot, readQuantity } from './readEntry.ts';
import type { EntryOutcome } from './entryTypes.ts';

/** The pick task a wait is for (it exists while the wait is open: only the wait ends it). */
function taskOf(w: World, wait: HandheldWait): PickTask {
  const t = w.tasks.get(wait.ref);
  if (!t) throw new Error(`handheld: pick task ${wait.ref} of an open wait is gone`);
  return t;
}

function binCode(w: World, t: PickTask): string {
  return w.site.layout!.bins[t.bin]!.code;
}

/**
 * A person-driven picker reached the face (the walk was simulated like anyone's): the chart
 * goes to `atBin` and the worker waits for the person's scans. An armed (or drawn) wrong lot is
 * made real first: the face physically holds another lot where the system books the task's
 * one, so the person's lot scan is what catches it.
 */
export function personPickArrive(w: World, worker: Worker, _job: Job, step: Step): 'suspend' {
  const task = w.tasks.get(step.arg)!;
  stepDoc(w, w.life.pickTask, task, w.E.taskArrived);
  if (w.tracked) wrongLotAtFace(w, worker, task);
  handheld.state(w).waits[worker.code] = newWait('pick', task.id, 0, w.now);
  return 'suspend';
}

function wrongLotAtFace(w: World, worker: Worker, task: PickTask): void {
  const item = w.site.items[task.item]!;
  if (!item.lotControlled) return;
  const who = { role: worker.role, shift: worker.shift, code: worker.code };
  if (w.random.stream('exceptions')() >= rateFor(w, 'wrongLot', who)) return;
  const bin = binCode(w, task);
  const have = w.physical.qty(bin, item.sku, task.lot, 'available');
  if (have <= 0) return;
  const other =
    w.physical.recordsOf(item.sku).find((r) => r.lot !== task.lot && r.lot !== '')?.lot ?? `${task.lot}X`;
  truth(
    w,
    null,
    [
      { bin, sku: item.sku, lot: task.lot, status: 'available', delta: -have },
      { bin, sku: item.sku, lot: other, status: 'available', delta: have },
    ],
    {
      cause: 'wrongLot',
      worker,
      bin,
      sku: item.sku,
      lot: task.lot,
      note: `face holds lot ${other}, system books ${task.lot}`,
    },
  );
}

/** One entry of a person-driven picker at the chart state their task is in. */
export function pickEntry(
  w: World,
  worker: Worker,
  wait: HandheldWait,
  input: 'binLabel' | 'gs1Item' | 'lot' | 'quantity',
  raw: string,
): EntryOutcome {
  const task = taskOf(w, wait);
  const item = w.site.items[task.item]!;
  const bin = binCode(w, task);
  if (input === 'binLabel') {
    const r = readEntry(w, raw);
    if (!r.ok) return { ok: false, reason: r.reason };
    if (r.kind !== 'location') return { ok: false, reason: 'expected a bin label, got an item' };
    if (r.bin !== bin) return { ok: false, reason: `wrong bin: ${r.bin} scanned, this pick is at ${bin}` };
    stepDoc(w, w.life.pickTask, task, w.E.taskBinScanned);
    return { ok: true };
  }
  if (input === 'gs1Item' || input === 'lot') {
    let lot: string | undefined;
    if (input === 'gs1Item') {
      const r = readEntry(w, raw);
      if (!r.ok) return { ok: false, reason: r.reason };
      if (r.kind !== 'item')
        return {
          ok: false,
          reason: `expected the item label (GTIN), got ${r.kind === 'location' ? `bin ${r.bin}` : 'text'}`,
        };
      if (r.hit.item.sku !== item.sku)
        return {
          ok: false,
          reason: `wrong item: GTIN ${r.gtin} is ${r.hit.item.sku}, this pick is ${item.sku}`,
        };
      wait.sku = item.sku;
      wait.factor = r.hit.factor;
      lot = r.lot;
      if (item.lotControlled && lot === undefined) {
        wait.needLot = true;
        return { ok: true };
      }
    } else {
      const r = readLot(w, raw);
      if (!r.ok) return { ok: false, reason: r.reason };
      lot = r.lot;
    }
    if (item.lotControlled && lot !== task.lot)
      return {
        ok: false,
        reason: `wrong lot: ${lot ?? '-'} scanned, this pick is lot ${task.lot}; declare the face short if that lot is not there`,
      };
    wait.needLot = false;
    wait.lot = task.lot;
    stepDoc(w, w.life.pickTask, task, w.E.taskItemScanned);
    return { ok: true };
  }
  const q = readQuantity(raw);
  if (!q.ok) return { ok: false, reason: q.reason };
  const base = q.qty * wait.factor;
  if (base > task.qty)
    return {
      ok: false,
      reason: `${base} is more than the line asks for (${task.qty}): take ${task.qty} or fewer`,
    };
  const taken = takenAtFace(w, task, bin, base);
  if (taken === null) return { ok: false, reason: `${bin} does not hold ${base} ${item.sku}: count again` };
  stepDoc(w, w.life.pickTask, task, w.E.taskQtyConfirmed, null, base >= task.qty ? w.E.taskFullQuantity : 0);
  finishPick(w, worker, task, base, taken === true ? null : taken);
  return { ok: true, done: base >= task.qty ? 'picked' : 'short' };
}

/**
 * What the person physically takes for `qty` of the task: its lot first, then other lots of
 * the item at the face (a wrong lot confirmed as if fine). True when it is all the task's lot,
 * null when the face does not physically hold that many.
 */
function takenAtFace(w: World, task: PickTask, bin: string, qty: number): Taken | true | null {
  const sku = w.site.items[task.item]!.sku;
  const own = Math.min(qty, w.physical.qty(bin, sku, task.lot, 'available'));
  if (own === qty) return true;
  const changes: PhysicalChange[] =
    own > 0 ? [{ bin, sku, lot: task.lot, status: 'available', delta: -own }] : [];
  const landed = own > 0 ? [{ sku, lot: task.lot, qty: own }] : [];
  let rest = qty - own;
  for (const r of w.physical.recordsIn(bin)) {
    if (rest === 0) break;
    if (r.sku !== sku || r.lot === task.lot || r.status !== 'available' || r.qty <= 0) continue;
    const n = Math.min(rest, r.qty);
    changes.push({ bin, sku, lot: r.lot, status: 'available', delta: -n });
    landed.push({ sku, lot: r.lot, qty: n });
    rest -= n;
  }
  if (rest > 0) return null;
  return {
    changes,
    landed,
    cause: 'wrongLot',
    note: `confirmed lot ${task.lot}, took ${landed.map((l) => l.lot).join('+')}`,
  };
}

/** The `short` exit: the person declares the face short (stock out): nothing more is taken. */
export function pickShort(w: World, worker: Worker, wait: HandheldWait): EntryOutcome {
  const task = taskOf(w, wait);
  stepDoc(w, w.life.pickTask, task, w.E.taskShortPicked);
  finishPick(w, worker, task, 0, null);
  return { ok: true, done: 'short' };
}

/** Posts the pick, skips the simulated service step (the person's entries were that time) and moves on. */
function finishPick(w: World, worker: Worker, task: PickTask, qty: number, taken: Taken | null): void {
  const job = worker.job!;
  const waited = w.now - handheld.state(w).waits[worker.code]!.since;
  delete handheld.state(w).waits[worker.code];
  // The tour's next step is this stop's service step: the cursor goes onto it so the pick's
  // departure starts the next stop's travel, and resuming advances past it.
  if (job.steps[job.cursor + 1]?.arg === task.id) job.cursor++;
  confirmPick(w, worker, job, task, qty, taken);
  resumeAfterWait(w, worker, waited);
}
