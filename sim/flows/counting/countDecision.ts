import type { World } from '../../engine/world.ts';
import type { Actor } from '../../journal/journalEvent.ts';
import { compileMachine, type CompiledMachine } from '../../machines/compileMachine.ts';
import type { Lifecycle } from '../../engine/effect.ts';
import type { JournalEventBody } from '../../journal/journalEvent.ts';
import {
  cycleCountEvents as CE,
  cycleCountGuards as CG,
  cycleCountMachine,
  type CycleCountEventType,
} from '../../machines/cycleCountMachine.ts';
import { countWithin, withinTolerance } from '../../kpi/ira.ts';
import { itemOfSku } from '../replenishment/faceStock.ts';
import { binSignature, splitKey, totalsAt } from './binStock.ts';
import { countCode, countingState, type CountDoc } from './countingState.ts';
import { postCount } from './countPosting.ts';
import { needsApproval } from './approvalLimit.ts';
import { post, stepDoc, takeStep } from '../../engine/applyEffects.ts';

export { countCode } from './countingState.ts';
import { countingSchema, type CountingSettings } from './countingSchema.ts';
import type { CountRecord } from '../../analytics/countRecord.ts';
import { trimCountRecords } from '../../analytics/countFold.ts';
import { traceCount, unitCostOf } from '../../engine/truthTally.ts';
import { retentionOf } from '../../scenario/retentionSchema.ts';

export type { Actor } from '../../journal/journalEvent.ts';

let table: CompiledMachine | null = null;
/** The compiled cycle-count machine (compiled once per process). */
export function countTable(): CompiledMachine {
  table ??= compileMachine(cycleCountMachine);
  return table;
}

/** Guard-mask bit of one of the chart's named guards. */
function guardBit(name: keyof typeof CG): number {
  return 1 << countTable().guard(CG[name]);
}

let life: Lifecycle | null = null;
/** The cycle-count lifecycle, for step effects. */
function countLife(): Lifecycle {
  life ??= { doc: 'count', machine: countTable() };
  return life;
}

/**
 * Sends one event to a count's statechart with no journal event (the scanner's driver, which
 * journals through its own session); an event the chart refuses is a bug in the driver.
 * `mask`: the chart's guards that hold (see guardBit), for the guarded submission.
 */
export function countStep(doc: CountDoc, type: CycleCountEventType, mask = 0): void {
  takeStep(countLife(), doc, countTable().event(type), mask);
}

/**
 * A count's lifecycle step and its journal event (`body`, null for none) as one effect: posted
 * only if the chart accepts the step; a refused event is a bug in the driver, so it throws.
 */
export function stepCount(
  w: World,
  doc: CountDoc,
  type: CycleCountEventType,
  body: JournalEventBody | null = null,
  mask = 0,
): void {
  stepDoc(w, countLife(), doc, countTable().event(type), body, mask);
}

const DEFAULTS: CountingSettings = countingSchema.parse({});
/** The counting rules of a world: the scenario's, or the schema defaults when it has none (a feed on a site without a count program). */
export function countSettings(w: World): CountingSettings {
  return w.scenario.counting ?? DEFAULTS;
}

/** Opens a count request for a bin (state scheduled) and journals it; the caller queues it or drives it. */
export function openCount(w: World, bin: number, reason: string, external = false): CountDoc {
  const s = countingState(w);
  const id = w.nextDoc('count');
  const doc: CountDoc = {
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
  if (external) doc.external = true;
  s.open[id] = doc;
  s.scheduled++;
  if (w.journalOn) {
    post(w, {
      type: 'count.scheduled',
      site: w.site.name,
      bin: w.site.layout!.bins[bin]!.code,
      reason,
      docs: { count: countCode(id) },
    });
  }
  return doc;
}

/** What became of a submitted count. */
export type CountOutcome = 'voided' | 'posted' | 'recount' | 'review';

/**
 * A submitted count (first count or recount), whoever drives it: the simulated counter or a
 * scanner. Voided when the bin's system stock changed since counting started; else judged
 * against the system per SKU/lot (`only`: the one key a scan counted, else the whole bin),
 * posted when within tolerance, else out of tolerance: a recount after a first count, a review
 * after a recount (the chart's `confirmed` when no signature is needed: the caller decides it at
 * once). The caller queues the recount or review (or reschedules a voided count).
 */
export function submitCounted(
  w: World,
  doc: CountDoc,
  counted: Map<string, number>,
  actor: Actor,
  only?: string,
): CountOutcome {
  const s = countingState(w);
  const binCode = w.site.layout!.bins[doc.bin]!.code;
  const recount = doc.state === countTable().state('"recounting"');
  s.counted++;
  if (recount) s.recounts++;
  const docs = { count: countCode(doc.id) };
  doc.counter = -1;
  // The submission is one chart step; the engine evaluates the chart's guards from the ledgers.
  if (binSignature(w.system, binCode) !== doc.startSignature) {
    const voided = w.journalOn
      ? { type: 'count.voided' as const, site: w.site.name, actor, bin: binCode, reason: 'bin-moved', docs }
      : null;
    stepCount(w, doc, CE.submitted, voided, guardBit('binMovedSinceStart'));
    s.voided++;
    s.miscountsVoided += doc.miscounts ?? 0;
    delete s.open[doc.id];
    return 'voided';
  }
  // System quantities at submission time (never shown to the counter).
  const all = totalsAt(w.system, binCode);
  const system = only === undefined ? all : new Map(all.has(only) ? [[only, all.get(only)!]] : []);
  const keys = [...new Set([...counted.keys(), ...system.keys()])].sort();
  const within = judge(w, doc, binCode, keys, counted, system, actor.worker, !recount);
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
    // A scanned count always gets a person's review; a simulated one when the rule says so.
    const approval = recount && (doc.external === true || needsApproval(w, doc));
    const out = w.journalOn
      ? { type: 'count.outOfTolerance' as const, site: w.site.name, actor, bin: binCode, docs }
      : null;
    stepCount(w, doc, CE.submitted, out, approval ? guardBit('approvalNeeded') : 0);
    s.varianceHistory[doc.bin] = (s.varianceHistory[doc.bin] ?? 0) + 1;
    // A recount by another counter supersedes a first count: its errors never reach the system.
    if (!recount) s.miscountsCaught += doc.miscounts ?? 0;
    return recount ? 'review' : 'recount';
  }
  stepCount(w, doc, CE.submitted, null, guardBit('withinTolerance'));
  s.miscountsPosted += doc.miscounts ?? 0;
  postCount(w, doc, binCode, keys, counted, system, actor, 'WITHIN-TOLERANCE');
  s.posted++;
  s.binsCounted[doc.bin] = (s.binsCounted[doc.bin] ?? 0) + 1;
  delete s.open[doc.id];
  return 'posted';
}

