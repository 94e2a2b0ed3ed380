import type { World } from '../../engine/world.ts';
import type { JournalEventBody } from '../../journal/journalEvent.ts';
import { compileMachine, step, REJECTED, type CompiledMachine } from '../../machines/compileMachine.ts';
import {
  cycleCountEvents as CE,
  cycleCountMachine,
  type CycleCountEventType,
} from '../../machines/cycleCountMachine.ts';
import { withinTolerance } from '../../kpi/ira.ts';
import { itemOfSku } from '../replenishment/faceStock.ts';
import { binSignature, recordsAt, splitKey, totalsAt } from './binStock.ts';
import { countingState, type CountDoc } from './countingState.ts';
import { countingSchema, type CountingSettings } from './countingSchema.ts';
import type { CountRecord } from '../../analytics/countRecord.ts';

/** Who acts on a count, as the journal records it. */
export type Actor = NonNullable<JournalEventBody['actor']>;

let table: CompiledMachine | null = null;
/** The compiled cycle-count machine (compiled once per process). */
export function countTable(): CompiledMachine {
  table ??= compileMachine(cycleCountMachine);
  return table;
}

/** Sends one event to a count's statechart; an event the chart refuses is a bug in the driver. */
export function countStep(doc: CountDoc, type: CycleCountEventType): void {
  const m = countTable();
  const n = step(m, doc.state, m.event(type));
  if (n === REJECTED) throw new Error(`count ${doc.id}: ${type} not accepted in ${m.states[doc.state]}`);
  doc.state = n;
}

/** Human count request number. */
export function countCode(id: number): string {
  return `CC${String(id).padStart(7, '0')}`;
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
    w.commit({
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
 * after a recount. The caller queues the recount or review (or reschedules a voided count).
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
  countStep(doc, CE.submitted);
  s.counted++;
  if (recount) s.recounts++;
  const docs = { count: countCode(doc.id) };
  doc.counter = -1;
  if (binSignature(w.system, binCode) !== doc.startSignature) {
    countStep(doc, CE.binMoved);
    s.voided++;
    delete s.open[doc.id];
    if (w.journalOn)
      w.commit({ type: 'count.voided', site: w.site.name, actor, bin: binCode, reason: 'bin-moved', docs });
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
    countStep(doc, CE.outOfTolerance);
    s.varianceHistory[doc.bin] = (s.varianceHistory[doc.bin] ?? 0) + 1;
    if (w.journalOn) w.commit({ type: 'count.outOfTolerance', site: w.site.name, actor, bin: binCode, docs });
    return recount ? 'review' : 'recount';
  }
  countStep(doc, CE.withinTolerance);
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
  countStep(doc, CE.adjustmentApproved);
  s.approved++;
  if (w.journalOn)
    w.commit({
      type: 'count.adjustmentApproved',
      site: w.site.name,
      actor,
      bin: binCode,
      reason: cause,
      docs: { count: countCode(doc.id) },
    });
  postCount(w, doc, binCode, keys, counted, system, actor, cause);
  s.posted++;
  s.binsCounted[doc.bin] = (s.binsCounted[doc.bin] ?? 0) + 1;
  delete s.open[doc.id];
}

/** A reviewed count's adjustment is rejected: the system quantity stands, the reason is journalled. */
export function rejectAdjustment(w: World, doc: CountDoc, actor: Actor, reason: string): void {
  const s = countingState(w);
  s.reviewQueue = s.reviewQueue.filter((x) => x !== doc.id);
  countStep(doc, CE.adjustmentRejected);
  s.rejected++;
  delete s.open[doc.id];
  if (w.journalOn)
    w.commit({
      type: 'count.adjustmentRejected',
      site: w.site.name,
      actor,
      bin: w.site.layout!.bins[doc.bin]!.code,
      reason,
      docs: { count: countCode(doc.id) },
    });
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
  let within = true;
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
    if (!ok) within = false;
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
  doc.lastRecords = [s.records.length, lines.length];
  s.records.push(...lines);
  return within;
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
};

/** Posts a count: one `count.posted` per SKU/lot (or one zero count), and adjustments with their root cause. */
export function postCount(
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

/**
 * Posts one adjustment with its root cause: system-only for a simulated count (the system
 * catching up with the floor); for a scanned count of the real floor (`external`) the twin's
 * floor ledger takes the counted quantity too, as a feed transaction does.
 */
function postAdjustment(
  w: World,
  doc: CountDoc,
  actor: Actor,
  line: { bin: string; sku: string; lot: string; uom: string; qty: number },
  status: { statusFrom?: 'available'; statusTo?: 'available' | 'damaged' },
  rootCause: string,
): void {
  const commit = doc.external ? w.commit.bind(w) : w.commitSystem.bind(w);
  commit({
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
    docs: { count: countCode(doc.id), adjustment: `AD${String(w.nextDoc('adjustment')).padStart(7, '0')}` },
  });
}
