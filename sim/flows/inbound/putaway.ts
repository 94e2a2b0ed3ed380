import { mheBin as mhe } from '../../engine/mheBin.ts';
import type { Bin } from '../../layout/types.ts';
import { compatible } from '../../engine/slotting.ts';
import { exceptionsPossible, rateFor } from '../../exceptions/exceptionRate.ts';
import { Priority } from '../../engine/eventKinds.ts';
import type { World } from '../../engine/world.ts';
import type { Worker } from '../../engine/entities.ts';
import { stepTo, type Job, type Step } from '../../engine/job.ts';
import type { ActionOutcome } from '../../engine/flowRegistry.ts';
import { acquireResource, resourceFree } from '../../engine/resources.ts';
import { dispatch, resumeAfterWait, resumeWorker } from '../../engine/workerFlow.ts';
import { DecisionKind, requestDecision } from '../supervision/supervisorDesk.ts';
import { runChartActions } from '../../machines/chartActions.ts';
import { sampler } from '../../random/distribution.ts';
import { receiptEvents as RE } from '../../machines/receiptMachine.ts';
import { putawayEvents as PE } from '../../machines/putawayTaskMachine.ts';
import { wakePickersAt } from '../picking/pickingFlow.ts';
import { palletQty, type SpaceView } from './binOccupancy.ts';
import { directPutaway } from './putawayRules.ts';
import {
  currentOccupancy,
  freeAt,
  inboundMachines,
  inboundSite,
  binScanMask,
  receiptStep,
  taskIn,
  taskStep,
  type Divergence,
} from './inboundSite.ts';
import {
  inbound,
  InboundTimer,
  inboundState,
  putawayCode,
  receiptCode,
  settings,
  type PutawayTask,
  type Receipt,
} from './inboundState.ts';
import { directedTaskDone, overrideDone } from '../../kpi/scanCompliance.ts';
import { pushSample } from './inboundSamples.ts';
import { retentionOf } from '../../scenario/retentionSchema.ts';
import { actorOf, type ConfirmMethod } from '../../engine/actor.ts';
import { post, schedule } from '../../engine/applyEffects.ts';
import type { JournalEventBody } from '../../journal/journalEvent.ts';
import { sellableStatus } from '../stockStatus/statusPolicy.ts';

/** A staged receipt: one putaway task per pallet of each line, each directed to a bin. */
export function createPutawayTasks(w: World, r: Receipt): void {
  const ids: number[] = [];
  r.lines.forEach((l, li) => {
    palletTasks(w, r, li, Math.max(0, l.receivedQty - (l.crossDocked ?? 0)), ids);
  });
  receiptStep(w, r, RE.putawayTasksCreated);
  if (r.openTasks === 0) {
    closeReceipt(w, r);
    return;
  }
  directTasks(w, ids);
}

/** One putaway task per pallet of `qty` units of a line; their ids go onto `ids`. */
function palletTasks(w: World, r: Receipt, li: number, qty: number, ids: number[]): void {
  let left = qty;
  const pq = palletQty(w.site.items[r.lines[li]!.item]!);
  while (left > 0) {
    const q = Math.min(pq, left);
    left -= q;
    ids.push(newTask(w, r, li, q).id);
  }
}

/**
 * Units of a staged line that another flow gave back (a cross-dock pallet no driver took in
 * time) are put away after all: new tasks, directed now.
 */
export function putAwayLater(w: World, r: Receipt, line: number, qty: number): void {
  const ids: number[] = [];
  palletTasks(w, r, line, qty, ids);
  directTasks(w, ids);
}

function newTask(w: World, r: Receipt, line: number, qty: number): PutawayTask {
  const st = inboundState(w);
  const l = r.lines[line]!;
  const t: PutawayTask = {
    id: w.nextDoc('putaway'),
    receipt: r.id,
    line,
    item: l.item,
    lot: l.lot,
    qty,
    state: inboundMachines().putaway.initial,
    from: r.bin,
    bin: -1,
    overrideBin: -1,
    reason: '',
    created: w.now,
    driver: -1,
  };
  st.tasks[t.id] = t;
  st.kpi.tasksCreated++;
  r.openTasks++;
  l.openTasks++;
  return t;
}