/**
 * A reviewed count's adjustment is approved: journalled with the approver and the root cause,
 * then the recount (as taken, against the system as it stood then) is posted with that cause.
 */
export function approveAdjustment(w: World, doc: CountDoc, actor: Actor, cause: string): void {
  const s = countingState(w);
  s.reviewQueue = s.reviewQueue.filter((x) => x !== doc.id);
  const binCode = w.site.layout!.bins[doc.bin]!.code;
  const counted = new Map(Object.entries(doc.lastCounts ?? {}));
  const system = new Map(Object.entries(doc.lastSystem ?? {}));
  const keys = [...new Set([...counted.keys(), ...system.keys(), ...Object.keys(doc.firstCounts)])].sort();
  const approved = w.journalOn
    ? {
        type: 'count.adjustmentApproved' as const,
        site: w.site.name,
        actor,
        bin: binCode,
        reason: cause,
        docs: { count: countCode(doc.id) },
      }
    : null;
  stepCount(w, doc, CE.adjustmentApproved, approved);
  s.approved++;
  s.miscountsPosted += doc.miscounts ?? 0;
  postCount(w, doc, binCode, keys, counted, system, actor, cause);
  s.posted++;
  s.binsCounted[doc.bin] = (s.binsCounted[doc.bin] ?? 0) + 1;
  delete s.open[doc.id];
}

/** A reviewed count's adjustment is rejected: the system quantity stands, the reason is journalled. */
export function rejectAdjustment(w: World, doc: CountDoc, actor: Actor, reason: string): void {
  const s = countingState(w);
  s.reviewQueue = s.reviewQueue.filter((x) => x !== doc.id);
  const body = w.journalOn
    ? {
        type: 'count.adjustmentRejected' as const,
        site: w.site.name,
        actor,
        bin: w.site.layout!.bins[doc.bin]!.code,
        reason,
        docs: { count: countCode(doc.id) },
      }
    : null;
  stepCount(w, doc, CE.adjustmentRejected, body);
  s.rejected++;
  s.miscountsCaught += doc.miscounts ?? 0;
  delete s.open[doc.id];
}

/** Tolerance check per SKU/lot (the one rule every count driver uses) (percentage of the booked quantity and a value cap); records every line. */
export function judge(
  w: World,
  doc: CountDoc,
  bin: string,
  keys: string[],
  counted: Map<string, number>,
  system: Map<string, number>,
  counter: string,
  first: boolean,
): boolean {
  const c = countSettings(w);
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
      counter,
      adjustment: 0,
      value: Math.round(Math.abs(n - sys) * (it?.unitCost ?? 0) * 100) / 100,
      rootCause: '',
    });
  }
  // Absolute line numbers: the window may since have let older lines go (recordsDropped).
  doc.lastRecords = [(s.recordsDropped ?? 0) + s.records.length, lines.length];
  s.records.push(...lines);
  if (first)
    for (const r of lines)
      traceCount(w.truthTally, {
        count: r.count,
        t: r.t,
        bin: r.bin,
        sku: r.sku,
        variance: r.countedQty - r.systemQty,
      });
  const open = new Set<string>();
  trimCountRecords(
    s,
    retentionOf(w.scenario).countRecords,
    (count) => {
      if (open.size === 0) for (const d of Object.values(s.open)) open.add(countCode(d.id));
      return open.has(count);
    },
    unitCostOf(w.site),
  );
  // The verdict IRA as counted takes: every line within, none netted against another.
  return countWithin(lines);
}

/** Root-cause codes an adjustment carries, from what the investigation finds. */
export const ROOT_CAUSE: Record<string, string> = {
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
  returnRestockedUninspected: 'RETURN-NOT-INSPECTED',
  miscount: 'MISCOUNT',
};
