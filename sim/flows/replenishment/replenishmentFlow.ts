import type { World } from '../../engine/world.ts';
import type { Worker } from '../../engine/entities.ts';
import type { Job, Step } from '../../engine/job.ts';
import { acquireResource, resourceFree } from '../../engine/resources.ts';
import { dispatch } from '../../engine/workerFlow.ts';
import { compileMachine, type CompiledMachine } from '../../machines/compileMachine.ts';
import type { Lifecycle } from '../../engine/effect.ts';
import type { JournalEventBody } from '../../journal/journalEvent.ts';
import {
  replenishmentEvents as RE,
  replenishmentTaskMachine,
  type ReplenishmentEventType,
} from '../../machines/replenishmentTaskMachine.ts';
import { sampler } from '../../random/distribution.ts';
import { wakePickersAt } from '../picking/pickingFlow.ts';
import {
  faceLevels,
  faceOnHand,
  itemOfSku,
  qtyAt,
  replenishQty,
  reserveHasStock,
  reserveSources,
} from './faceStock.ts';
import {
  replenishment,
  replenishmentState,
  type ReplenishmentTask,
  type ReplenishmentTrigger,
} from './replenishmentState.ts';
import { replenishmentKpis } from './replenishmentKpis.ts';
import { replenishmentView } from './replenishmentView.ts';
import { docCode } from '../../journal/docCode.ts';
import { directedTaskDone } from '../../kpi/scanCompliance.ts';
import { actorOf } from '../../engine/actor.ts';
import { post, stepDoc } from '../../engine/applyEffects.ts';

let table: CompiledMachine | null = null;
/** The compiled replenishment-task machine (compiled once per process). */
export function replenishmentTable(): CompiledMachine {
  table ??= compileMachine(replenishmentTaskMachine);
  return table;
}

let life: Lifecycle | null = null;
/**
 * Steps a task's lifecycle and, only if the step is legal, posts `body` (its journal event, null
 * for none) as one effect; an illegal step is an engine bug, so it throws.
 */
function taskStep(
  w: World,
  task: ReplenishmentTask,
  type: ReplenishmentEventType,
  body: JournalEventBody | null = null,
): void {
  life ??= { doc: 'replenishment', machine: replenishmentTable() };
  stepDoc(w, life, task, life.machine.event(type), body);
}

/** Human replenishment task number. */
export function replenishmentCode(id: number): string {
  return docCode('replenishment', id);
}

/** Pseudo-location of stock on a driver's truck: on hand, never allocatable. */
export function truckBin(worker: Worker): string {
  return `MHE-${worker.code}`;
}

/**
 * Replenishment of forward pick faces from reserve. Triggers: min-max after every pick,
 * projected shortfall at wave release, and emergency when a picker finds an empty face. A
 * task is one trip: reserve (FEFO, then smallest quantity) → truck → face. Replenishers take
 * tasks as their own work; putaway drivers take them before putaway (interleaving).
 */
export const replenishmentFlow = replenishment.flow({
  sources: [
    { role: 'replenisher', priority: 0, next: (w, worker) => nextJob(w, worker, 'all') },
    {
      role: 'putaway',
      priority: -1,
      next: (w, worker) => nextJob(w, worker, w.scenario.replenishment?.putawayDrivers ?? 'none'),
    },
  ],
  actions: {
    replenPickUp: pickUp,
    replenDrop: drop,
  },
  picked(w, _bin, sku) {
    if (!w.scenario.replenishment) return;
    const item = itemOfSku(w, sku);
    if (item >= 0 && checkFace(w, item, 'min-max')) dispatch(w);
  },
  waveReleased(w, orderIds) {
    if (!w.scenario.replenishment?.waveTrigger) return;
    if (waveTrigger(w, orderIds) > 0) dispatch(w);
  },
  emptyFace(w, _worker, bin, sku) {
    if (!w.scenario.replenishment) return false;
    const item = itemOfSku(w, sku);
    if (item < 0 || w.site.forwardBinOf[item] !== bin) return false;
    const s = replenishmentState(w);
    const open = s.byFace[bin];
    if (open !== undefined) {
      // Already coming; if nobody has it yet, it jumps the queue.
      const i = s.queue.indexOf(open);
      if (i > 0) s.queue.unshift(...s.queue.splice(i, 1));
      return true;
    }
    // A face the system sees as full cannot take a replenishment (a count must sort it out).
    if (faceOnHand(w, item) >= faceLevels(w, item).max) return false;
    if (!trigger(w, item, 'emergency')) return false;
    dispatch(w);
    return true;
  },
  kpis: (w) => (w.scenario.replenishment ? replenishmentKpis(w) : null),
  view: replenishmentView,
});

/** Min-max check of an item's face; true when a task was raised. */
export function checkFace(w: World, item: number, kind: ReplenishmentTrigger): boolean {
  if (w.site.forwardBinOf[item]! < 0) return false;
  if (faceOnHand(w, item) > faceLevels(w, item).min) return false;
  return trigger(w, item, kind);
}

/**
 * Wave demand: allocation already took the wave's units at the faces (it never allocates more
 * than a face holds), so a face "cannot cover" the wave when what stays after the wave's picks
 * (its available stock) is at or below min, or when some of the wave's units for its item had
 * to be allocated in reserve. Returns the number of tasks raised.
 */
