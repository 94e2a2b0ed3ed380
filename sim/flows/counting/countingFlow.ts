import type { World } from '../../engine/world.ts';
import type { Worker } from '../../engine/entities.ts';
import type { Job, Step } from '../../engine/job.ts';
import type { Flow } from '../../engine/flowRegistry.ts';
import { EventKind } from '../../engine/eventKinds.ts';
import { StepAction } from '../../engine/stepActions.ts';
import { dispatch } from '../../engine/workerFlow.ts';
import { compileMachine, step, REJECTED, type CompiledMachine } from '../../machines/compileMachine.ts';
import {
  cycleCountEvents as CE,
  cycleCountMachine,
  type CycleCountEventType,
} from '../../machines/cycleCountMachine.ts';
import { sampler } from '../../random/distribution.ts';
import { parseClock } from '../../engine/shiftCalendar.ts';
import { countWithin, withinTolerance } from '../../kpi/ira.ts';
import { itemOfSku } from '../replenishment/faceStock.ts';
import { binSignature, recordsAt, splitKey, storageBins, totalsAt } from './binStock.ts';
import { CountTimer, chooseBin, planDay, startSchedule } from './countSchedule.ts';
import { countingState, type CountDoc } from './countingState.ts';
import type { CountRecord } from '../../analytics/countRecord.ts';
import { countingKpis } from './countingKpis.ts';
import { docCode } from '../../journal/docCode.ts';
import { miscount } from './miscount.ts';
import { actorOf } from '../../engine/actor.ts';
import { directedTaskDone } from '../../kpi/scanCompliance.ts';
import type { Actor } from '../../journal/journalEvent.ts';

let table: CompiledMachine | null = null;
/** The compiled cycle-count machine (compiled once per process). */
export function countTable(): CompiledMachine {
  table ??= compileMachine(cycleCountMachine);
  return table;
}

function countStep(doc: CountDoc, type: CycleCountEventType): void {
  const m = countTable();
  const n = step(m, doc.state, m.event(type));
  if (n === REJECTED) throw new Error(`count ${doc.id}: ${type} not accepted in ${m.states[doc.state]}`);
  doc.state = n;
}

/** Human count request number. */
export function countCode(id: number): string {
  return docCode('count', id);
}

/**
 * Cycle counting, basic lifecycle: count requests released over the day, blind counts of the
 * physical ledger by counters, a tolerance check against the system ledger at submission, and
 * posting. A count whose bin's system stock changed while it was being counted is voided and
 * the bin rescheduled. Out of tolerance goes to a recount by another counter, then review.
 */
export const countingFlow: Flow = {
  name: 'counting',
  start(w) {
    if (w.scenario.counting) startSchedule(w);
  },
  events: {
    [EventKind.countTimer]: (w, a, b) => {
      if (a === CountTimer.planDay) planDay(w, b);
      else if (a === CountTimer.wallToWall) {
        const busy = new Set(Object.values(countingState(w).open).map((d) => d.bin));
        for (const b of storageBins(w)) if (!busy.has(b)) releaseCount(w, b, 'wall-to-wall');
        dispatch(w);
      } else if (a === CountTimer.sweep) {
        if (
          !Object.values(countingState(w).open).some((d) => d.bin === b) &&
          releaseCount(w, b, 'sweep') >= 0
        )
          dispatch(w);
      } else if (releaseCount(w, chooseBin(w)) >= 0) dispatch(w);
    },
  },
  sources: [
    { role: 'counter', priority: 0, next: nextCountJob },
    { role: 'controller', priority: 0, next: nextReviewJob },
  ],
  actions: {
    [StepAction.countAtBin]: startCount,
    [StepAction.countSubmit]: submitCount,
    [StepAction.countReview]: (w, worker, _job, st) => {
      const doc = countingState(w).open[st.arg];
      if (doc) decideReview(w, doc, worker);
    },
  },
  countTrigger: (w, bin, reason) => requestCount(w, bin, reason),
  jobDone: {
    count: (w, _worker, job) => {
      countingState(w).counterMs += w.now - job.started;
    },
  },
  kpis: (w) => (w.scenario.counting ? countingKpis(w) : null),
};