/**
 * Runs the putaway rules for tasks in order (created or parked), with one occupancy for the
 * batch so each direction counts the ones before it. A unit that only partly fits is split:
 * the rest becomes a new task, directed in the same batch. Tasks with no bin are parked and
 * retried on a timer.
 */
export function directTasks(w: World, ids: number[]): void {
  const st = inboundState(w);
  const site = inboundSite(w);
  const layout = w.site.layout!;
  const occ: SpaceView = currentOccupancy(w);
  const queue = [...ids];
  // Space only shrinks within a batch: an item and lot that found no bin will find none later.
  const failed = new Set<string>();
  for (let k = 0; k < queue.length; k++) {
    const t = st.tasks[queue[k]!]!;
    const item = w.site.items[t.item]!;
    const key = `${t.item}|${t.lot}`;
    const d = failed.has(key)
      ? null
      : directPutaway(site.rules, occ, { item, lot: t.lot, qty: t.qty, exclude: -1 });
    if (!d) failed.add(key);
    if (!d) {
      if (!taskIn(t, 'parked')) {
        taskStep(w, t, PE.noBinFound);
        park(w, t, 'no-bin');
      } else {
        st.parked.push(t.id);
      }
      continue;
    }
    if (d.qty < t.qty) {
      const r = st.receipts[t.receipt]!;
      const rest = newTask(w, r, t.line, t.qty - d.qty);
      rest.from = t.from;
      t.qty = d.qty;
      st.kpi.splits++;
      queue.push(rest.id);
    }
    if (d.rule === 'forward') st.kpi.forwardTopUps++;
    if (d.rule === 'consolidate') st.kpi.consolidations++;
    t.bin = d.bin;
    occ.add(d.bin, t.item, t.lot, t.qty);
    const body = w.journalOn
      ? {
          type: 'putaway.directed' as const,
          site: w.site.name,
          bin: layout.bins[t.from]!.code,
          toBin: layout.bins[d.bin]!.code,
          sku: item.sku,
          lot: t.lot || undefined,
          qty: t.qty,
          uom: item.baseUom,
          reason: d.rule,
          docs: { receipt: receiptCode(t.receipt), line: t.line + 1, task: putawayCode(t.id) },
        }
      : null;
    taskStep(w, t, PE.directed, 0, body);
    st.ready.push(t.id);
  }
  scheduleRetry(w);
  dispatch(w);
}

/** Parks a task (state already stepped): it waits in staging until a retry finds a bin. */
function park(w: World, t: PutawayTask, reason: string): void {
  const st = inboundState(w);
  t.bin = -1;
  t.overrideBin = -1;
  t.driver = -1;
  st.parked.push(t.id);
  st.kpi.parkedEver++;
  if (w.journalOn) {
    const item = w.site.items[t.item]!;
    post(w, {
      type: 'putaway.parked',
      site: w.site.name,
      bin: w.site.layout!.bins[t.from]!.code,
      sku: item.sku,
      lot: t.lot || undefined,
      qty: t.qty,
      uom: item.baseUom,
      reason,
      docs: { receipt: receiptCode(t.receipt), line: t.line + 1, task: putawayCode(t.id) },
    });
  }
}

function scheduleRetry(w: World): void {
  const st = inboundState(w);
  if (st.parked.length === 0 || st.retryPending) return;
  st.retryPending = true;
  const at = w.now + Math.round(settings(w).retryMinutes * 60_000);
  schedule(w, at, Priority.completion, inbound.ev.inboundTimer, 0, InboundTimer.retryParked);
}

/** Retry timer: run the rules again for every parked task. */
export function onRetryParked(w: World): void {
  const st = inboundState(w);
  st.retryPending = false;
  const ids = st.parked;
  st.parked = [];
  directTasks(w, ids);
}