function waveTrigger(w: World, orderIds: readonly number[]): number {
  const items = new Set<number>();
  for (const id of orderIds) {
    const o = w.orders.get(id);
    if (!o) continue;
    for (const t of o.tasks) {
      const task = w.tasks.get(t);
      if (task && task.bin >= 0 && w.site.forwardBinOf[task.item]! >= 0) items.add(task.item);
    }
  }
  let raised = 0;
  for (const item of [...items].sort((a, b) => a - b)) {
    const face = w.site.forwardBinOf[item]!;
    const code = w.site.layout!.bins[face]!.code;
    const left = qtyAt(w.system, code, w.site.items[item]!.sku, ['available']);
    if (left <= faceLevels(w, item).min || spilled(w, orderIds, item, face)) {
      if (trigger(w, item, 'wave')) raised++;
    }
  }
  return raised;
}

function spilled(w: World, orderIds: readonly number[], item: number, face: number): boolean {
  for (const id of orderIds) {
    const o = w.orders.get(id);
    if (!o) continue;
    for (const t of o.tasks) {
      const task = w.tasks.get(t);
      if (task && task.item === item && task.bin !== face) return true;
    }
  }
  return false;
}

/** Raises a task for an item's face unless one is open or reserve has nothing; true if raised. */
export function trigger(w: World, item: number, kind: ReplenishmentTrigger): boolean {
  const s = replenishmentState(w);
  const face = w.site.forwardBinOf[item]!;
  if (face < 0 || s.byFace[face] !== undefined || !reserveHasStock(w, item)) return false;
  const id = w.nextDoc('replenishment');
  const task: ReplenishmentTask = {
    id,
    state: replenishmentTable().initial,
    trigger: kind,
    item,
    face,
    created: w.now,
    source: -1,
    lot: '',
    qty: 0,
    worker: -1,
  };
  s.open[id] = task;
  s.byFace[face] = id;
  // Emergencies (a picker is waiting) go first.
  if (kind === 'emergency') s.queue.unshift(id);
  else s.queue.push(id);
  s.triggered[kind]++;
  if (w.journalOn) {
    post(w, {
      type: 'replenishment.triggered',
      site: w.site.name,
      bin: w.site.layout!.bins[face]!.code,
      sku: w.site.items[item]!.sku,
      reason: kind,
      docs: { task: replenishmentCode(id) },
    });
  }
  return true;
}

/** Offers the first waiting task a driver may take (`which`: all, urgent only, none). */
function nextJob(w: World, worker: Worker, which: 'all' | 'urgent' | 'none'): Job | null {
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
function pickUp(w: World, worker: Worker, job: Job, st: Step): void {
  const s = replenishmentState(w);
  const task = s.open[st.arg]!;
  const item = w.site.items[task.item]!;
  const room = faceLevels(w, task.item).max - faceOnHand(w, task.item);
  const docs = { task: replenishmentCode(task.id) };
  const actor = actorOf(worker);
  if (room <= 0) {
    // The face was filled by other means while the driver was on the way.
    close(w, task, 'cancelled');
    return;
  }
  const src = w.site.layout!.bins[task.source]!;
  // Physically there and on the system's books (both, so the move never drives either negative).
  const present = Math.min(
    w.physical.qty(src.code, item.sku, task.lot, 'available'),
    w.system.qty(src.code, item.sku, task.lot, 'available'),
  );
  if (present <= 0) {
    const body = w.journalOn
      ? {
          type: 'replenishment.shortAtReserve' as const,
          site: w.site.name,
          actor,
          bin: src.code,
          sku: item.sku,
          lot: task.lot || undefined,
          docs,
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
    return;
  }
  const qty = replenishQty(w, task.item, room, present);
  task.qty = qty;
  taskStep(w, task, RE.reservePicked, {
    type: 'replenishment.pickedUp',
    site: w.site.name,
    actor,
    bin: src.code,
    toBin: truckBin(worker),
    sku: item.sku,
    lot: task.lot || undefined,
    qty,
    uom: item.baseUom,
    baseQty: qty,
    statusFrom: 'available',
    statusTo: 'available',
    docs,
  });
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
function drop(w: World, worker: Worker, _job: Job, st: Step): void {
  const s = replenishmentState(w);
  const task = s.open[st.arg]!;
  const item = w.site.items[task.item]!;
  taskStep(w, task, RE.dropped);
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
    statusFrom: 'available',
    statusTo: 'available',
    docs: { task: replenishmentCode(task.id) },
  });
  s.completed++;
  s.unitsMoved += task.qty;
  s.responseMs.push(w.now - task.created);
  close(w, task, 'done');
  wakePickersAt(w, task.face);
  // A small source may leave the face still at or below min: go again.
  if (checkFace(w, task.item, 'min-max')) dispatch(w);
}

/**
 * Closes a task: done (its confirmed step already taken), or cancelled / closed short, whose
 * lifecycle step (cancelled, abandoned) and journal event are one effect here.
 */
function close(w: World, task: ReplenishmentTask, how: 'done' | 'cancelled' | 'closedShort'): void {
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
