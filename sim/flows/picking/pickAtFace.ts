import { Priority } from '../../engine/eventKinds.ts';
import type { World } from '../../engine/world.ts';
import type { Order, PickTask, PickedStock, Worker } from '../../engine/entities.ts';
import type { Job, Step } from '../../engine/job.ts';
import { flowTables, triggerCount } from '../../engine/flowRegistry.ts';
import type { PhysicalChange } from '../../exceptions/truthEvent.ts';
import { exceptionsPossible, rateFor } from '../../exceptions/exceptionRate.ts';
import type { ExceptionCause, ExceptionKind } from '../../exceptions/exceptionSchema.ts';
import { orderCode, taskCode } from './orderFlow.ts';
import { picking, pickingState } from './pickingState.ts';
import { docCode } from '../../journal/docCode.ts';
import { directedTaskDone } from '../../kpi/scanCompliance.ts';
import { actorOf } from '../../engine/actor.ts';
import { holdAfterShortPick } from './shortPickHold.ts';
import { pickTaskMachine } from '../../machines/pickTaskMachine.ts';
import { chartAfterEvent, chartDelay } from '../../machines/chartDelay.ts';
import { post, schedule, stepDoc, truth } from '../../engine/applyEffects.ts';
import { settlePickTask } from '../stockStatus/liabilityReversal.ts';

/** Longest a picker waits at an empty face for replenishment before short-picking: the chart's delay. */
export const MAX_FACE_WAIT_MS = chartDelay(pickTaskMachine, 'maxFaceWait');

/** The chart's delayed transition out of `waitingStock`: what the engine sends when its timer runs out. */
export const FACE_WAIT_EXPIRED = chartAfterEvent(pickTaskMachine, 'waitingStock', 'maxFaceWait');

/** What the picker physically takes, which may differ from what the system is told. */
export interface Taken {
  /** Physical changes (bins left, pack station reached). */
  changes: PhysicalChange[];
  /** What lands at the pack station, for the physical side of shipping. */
  landed: { sku: string; lot: string; qty: number }[];
  cause: ExceptionCause | null;
  note?: string;
}

/**
 * The end of a stop's walk: the picker is at the face and scans its label as they stop (the
 * scan's second is part of the service time that follows, so arrival and bin scan share an
 * instant by design; the service time then runs as its own step, ending in pickAtFace).
 */
export function pickArrive(w: World, _worker: Worker, _job: Job, step: Step): void {
  const task = w.tasks.get(step.arg)!;
  stepDoc(w, w.life.pickTask, task, w.E.taskArrived);
  stepDoc(w, w.life.pickTask, task, w.E.taskBinScanned);
}

/**
 * The item scan and the quantity entry that end the service time at the face. They share the
 * instant: the service-time distribution covers the whole visit and nothing places the item
 * scan inside it, so both are stamped at its end. The chart's `fullQuantity` guard decides
 * picked or short from the quantity entered.
 */
function scanAndConfirm(w: World, task: PickTask, qty: number): void {
  stepDoc(w, w.life.pickTask, task, w.E.taskItemScanned);
  stepDoc(w, w.life.pickTask, task, w.E.taskQtyConfirmed, null, qty >= task.qty ? w.E.taskFullQuantity : 0);
}

/**
 * At the face, the service time done. Without stock tracking the pick always succeeds. With it,
 * the picker finds what is PHYSICALLY in the bin (the system may be wrong): enough → pick (now
 * and then the wrong lot or the wrong unit of measure); too little → an emergency pick from
 * reserve or an informal substitution (both unrecorded), or wait for replenishment, or
 * short-pick what is there.
 */
export function pickAtFace(w: World, worker: Worker, job: Job, step: Step): void | 'suspend' {
  const task = w.tasks.get(step.arg)!;
  const waiting = task.state === w.E.taskWaitingState;
  if (!w.tracked) {
    scanAndConfirm(w, task, task.qty);
    confirmPick(w, worker, job, task, task.qty, null);
    return;
  }
  const item = w.site.items[task.item]!;
  const binCode = w.site.layout!.bins[task.bin]!.code;
  const present = w.physical.qty(binCode, item.sku, task.lot, 'available');
  if (present < task.qty && !waiting) {
    const covered = coverShortFace(w, worker, task, binCode, present);
    if (covered) {
      scanAndConfirm(w, task, task.qty);
      confirmPick(w, worker, job, task, task.qty, covered);
      return;
    }
    if (flowTables().emptyFace.some((f) => f(w, worker, task.bin, item.sku))) {
      stepDoc(w, w.life.pickTask, task, w.E.taskWaitStock);
      (pickingState(w).waitingAt[task.bin] ??= []).push(worker.index);
      w.kpi.faceWaits++;
      job.waitStarted = w.now;
      schedule(
        w,
        w.now + MAX_FACE_WAIT_MS,
        Priority.completion,
        picking.ev.workerWaitTimeout,
        worker.index,
        job.id,
      );
      return 'suspend';
    }
  }
  if (waiting) {
    const waited = w.now - (job.waitStarted ?? w.now);
    w.kpi.faceWaitMs += waited;
    job.waitStarted = -1;
    // Still short when the wait ends: at the chart's maxFaceWait the engine's timer is the
    // chart's own `after` transition; stock that came and was not enough is the picker's short.
    if (present < task.qty) {
      const expired = waited >= MAX_FACE_WAIT_MS;
      stepDoc(
        w,
        w.life.pickTask,
        task,
        expired ? w.machines.pickTask.event(FACE_WAIT_EXPIRED) : w.E.taskShortPicked,
      );
    } else {
      stepDoc(w, w.life.pickTask, task, w.E.taskStockArrived);
      scanAndConfirm(w, task, task.qty);
    }
  } else {
    scanAndConfirm(w, task, Math.min(present, task.qty));
  }
  const qty = Math.min(present, task.qty);
  confirmPick(w, worker, job, task, qty, qty > 0 ? mistakeAtFace(w, worker, task, binCode, qty) : null);
}