/** A putaway driver takes the oldest directed task (and a forklift, when the site counts them). */
export function nextPutawayJob(w: World, worker: Worker): Job | null {
  if (!w.scenario.inbound) return null;
  const st = inboundState(w);
  if (st.ready.length === 0 || !resourceFree(w, 'forklift')) return null;
  const t = st.tasks[st.ready.shift()!]!;
  const layout = w.site.layout!;
  const resources: string[] = [];
  if (w.resources['forklift'] !== undefined) {
    acquireResource(w, 'forklift');
    resources.push('forklift');
  }
  // A person starts the travel from the handheld, once the unit is scanned at staging
  // (sim/flows/handheld/putawayByPerson.ts): the chart waits in `directed` for those scans.
  if (worker.driver !== 'person') taskStep(w, t, PE.travelStarted);
  t.driver = worker.index;
  const handling = sampler(settings(w).putawayTime)(w.random.stream('inbound-putaway')) * 1000;
  const from = layout.bins[t.from]!;
  const to = layout.bins[t.bin]!;
  return {
    id: ++w.counters.job,
    kind: 'putaway',
    steps: [
      {
        action: inbound.act.putawayPickUp,
        arg: t.id,
        x: from.x,
        y: from.y,
        legM: -1,
        workMs: Math.round(handling / 2),
        workAs: 'handle',
      },
      {
        action: inbound.act.putawayDrop,
        arg: t.id,
        x: to.x,
        y: to.y,
        legM: -1,
        workMs: Math.round(handling / 2),
        workAs: 'handle',
      },
    ],
    cursor: 0,
    started: w.now,
    resources,
    ref: t.id,
    orders: [],
  };
}

/** Moves a task's unit between two locations (codes) in the journal: both ledgers follow. */
function move(
  w: World,
  worker: Worker,
  t: PutawayTask,
  type: 'putaway.pickedUp' | 'putaway.returned',
  from: string,
  to: string,
  reason?: string,
): void {
  post(w, moveBody(w, worker, t, type, from, to, reason));
}

/** The journal event of a move of a task's unit between two locations (codes). */
function moveBody(
  w: World,
  worker: Worker,
  t: PutawayTask,
  type: 'putaway.pickedUp' | 'putaway.returned' | 'putaway.confirmed',
  from: string,
  to: string,
  reason?: string,
  method: ConfirmMethod = 'scan',
): JournalEventBody {
  const item = w.site.items[t.item]!;
  return {
    type,
    site: w.site.name,
    actor: actorOf(worker, method),
    bin: from,
    toBin: to,
    sku: item.sku,
    lot: t.lot || undefined,
    qty: t.qty,
    uom: item.baseUom,
    baseQty: t.qty,
    statusFrom: sellableStatus(w, t.item),
    statusTo: sellableStatus(w, t.item),
    reason,
    docs: { receipt: receiptCode(t.receipt), line: t.line + 1, task: putawayCode(t.id) },
  };
}

/** At staging: the unit goes onto the forklift (not allocatable while it moves). */
export function putawayPickUp(w: World, worker: Worker, _job: Job, step: Step): void {
  pickUpUnit(w, worker, inboundState(w).tasks[step.arg]!);
}

/** The task's unit moves from its staging lane onto the driver's forklift. */
export function pickUpUnit(w: World, worker: Worker, t: PutawayTask): void {
  move(w, worker, t, 'putaway.pickedUp', w.site.layout!.bins[t.from]!.code, mhe(worker));
}

/**
 * At the directed bin: confirm, or find it blocked (a scenario-set chance) or too full (stock
 * arrived since the direction), ask for an override and drop in the approved alternative.
 * With no alternative the unit goes back to staging and the task is parked.
 */
