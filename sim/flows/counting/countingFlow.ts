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
import { withinTolerance } from '../../kpi/ira.ts';
import { itemOfSku } from '../replenishment/faceStock.ts';
import { binSignature, recordsAt, splitKey, totalsAt } from './binStock.ts';
import { CountTimer, chooseBin, planDay, startSchedule } from './countSchedule.ts';
import { countingState, type CountDoc } from './countingState.ts';
import { countingKpis } from './countingKpis.ts';

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
  return `CC${String(id).padStart(7, '0')}`;
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
      else if (releaseCount(w, chooseBin(w)) >= 0) dispatch(w);
    },
  },
  sources: [{ role: 'counter', priority: 0, next: nextCountJob }],
  actions: {
    [StepAction.countAtBin]: startCount,
    [StepAction.countSubmit]: submitCount,
  },
  jobDone: {
    count: (w, _worker, job) => {
      countingState(w).counterMs += w.now - job.started;
    },
  },
  kpis: (w) => (w.scenario.counting ? countingKpis(w) : null),
};

/** Creates a count request for a bin (scheduled, waiting for a counter); returns its id or -1. */
export function releaseCount(w: World, bin: number): number {
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
  };
  s.queue.push(id);
  s.scheduled++;
  if (w.journalOn) {
    w.commit({
      type: 'count.scheduled',
      site: w.site.name,
      bin: w.site.layout!.bins[bin]!.code,
      docs: { count: countCode(id) },
    });
  }
  return id;
}

function nextCountJob(w: World, worker: Worker): Job | null {
  if (!w.scenario.counting) return null;
  const s = countingState(w);
  let id: number | undefined;
  // Recounts first, never by the first counter.
  const r = s.recountQueue.findIndex((x) => s.open[x]!.firstCounter !== worker.index);
  if (r >= 0) id = s.recountQueue.splice(r, 1)[0];
  else id = s.queue.shift();
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

/** The counter submits the blind count; the system voids, posts, or asks for a recount. */
function submitCount(w: World, worker: Worker, _job: Job, st: Step): void {
  const s = countingState(w);
  const doc = s.open[st.arg]!;
  const binCode = w.site.layout!.bins[doc.bin]!.code;
  const recount = doc.state === countTable().state('"recounting"');
  // Blind: what the counter reports comes from the physical ledger only.
  const counted = totalsAt(w.physical, binCode);
  countStep(doc, CE.submitted);
  s.counted++;
  if (recount) s.recounts++;
  const actor = { worker: worker.code, role: worker.role };
  const docs = { count: countCode(doc.id) };
  doc.counter = -1;
  if (binSignature(w.system, binCode) !== doc.startSignature) {
    countStep(doc, CE.binMoved);
    s.voided++;
    delete s.open[doc.id];
    if (w.journalOn)
      w.commit({ type: 'count.voided', site: w.site.name, actor, bin: binCode, reason: 'bin-moved', docs });
    if (releaseCount(w, doc.bin) >= 0) s.rescheduled++;
    dispatch(w);
    return;
  }
  // System quantities at submission time (never shown to the counter).
  const system = totalsAt(w.system, binCode);
  const keys = [...new Set([...counted.keys(), ...system.keys()])].sort();
  const tol = w.scenario.counting!.tolerancePct;
  let within = true;
  for (const k of keys) {
    const sys = system.get(k) ?? 0;
    const v = (counted.get(k) ?? 0) - sys;
    const item = itemOfSku(w, splitKey(k).sku);
    const it = item >= 0 ? w.site.items[item]! : undefined;
    if (!withinTolerance(sys, sys + v, tol[it?.velocityClass ?? 'C'], it?.unitCost ?? 0)) within = false;
  }
  if (!recount) {
    s.decisions++;
    if (within) s.withinTolerance++;
  }
  if (!within) {
    countStep(doc, CE.outOfTolerance);
    if (w.journalOn) w.commit({ type: 'count.outOfTolerance', site: w.site.name, actor, bin: binCode, docs });
    if (recount) s.review++;
    else s.recountQueue.push(doc.id);
    dispatch(w);
    return;
  }
  countStep(doc, CE.withinTolerance);
  postCount(w, doc, binCode, keys, counted, system, actor);
  s.posted++;
  s.binsCounted[doc.bin] = (s.binsCounted[doc.bin] ?? 0) + 1;
  delete s.open[doc.id];
}

/** Posts a count: one `count.posted` per SKU/lot (or one zero count), and adjustments for deltas. */
function postCount(
  w: World,
  doc: CountDoc,
  bin: string,
  keys: string[],
  counted: Map<string, number>,
  system: Map<string, number>,
  actor: { worker: string; role: string },
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
    if (v === 0) continue;
    // Gains land as available; losses come out of available stock (allocations stand).
    const available = recordsAt(w.system, bin)
      .filter((r) => r.sku === sku && r.lot === lot && r.status === 'available')
      .reduce((a, r) => a + r.qty, 0);
    const delta = v > 0 ? v : Math.min(-v, available);
    if (delta === 0) continue;
    s.adjustments++;
    s.adjustedUnits += delta;
    w.commitSystem({
      type: 'adjustment.posted',
      site: w.site.name,
      actor,
      bin,
      sku,
      lot: lot || undefined,
      qty: v > 0 ? delta : -delta,
      uom,
      baseQty: delta,
      ...(v > 0 ? { statusTo: 'available' as const } : { statusFrom: 'available' as const }),
      reason: 'count',
      docs: { count: countCode(doc.id), adjustment: `AD${String(w.nextDoc('adjustment')).padStart(7, '0')}` },
    });
  }
}