/** Creates a count request for a bin (scheduled, waiting for a counter); returns its id or -1. */
export function releaseCount(w: World, bin: number, reason = 'schedule', front = false): number {
  if (bin < 0) return -1;
  const s = countingState(w);
  const id = w.nextDoc('count');
  s.open[id] = {
    id,
    state: countTable().initial,
    bin,
    created: w.now,
    firstCounter: -1,
    counter: -1,
    started: -1,
    startSignature: '',
    reason,
    firstCounts: {},
  };
  if (front) s.queue.unshift(id);
  else s.queue.push(id);
  s.scheduled++;
  if (w.journalOn) {
    w.commit({
      type: 'count.scheduled',
      site: w.site.name,
      bin: w.site.layout!.bins[bin]!.code,
      reason,
      docs: { count: countCode(id) },
    });
  }
  return id;
}

/**
 * A count raised by an event on the floor (short pick, zero stock, a move that found less):
 * it jumps the queue, unless the bin already has an open count.
 */
export function requestCount(w: World, bin: number, reason: string): void {
  const c = w.scenario.counting;
  if (!c || bin < 0) return;
  const on =
    reason === 'short-pick'
      ? c.triggers.shortPick
      : reason === 'zero-stock'
        ? c.triggers.zeroStock
        : c.triggers.shortfall;
  if (!on) return;
  // Docks, staging and equipment are not count locations: their stock is in motion.
  if (!w.site.pickable(w.site.layout!.bins[bin]!.code)) return;
  const s = countingState(w);
  if (Object.values(s.open).some((d) => d.bin === bin)) return;
  s.triggered[reason] = (s.triggered[reason] ?? 0) + 1;
  releaseCount(w, bin, reason, true);
  dispatch(w);
}

function nextCountJob(w: World, worker: Worker): Job | null {
  if (!w.scenario.counting) return null;
  const s = countingState(w);
  let id: number | undefined;
  // Recounts first, never by the first counter.
  const r = s.recountQueue.findIndex((x) => s.open[x]!.firstCounter !== worker.index);
  if (r >= 0) id = s.recountQueue.splice(r, 1)[0];
  else {
    const q = s.queue.findIndex((x) => !avoided(w, s.open[x]!.bin));
    if (q >= 0) id = s.queue.splice(q, 1)[0];
  }
  if (id === undefined) return null;
  const doc = s.open[id]!;
  countStep(doc, CE.assigned);
  doc.counter = worker.index;
  if (doc.firstCounter < 0) doc.firstCounter = worker.index;
  const at = w.site.binPoint(doc.bin);
  return {
    id: ++w.counters.job,
    kind: 'count',
    steps: [
      { action: StepAction.countAtBin, arg: id, x: at.x, y: at.y, legM: -1, workMs: 0, workAs: 'count' },
    ],
    cursor: 0,
    started: w.now,
    resources: [],
    ref: id,
    orders: [],
  };
}

/** At the bin: counting starts; its duration follows what is physically there. */
function startCount(w: World, _worker: Worker, job: Job, st: Step): void {
  const doc = countingState(w).open[st.arg]!;
  countStep(doc, CE.started);
  const bin = w.site.layout!.bins[doc.bin]!.code;
  doc.started = w.now;
  doc.startSignature = binSignature(w.system, bin);
  const c = w.scenario.counting!.countTime;
  const rng = w.random.stream('counting-time');
  let sec = sampler(c.perBin)(rng);
  const perRecord = sampler(c.perRecord);
  const perUnit = sampler(c.perUnit);
  for (const [key, qty] of totalsAt(w.physical, bin)) {
    sec += perRecord(rng);
    const item = itemOfSku(w, splitKey(key).sku);
    const cs = item >= 0 ? (w.site.items[item]!.uoms.find((u) => u.uom === 'CS')?.factor ?? 1) : 1;
    // Full cases are counted as one handling unit each, loose eaches one by one.
    sec += perUnit(rng) * (Math.floor(qty / cs) + (qty % cs));
  }
  job.steps.push({
    action: StepAction.countSubmit,
    arg: doc.id,
    x: st.x,
    y: st.y,
    legM: 0,
    workMs: Math.round(sec * 1000),
    workAs: 'count',
  });
}