export function putawayDrop(w: World, worker: Worker, job: Job, step: Step): ActionOutcome {
  const st = inboundState(w);
  const t = st.tasks[step.arg]!;
  if (taskIn(t, 'travelling')) taskStep(w, t, PE.arrived);
  if (taskIn(t, 'overriding')) {
    confirmPutaway(w, worker, t, t.overrideBin);
    return;
  }
  const s = settings(w);
  const item = w.site.items[t.item]!;
  let reason = '';
  if (w.random.stream('inbound-override')() < s.overrideShare) reason = 'blocked';
  else if (freeAt(w, t.bin, item, t.lot, t.id) < t.qty) reason = 'bin-full';
  if (!reason) {
    confirmPutaway(w, worker, t, t.bin);
    return;
  }
  const occ = currentOccupancy(w, t.id);
  const alt = directPutaway(inboundSite(w).rules, occ, { item, lot: t.lot, qty: t.qty, exclude: t.bin });
  if (!alt || alt.qty < t.qty) {
    returnToStaging(w, t, job, step, reason);
    return;
  }
  requestOverride(w, worker, t, alt.bin, reason);
  return 'suspend';
}

/**
 * The driver at the directed bin asks to use `bin` instead, for `reason`: scanning another bin
 * than the directed one is the override request, which the chart's guard sends to
 * overridePending, whose entry action asks a supervisor. The driver (simulated, or a person on
 * a handheld) waits at the bin, suspended, until decidePutawayOverride.
 */
export function requestOverride(w: World, worker: Worker, t: PutawayTask, bin: number, reason: string): void {
  const s = settings(w);
  inboundState(w).kpi.overrideRequests++;
  t.reason = reason;
  t.requestedAt = w.now;
  const mask = binScanMask(t, bin);
  t.overrideBin = bin;
  const body = w.journalOn ? overrideEvent(w, worker, t, 'putaway.overrideRequested', 'scan') : null;
  const actions = taskStep(w, t, PE.binScanned, mask, body);
  runChartActions('putawayTask', actions, {
    requestSupervisorDecision: () => {
      const decisionMs = sampler(s.overrideApprovalTime)(w.random.stream('inbound-override')) * 1000;
      requestDecision(w, DecisionKind.putawayOverride, t.id, decisionMs);
    },
  });
}

/** The journal's record of an override step: directed bin, the bin the driver asked for, the reason. */
function overrideEvent(
  w: World,
  worker: Worker,
  t: PutawayTask,
  type: 'putaway.overrideRequested' | 'putaway.overrideApproved' | 'putaway.overrideRejected',
  method: 'scan' | 'override',
): JournalEventBody {
  const layout = w.site.layout!;
  const item = w.site.items[t.item]!;
  return {
    type,
    site: w.site.name,
    actor: actorOf(worker, method),
    bin: layout.bins[t.bin]!.code,
    toBin: layout.bins[t.overrideBin]!.code,
    sku: item.sku,
    lot: t.lot || undefined,
    qty: t.qty,
    uom: item.baseUom,
    reason: t.reason,
    docs: { receipt: receiptCode(t.receipt), line: t.line + 1, task: putawayCode(t.id) },
  };
}

/**
 * The supervisor has decided a driver's override request (the scenario's approve share). An
 * approval sends the driver on to the approved bin; a rejection puts the unit in the directed bin
 * when it fits after all (the supervisor had the blockage cleared), else it goes back to staging
 * and the task is parked. Either way the driver, blocked since the request, moves on now.
 */