/**
 * The picker leaves for the next stop the moment a pick is confirmed: that stop's task starts
 * travelling now (the tour's first stop starts travelling when the tour is handed out).
 */
function departNext(w: World, job: Job): void {
  const next = job.steps[job.cursor + 1];
  if (next?.action === picking.act.pickArrive)
    stepDoc(w, w.life.pickTask, w.tasks.get(next.arg)!, w.E.taskTravelStarted);
}

function rate(w: World, kind: ExceptionKind, worker: Worker): number {
  return rateFor(w, kind, { role: worker.role, shift: worker.shift, code: worker.code });
}

/** A short face made good off the books: reserve stock fetched unrecorded, or a similar item. */
function coverShortFace(
  w: World,
  worker: Worker,
  task: PickTask,
  binCode: string,
  present: number,
): Taken | null {
  if (!exceptionsPossible(w)) return null;
  const rng = w.random.stream('exceptions');
  const item = w.site.items[task.item]!;
  const missing = task.qty - present;
  const face: PhysicalChange[] =
    present > 0 ? [{ bin: binCode, sku: item.sku, lot: task.lot, status: 'available', delta: -present }] : [];
  if (rng() < rate(w, 'emergencyReservePick', worker)) {
    const src = [...w.physical.recordsOf(item.sku)].find(
      (r) => r.status === 'available' && r.bin !== binCode && r.qty >= missing && w.site.pickable(r.bin),
    );
    if (src) {
      return {
        changes: [
          ...face,
          { bin: src.bin, sku: item.sku, lot: src.lot, status: 'available', delta: -missing },
        ],
        landed: [
          ...(present > 0 ? [{ sku: item.sku, lot: task.lot, qty: present }] : []),
          { sku: item.sku, lot: src.lot, qty: missing },
        ],
        cause: 'emergencyReservePick',
        note: `${missing} from ${src.bin}`,
      };
    }
  }
  if (rng() < rate(w, 'substitution', worker)) {
    for (const other of w.site.items) {
      if (
        other.index === item.index ||
        other.family !== item.family ||
        other.temperature !== item.temperature
      )
        continue;
      const otherFace = w.site.forwardBinOf[other.index]!;
      if (otherFace < 0) continue;
      const code = w.site.layout!.bins[otherFace]!.code;
      const rec = w.physical
        .recordsOf(other.sku)
        .find((r) => r.bin === code && r.status === 'available' && r.qty >= missing);
      if (!rec) continue;
      return {
        changes: [...face, { bin: code, sku: other.sku, lot: rec.lot, status: 'available', delta: -missing }],
        landed: [
          ...(present > 0 ? [{ sku: item.sku, lot: task.lot, qty: present }] : []),
          { sku: other.sku, lot: rec.lot, qty: missing },
        ],
        cause: 'substitution',
        note: `${missing} × ${other.sku} for ${item.sku}`,
      };
    }
  }
  return null;
}

/** With enough at the face: now and then the wrong lot, or a case keyed as an each (or the reverse). */
function mistakeAtFace(w: World, worker: Worker, task: PickTask, binCode: string, qty: number): Taken | null {
  if (!exceptionsPossible(w)) return null;
  const rng = w.random.stream('exceptions');
  const item = w.site.items[task.item]!;
  if (item.lotControlled && rng() < rate(w, 'wrongLot', worker)) {
    const other = w.physical
      .recordsOf(item.sku)
      .find((r) => r.bin === binCode && r.status === 'available' && r.lot !== task.lot && r.qty >= qty);
    if (other) {
      return {
        changes: [{ bin: binCode, sku: item.sku, lot: other.lot, status: 'available', delta: -qty }],
        landed: [{ sku: item.sku, lot: other.lot, qty }],
        cause: 'wrongLot',
        note: `took lot ${other.lot} instead of ${task.lot}`,
      };
    }
  }
  const cs = item.uoms.find((u) => u.uom === 'CS' && u.factor > 1);
  if (cs && rng() < rate(w, 'uomError', worker)) {
    const have = w.physical.qty(binCode, item.sku, task.lot, 'available');
    // Keyed in eaches but cases taken (over-pick), when the face holds that many; else the reverse.
    const taken = qty * cs.factor <= have ? qty * cs.factor : Math.max(1, Math.floor(qty / cs.factor));
    if (taken !== qty) {
      return {
        changes: [{ bin: binCode, sku: item.sku, lot: task.lot, status: 'available', delta: -taken }],
        landed: [{ sku: item.sku, lot: task.lot, qty: taken }],
        cause: 'uomError',
        note: `${taken} units taken for ${qty} keyed (case of ${cs.factor})`,
      };
    }
  }
  return null;
}