/** The counter submits the blind count; the system voids, posts, or asks for a recount or a review. */
function submitCount(w: World, worker: Worker, _job: Job, st: Step): void {
  const s = countingState(w);
  const doc = s.open[st.arg]!;
  const binCode = w.site.layout!.bins[doc.bin]!.code;
  const recount = doc.state === countTable().state('"recounting"');
  // Blind: the counter looks at the floor (the physical ledger, never the system's), and people miscount.
  const counted = totalsAt(w.physical, binCode);
  s.linesCounted += counted.size;
  doc.miscounts = miscount(w, counted);
  s.miscounts += doc.miscounts;
  countStep(doc, CE.submitted);
  s.counted++;
  directedTaskDone(w.kpi.scan, 'count');
  if (recount) s.recounts++;
  const actor = actorOf(worker);
  const docs = { count: countCode(doc.id) };
  doc.counter = -1;
  if (binSignature(w.system, binCode) !== doc.startSignature) {
    countStep(doc, CE.binMoved);
    s.voided++;
    s.miscountsVoided += doc.miscounts;
    delete s.open[doc.id];
    if (w.journalOn)
      w.commit({ type: 'count.voided', site: w.site.name, actor, bin: binCode, reason: 'bin-moved', docs });
    if (releaseCount(w, doc.bin, doc.reason) >= 0) s.rescheduled++;
    dispatch(w);
    return;
  }
  // System quantities at submission time (never shown to the counter).
  const system = totalsAt(w.system, binCode);
  const keys = [...new Set([...counted.keys(), ...system.keys()])].sort();
  const within = judge(w, doc, binCode, keys, counted, system, worker, !recount);
  if (!recount) {
    s.decisions++;
    if (within) s.withinTolerance++;
    doc.firstCounts = Object.fromEntries(counted);
  }
  if (recount) {
    doc.lastCounts = Object.fromEntries(counted);
    doc.lastSystem = Object.fromEntries(system);
  }
  if (!within) {
    countStep(doc, CE.outOfTolerance);
    s.varianceHistory[doc.bin] = (s.varianceHistory[doc.bin] ?? 0) + 1;
    if (w.journalOn) w.commit({ type: 'count.outOfTolerance', site: w.site.name, actor, bin: binCode, docs });
    if (!recount) {
      // The recount by another counter supersedes this one: its errors never reach the system.
      s.recountQueue.push(doc.id);
      s.miscountsCaught += doc.miscounts;
    } else {
      s.reviewQueue.push(doc.id);
      // Without an inventory controller on the roster the review is a formality: approve now.
      if (!w.workers.some((x) => x.role === 'controller')) decideReview(w, doc, null);
    }
    dispatch(w);
    return;
  }
  countStep(doc, CE.withinTolerance);
  s.miscountsPosted += doc.miscounts;
  postCount(w, doc, binCode, keys, counted, system, actor, 'WITHIN-TOLERANCE');
  s.posted++;
  s.binsCounted[doc.bin] = (s.binsCounted[doc.bin] ?? 0) + 1;
  delete s.open[doc.id];
}

/** Tolerance check per SKU/lot (percentage of the booked quantity and a value cap); records every line. */
function judge(
  w: World,
  doc: CountDoc,
  bin: string,
  keys: string[],
  counted: Map<string, number>,
  system: Map<string, number>,
  worker: Worker,
  first: boolean,
): boolean {
  const c = w.scenario.counting!;
  const s = countingState(w);
  const lines: CountRecord[] = [];
  for (const k of keys) {
    const sys = system.get(k) ?? 0;
    const n = counted.get(k) ?? 0;
    const { sku, lot } = splitKey(k);
    const item = itemOfSku(w, sku);
    const it = item >= 0 ? w.site.items[item]! : undefined;
    const ok = withinTolerance(
      sys,
      n,
      c.tolerancePct[it?.velocityClass ?? 'C'],
      it?.unitCost ?? 0,
      c.maxAdjustmentValue,
    );
    lines.push({
      count: countCode(doc.id),
      t: w.now,
      bin,
      zone: w.site.layout!.bins[doc.bin]!.zone,
      sku,
      lot,
      systemQty: sys,
      countedQty: n,
      within: ok,
      first,
      counter: worker.code,
      adjustment: 0,
      value: Math.round(Math.abs(n - sys) * (it?.unitCost ?? 0) * 100) / 100,
      rootCause: '',
    });
  }
  doc.lastRecords = [s.records.length, lines.length];
  s.records.push(...lines);
  // The verdict IRA as counted takes: every line within, none netted against another.
  return countWithin(lines);
}