export function decidePutawayOverride(w: World, id: number, requestedAt: number): void {
  const st = inboundState(w);
  const t = st.tasks[id];
  if (!t || !taskIn(t, 'overridePending'))
    throw new Error(`putaway ${id}: override decided but none pending`);
  const worker = w.workers[t.driver]!;
  const job = worker.job;
  if (!job || !worker.suspended) throw new Error(`putaway ${id}: driver ${worker.code} is not waiting`);
  const waited = w.now - requestedAt;
  st.kpi.overrideWaitMs += waited;
  st.kpi.overrideWaitMaxMs = Math.max(st.kpi.overrideWaitMaxMs, waited);
  t.requestedAt = -1;
  const s = settings(w);
  const layout = w.site.layout!;
  const step = job.steps[job.cursor]!;
  if (w.random.stream('inbound-override-decision')() < s.overrideApproveShare) {
    const body = w.journalOn ? overrideEvent(w, worker, t, 'putaway.overrideApproved', 'override') : null;
    taskStep(w, t, PE.overrideApproved, 0, body);
    st.kpi.overrides++;
    overrideDone(w.kpi.scan);
    job.steps.push(stepTo(inbound.act.putawayDrop, t.id, layout.bins[t.overrideBin]!, step.workMs, 'handle'));
  } else {
    const body = w.journalOn ? overrideEvent(w, worker, t, 'putaway.overrideRejected', 'override') : null;
    taskStep(w, t, PE.overrideRejected, 0, body);
    st.kpi.overridesRejected++;
    t.overrideBin = -1;
    t.reason = '';
    if (worker.driver === 'person') {
      // A person is back at the directed bin (the chart's `atBin`): their handheld asks for its
      // label again, through the step that waited (it re-opens the wait).
      resumeWorker(w, worker, waited);
      return;
    }
    const item = w.site.items[t.item]!;
    if (freeAt(w, t.bin, item, t.lot, t.id) >= t.qty) confirmPutaway(w, worker, t, t.bin);
    else returnToStaging(w, t, job, step, 'override-rejected');
  }
  resumeAfterWait(w, worker, waited);
}

/** No bin for the unit at the bin: it goes back to staging, and is parked once there. */
function returnToStaging(w: World, t: PutawayTask, job: Job, step: Step, reason: string): void {
  // Parked only once the unit is back in staging, so a retry cannot send a driver for it first.
  taskStep(w, t, PE.noBinFound);
  inboundState(w).kpi.returnedToStaging++;
  t.bin = -1;
  t.reason = reason;
  const from = w.site.layout!.bins[t.from]!;
  job.steps.push(stepTo(inbound.act.putawayReturn, t.id, from, step.workMs, 'handle'));
}

/** Parked from the bin: the unit goes back to its staging lane. */
export function putawayReturn(w: World, worker: Worker, _job: Job, step: Step): void {
  const t = inboundState(w).tasks[step.arg]!;
  move(w, worker, t, 'putaway.returned', mhe(worker), w.site.layout!.bins[t.from]!.code, t.reason);
  park(w, t, t.reason);
  t.reason = '';
  scheduleRetry(w);
}

/** Bin scan confirmed: the stock is available in the bin. Closes the line and the receipt when last. */
export function confirmPutaway(w: World, worker: Worker, t: PutawayTask, bin: number): void {
  const st = inboundState(w);
  const b = w.site.layout!.bins[bin]!;
  const directed = w.site.layout!.bins[t.bin]!.code;
  const reason = t.reason ? `override:${t.reason} directed:${directed}` : undefined;
  // Into the approved override bin the scan confirms a supervised exception, not the direction.
  const method: ConfirmMethod = bin === t.overrideBin ? 'override' : 'scan';
  const body = moveBody(w, worker, t, 'putaway.confirmed', mhe(worker), b.code, reason, method);
  // The bin scanned is the one the chart allows here (directed, or approved after an override);
  // the step and its confirmation (as booked, or what the floor really did) are one effect.
  taskStep(w, t, PE.binScanned, binScanMask(t, bin), body, putawayException(w, worker, t, b));
  st.kpi.tasksDone++;
  directedTaskDone(w.kpi.scan, 'putaway');
  st.kpi.unitsPutAway += t.qty;
  delete st.tasks[t.id];
  if (b.type === 'forward') wakePickersAt(w, bin);
  lineTaskDone(w, st.receipts[t.receipt]!, t.line, b.zone, worker);
}

/**
 * A task of a receipt line is done (a putaway, or a cross-dock delivery into zone `zone`): the
 * line is stocked when it was the last (its dock-to-stock is sampled), the receipt closed when
 * it was the receipt's last.
 */