/** Posts the pick the system is told about, and what physically happened when that differs. */
export function confirmPick(
  w: World,
  worker: Worker,
  job: Job,
  task: PickTask,
  qty: number,
  taken: Taken | null,
): void {
  const order = w.orders.get(task.order)!;
  order.lines[task.line]!.picked += qty;
  order.openTasks--;
  worker.stats.linesPicked++;
  const zone = task.zone || '-';
  w.kpi.linesByZone[zone] = (w.kpi.linesByZone[zone] ?? 0) + 1;
  const shift = worker.shift ?? '-';
  w.kpi.linesByShift[shift] = (w.kpi.linesByShift[shift] ?? 0) + 1;
  if (w.tracked || w.journalOn) postPick(w, worker, job, task, order, qty, taken);
  directedTaskDone(w.kpi.scan, 'pick');
  w.dropTask(task);
  departNext(w, job);
}

function postPick(
  w: World,
  worker: Worker,
  job: Job,
  task: PickTask,
  order: Order,
  qty: number,
  taken: Taken | null,
): void {
  const sku = w.site.items[task.item]!.sku;
  // Document references are for the journal only (no hook reads a pick's): with the journal off,
  // a pick builds none of their strings.
  const docs = w.journalOn
    ? {
        order: orderCode(order.id),
        line: task.line + 1,
        task: taskCode(task.id),
        tour: docCode('tour', job.id),
      }
    : undefined;
  const actor = actorOf(worker);
  if (!w.tracked) {
    post(w, { type: 'pick.confirmed', site: w.site.name, actor, sku, qty, uom: 'EA', docs });
    return;
  }
  const binCode = w.site.layout!.bins[task.bin]!.code;
  if (qty > 0) {
    const picked: PickedStock = {
      line: task.line,
      item: task.item,
      lot: task.lot,
      qty,
      landed: taken ? taken.landed : [{ sku, lot: task.lot, qty }],
    };
    order.picks.push(picked);
    const body = {
      type: 'pick.confirmed' as const,
      site: w.site.name,
      actor,
      bin: binCode,
      toBin: w.site.packBin,
      sku,
      lot: task.lot || undefined,
      qty,
      uom: 'EA',
      baseQty: qty,
      statusFrom: 'allocated' as const,
      statusTo: 'allocated' as const,
      docs,
    };
    if (!taken) post(w, body);
    else {
      const landed = taken.landed.map((l) => ({
        bin: w.site.packBin,
        sku: l.sku,
        lot: l.lot,
        status: 'available' as const,
        delta: l.qty,
      }));
      truth(w, body, [...taken.changes, ...landed], {
        cause: taken.cause!,
        worker,
        bin: binCode,
        sku,
        lot: task.lot,
        note: taken.note,
      });
    }
  } else if (taken) {
    // Nothing booked as picked, yet something was taken (never happens today: kept total).
    truth(w, null, taken.changes, {
      cause: taken.cause!,
      worker,
      bin: binCode,
      sku,
      lot: task.lot,
      note: taken.note,
    });
  }
  if (qty < task.qty) {
    post(w, {
      type: 'pick.short',
      site: w.site.name,
      actor: actorOf(worker, 'keyed'),
      bin: binCode,
      sku,
      lot: task.lot || undefined,
      qty: task.qty - qty,
      uom: 'EA',
      baseQty: task.qty - qty,
      statusFrom: 'allocated',
      statusTo: 'available',
      reason: 'empty-face',
      docs,
    });
    w.kpi.shortPicks++;
    holdAfterShortPick(w, binCode, sku, task.lot);
    triggerCount(w, task.bin, 'short-pick');
  }
  // Consigned units the allocation consumed and the short pick freed are the vendor's again.
  settlePickTask(w, task.id, task.item, task.lot, task.qty - qty, docs);
  for (const f of flowTables().picked) f(w, task.bin, sku);
  // The system thinks the pick emptied the bin of this item: a zero-confirmation count checks it.
  if (w.system.recordsIn(binCode).every((r) => r.sku !== sku)) triggerCount(w, task.bin, 'zero-stock');
}