/** Root-cause codes an adjustment carries, from what the investigation finds. */
const ROOT_CAUSE: Record<string, string> = {
  shrink: 'SHRINK',
  unscannedMove: 'UNRECORDED-MOVE',
  misPutaway: 'MIS-PUTAWAY',
  uomError: 'UOM-ERROR',
  wrongLot: 'WRONG-LOT',
  shortReceipt: 'RECEIVING-ERROR',
  overReceipt: 'RECEIVING-ERROR',
  damagedLeftAvailable: 'DAMAGE',
  emergencyReservePick: 'UNRECORDED-PICK',
  substitution: 'SUBSTITUTION',
};

/**
 * The inventory controller's review of a count still out after the recount: two blind counts
 * that agree confirm the floor, so the adjustment is approved with the root cause the
 * investigation finds (right with the scenario's accuracy, else UNKNOWN); counts that disagree
 * prove nothing, so the adjustment is rejected and a fresh count is raised.
 */
export function decideReview(w: World, doc: CountDoc, controller: Worker | null): void {
  const s = countingState(w);
  s.reviewQueue = s.reviewQueue.filter((x) => x !== doc.id);
  const binCode = w.site.layout!.bins[doc.bin]!.code;
  // Judge the two blind counts against each other, as taken: not against the shelf as it is now,
  // which picks and replenishments have changed since.
  const counted = new Map(Object.entries(doc.lastCounts ?? {}));
  const system = new Map(Object.entries(doc.lastSystem ?? {}));
  const keys = [...new Set([...counted.keys(), ...system.keys(), ...Object.keys(doc.firstCounts)])].sort();
  const agree = keys.every((k) => (doc.firstCounts[k] ?? 0) === (counted.get(k) ?? 0));
  // The controller decides at a terminal (keyed); with no controller the system approves alone.
  const actor: Actor = controller ? actorOf(controller, 'keyed') : { worker: 'system', role: 'controller' };
  const docs = { count: countCode(doc.id) };
  if (!agree) {
    countStep(doc, CE.adjustmentRejected);
    s.rejected++;
    s.miscountsCaught += doc.miscounts ?? 0;
    delete s.open[doc.id];
    if (w.journalOn)
      w.commit({
        type: 'count.adjustmentRejected',
        site: w.site.name,
        actor,
        bin: binCode,
        reason: 'counts disagree',
        docs,
      });
    releaseCount(w, doc.bin, 'recount-of-rejected', true);
    return;
  }
  countStep(doc, CE.adjustmentApproved);
  s.approved++;
  s.miscountsPosted += doc.miscounts ?? 0;
  const accuracy = w.scenario.counting!.review.investigationAccuracy;
  const rng = w.random.stream('counting-review');
  let cause = 'UNKNOWN';
  if (controller === null) cause = 'UNREVIEWED';
  else if (rng() < accuracy) {
    for (let i = w.truth.length - 1; i >= 0; i--) {
      const t = w.truth[i]!;
      if (t.cause !== 'consequence' && t.delta.some((d) => d.bin === binCode)) {
        cause = ROOT_CAUSE[t.cause] ?? 'UNKNOWN';
        break;
      }
    }
  }
  if (w.journalOn)
    w.commit({
      type: 'count.adjustmentApproved',
      site: w.site.name,
      actor,
      bin: binCode,
      reason: cause,
      docs,
    });
  postCount(w, doc, binCode, keys, counted, system, actor, cause);
  s.posted++;
  s.binsCounted[doc.bin] = (s.binsCounted[doc.bin] ?? 0) + 1;
  delete s.open[doc.id];
}

/** Controllers take reviews, oldest first, and look at the bin themselves. */
function nextReviewJob(w: World, _worker: Worker): Job | null {
  const s = countingState(w);
  const id = s.reviewQueue.shift();
  if (id === undefined) return null;
  const doc = s.open[id]!;
  const at = w.site.binPoint(doc.bin);
  const sec = sampler(w.scenario.counting!.review.time)(w.random.stream('counting-review-time'));
  return {
    id: ++w.counters.job,
    kind: 'review',
    steps: [
      {
        action: StepAction.countReview,
        arg: id,
        x: at.x,
        y: at.y,
        legM: -1,
        workMs: Math.round(sec * 1000),
        workAs: 'review',
      },
    ],
    cursor: 0,
    started: w.now,
    resources: [],
    ref: id,
    orders: [],
  };
}