export function lineTaskDone(w: World, r: Receipt, li: number, zone: string, worker: Worker): void {
  const st = inboundState(w);
  const line = r.lines[li]!;
  line.openTasks--;
  r.openTasks--;
  if (line.openTasks === 0) {
    line.stocked = w.now;
    const d2s = w.now - r.doorAt;
    const cap = retentionOf(w.scenario).inboundSamples;
    const shift = worker.shift ?? '-';
    pushSample(st.kpi, 'dockToStock', st.kpi.dockToStock, d2s, cap);
    pushSample(st.kpi, `byZone:${zone}`, (st.kpi.byZone[zone] ??= []), d2s, cap);
    pushSample(st.kpi, `byShift:${shift}`, (st.kpi.byShift[shift] ??= []), d2s, cap);
  }
  if (r.openTasks === 0) closeReceipt(w, r);
}

/** Every task of the receipt is done: the receipt closes and leaves the flow's state. */
export function closeReceipt(w: World, r: Receipt): void {
  const st = inboundState(w);
  const body = w.journalOn
    ? { type: 'receipt.closed' as const, site: w.site.name, docs: { receipt: receiptCode(r.id) } }
    : null;
  receiptStep(w, r, RE.closed, body);
  st.kpi.closed++;
  delete st.receipts[r.id];
}

/**
 * The confirmation the system gets is the bin scanned; what the floor does may differ: the
 * pallet goes into a neighbouring bin (mis-putaway), or a few units are damaged and left on the
 * shelf as if sellable. Returns true when it injected one (and posted the confirmation itself).
 */
function putawayException(w: World, worker: Worker, t: PutawayTask, b: Bin): Divergence | null {
  if (!exceptionsPossible(w)) return null;
  const who = { role: worker.role, shift: worker.shift, code: worker.code };
  const rng = w.random.stream('exceptions/putaway');
  const item = w.site.items[t.item]!;
  const supplier = inboundState(w).receipts[t.receipt]?.supplier;

  const onTruck = Math.min(t.qty, w.physical.qty(mhe(worker), item.sku, t.lot, 'available'));
  if (rng() < rateFor(w, 'misPutaway', who)) {
    const layout = w.site.layout!;
    const near = layout.bins.filter(
      (x) =>
        x.aisle === b.aisle &&
        x.index !== b.index &&
        x.type === b.type &&
        compatible(item, x) &&
        Math.abs(x.bay - b.bay) <= 2,
    );
    if (near.length > 0 && onTruck > 0) {
      const wrong = near[Math.floor(rng() * near.length)]!;
      return {
        changes: [
          { bin: mhe(worker), sku: item.sku, lot: t.lot, status: 'available', delta: -onTruck },
          { bin: wrong.code, sku: item.sku, lot: t.lot, status: 'available', delta: onTruck },
        ],
        truth: {
          cause: 'misPutaway',
          worker,
          bin: b.code,
          sku: item.sku,
          lot: t.lot,
          supplier,
          note: `placed in ${wrong.code}, confirmed ${b.code}`,
        },
      };
    }
  }
  if (rng() < rateFor(w, 'damagedLeftAvailable', who) && onTruck > 1) {
    const damaged = Math.min(onTruck - 1, 1 + Math.floor(rng() * 3));
    return {
      changes: [
        { bin: mhe(worker), sku: item.sku, lot: t.lot, status: 'available', delta: -onTruck },
        { bin: b.code, sku: item.sku, lot: t.lot, status: 'available', delta: onTruck - damaged },
        { bin: b.code, sku: item.sku, lot: t.lot, status: 'damaged', delta: damaged },
      ],
      truth: {
        cause: 'damagedLeftAvailable',
        worker,
        bin: b.code,
        sku: item.sku,
        lot: t.lot,
        supplier,
        note: `${damaged} damaged, booked available`,
      },
    };
  }
  return null;
}