/** Posts a count: one `count.posted` per SKU/lot (or one zero count), and adjustments with their root cause. */
function postCount(
  w: World,
  doc: CountDoc,
  bin: string,
  keys: string[],
  counted: Map<string, number>,
  system: Map<string, number>,
  actor: Actor,
  rootCause: string,
): void {
  const s = countingState(w);
  const docs = { count: countCode(doc.id) };
  if (w.journalOn && keys.length === 0)
    w.commit({
      type: 'count.posted',
      site: w.site.name,
      actor,
      bin,
      qty: 0,
      reason: 'system 0, variance 0',
      docs,
    });
  const [from, n] = doc.lastRecords ?? [0, 0];
  const recordsOfThis = s.records.slice(from, from + n);
  for (const k of keys) {
    const { sku, lot } = splitKey(k);
    const item = itemOfSku(w, sku);
    const uom = item >= 0 ? w.site.items[item]!.baseUom : 'EA';
    const n = counted.get(k) ?? 0;
    const sys = system.get(k) ?? 0;
    const v = n - sys;
    if (w.journalOn) {
      w.commit({
        type: 'count.posted',
        site: w.site.name,
        actor,
        bin,
        sku,
        lot: lot || undefined,
        qty: n,
        uom,
        reason: `system ${sys}, variance ${v}`,
        docs,
      });
    }
    markDamaged(w, doc, bin, sku, lot, uom, actor);
    if (v === 0) continue;
    // Gains land as available; losses come out of available stock (allocations stand).
    const available = recordsAt(w.system, bin)
      .filter((r) => r.sku === sku && r.lot === lot && r.status === 'available')
      .reduce((a, r) => a + r.qty, 0);
    const delta = v > 0 ? v : Math.min(-v, available);
    if (delta === 0) continue;
    s.adjustments++;
    s.adjustedUnits += delta;
    const rec = recordsOfThis.find((r) => r.sku === sku && r.lot === lot);
    if (rec) {
      rec.adjustment = v > 0 ? delta : -delta;
      rec.rootCause = rootCause;
    }
    postAdjustment(
      w,
      doc,
      actor,
      { bin, sku, lot, uom, qty: v > 0 ? delta : -delta },
      v > 0 ? { statusTo: 'available' } : { statusFrom: 'available' },
      rootCause,
    );
  }
}

/** Is a bin in a zone the scenario keeps counters out of at this hour (a busy pick zone at peak)? */
function avoided(w: World, bin: number): boolean {
  const rules = w.scenario.counting?.avoid ?? [];
  if (rules.length === 0) return false;
  const zone = w.site.layout!.bins[bin]!.zone;
  const minute = Math.floor((w.now % 86_400_000) / 60_000);
  return rules.some((r) => {
    if (!r.zones.includes(zone)) return false;
    const from = parseClock(r.from);
    const to = parseClock(r.to);
    return from <= to ? minute >= from && minute < to : minute >= from || minute < to;
  });
}

/**
 * A counter sees damage: units the floor holds as damaged but the system books as available are
 * reclassified (a system-only status change), so damaged goods stop being allocated.
 */
function markDamaged(
  w: World,
  doc: CountDoc,
  bin: string,
  sku: string,
  lot: string,
  uom: string,
  actor: Actor,
): void {
  const physical = w.physical.qty(bin, sku, lot, 'damaged');
  const booked = w.system.qty(bin, sku, lot, 'damaged');
  const move = Math.min(physical - booked, w.system.qty(bin, sku, lot, 'available'));
  if (move <= 0) return;
  postAdjustment(
    w,
    doc,
    actor,
    { bin, sku, lot, uom, qty: move },
    { statusFrom: 'available', statusTo: 'damaged' },
    'DAMAGE',
  );
}

/** Posts one system-only adjustment (the system catching up with the floor) with its root cause. */
function postAdjustment(
  w: World,
  doc: CountDoc,
  actor: Actor,
  line: { bin: string; sku: string; lot: string; uom: string; qty: number },
  status: { statusFrom?: 'available'; statusTo?: 'available' | 'damaged' },
  rootCause: string,
): void {
  w.commitSystem({
    type: 'adjustment.posted',
    site: w.site.name,
    actor,
    bin: line.bin,
    sku: line.sku,
    lot: line.lot || undefined,
    qty: line.qty,
    uom: line.uom,
    baseQty: Math.abs(line.qty),
    ...status,
    reason: rootCause,
    docs: { count: countCode(doc.id), adjustment: docCode('adjustment', w.nextDoc('adjustment')) },
  });
}
