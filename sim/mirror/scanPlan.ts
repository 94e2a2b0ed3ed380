import type { AnyStateMachine } from 'xstate';
import { GUARDED, REJECTED, step, type CompiledMachine } from '../machines/compileMachine.ts';
import { stepEntries, taskStepMeta, type ExceptionExit, type ScanKind } from '../machines/taskStepMeta.ts';
import { STEP_MACHINES, stepTable, type Milestone, type ScanStep } from './scanSteps.ts';

/**
 * Guards the live scanner feed implements, as a driver of the charts: the feed reports what
 * happened on the floor, so a scanned pick quantity is the line as taken (`fullQuantity`) and a
 * scanned destination is the bin the site's WMS directed or approved. A chart step whose guards
 * the feed does not implement (a count's tolerance check) is decided by whoever commits the
 * sequence (the count control, from both ledgers): the plan ends there.
 */
export const SCANNER_GUARDS: ReadonlySet<string> = new Set([
  'fullQuantity',
  'scannedDirectedBin',
  'scannedApprovedBin',
]);

/** One scan or entry of a step's sequence, as the chart's meta declares it. */
export interface ScanPosition {
  /** Chart state number the entry is taken in. */
  state: number;
  /** `machine.state`, for messages. */
  where: string;
  kind: ScanKind;
  milestone: Exclude<Milestone, 'start'>;
  /** The step's prompt and exception exits (from the meta). */
  prompt: string;
  exits: ExceptionExit[];
  /** Chart steps sent once the entry is taken (the state's event and the waits passed after it). */
  after: { event: number; mask: number }[];
}

/** A scanner step's sequence, derived from its chart. */
export interface ScanPlan {
  machineId: string;
  /** Chart steps from the initial state to the first scan (waits, assignments, travel). */
  start: { event: number; mask: number }[];
  positions: ScanPosition[];
  /** Position the sequence goes on at after a commit (a receipt takes more lines), -1 when it ends. */
  loop: number;
  /** Whether a destination location is scanned after the quantity. */
  needsTo: boolean;
}

/** Mask of the scanner's guards in a table (bit g set when the feed implements guard g). */
function scannerMask(t: CompiledMachine): number {
  return t.guards.reduce((m, g, i) => (SCANNER_GUARDS.has(g) ? m | (1 << i) : m), 0);
}

/** Does the event in the state depend on a guard the scanner does not implement? */
function decidedElsewhere(t: CompiledMachine, s: number, e: number): boolean {
  const i = s * t.events.length + e;
  if (t.next[i] !== GUARDED) return false;
  const at = t.branchAt[i]!;
  for (let k = 0; k < t.branches[at]!; k++) {
    const g = t.branches[at + 1 + 2 * k]!;
    if (g >= 0 && !SCANNER_GUARDS.has(t.guards[g]!)) return true;
  }
  return false;
}

/**
 * Walks a chart the way a scanner does and returns its sequence: from the initial state, waits,
 * confirmations and travel are passed by the event their meta names; each state that takes scans
 * or entries contributes them in the meta's order, then sends its event. The walk ends at a final
 * state, at a state already walked (a loop: a receipt's next line), or at an event only the
 * committer can decide. Throws, naming machine and state, where the meta cannot be walked (no
 * event, or an event the chart does not take there): a chart the scanner path cannot follow
 * must fail at start-up, not on a device.
 */
export function deriveScanPlan(machine: AnyStateMachine, t: CompiledMachine): ScanPlan {
  const mask = scannerMask(t);
  const name = (s: number): string => `${machine.id}.${String(t.values[s])}`;
  const send = (s: number, type: string | undefined, out: { event: number; mask: number }[]): number => {
    if (type === undefined) throw new Error(`${name(s)}: the scanner path needs an event in its meta`);
    const e = t.event(type);
    const n = step(t, s, e, mask);
    if (n === REJECTED) throw new Error(`${name(s)}: meta event ${type} is not accepted there`);
    out.push({ event: e, mask });
    return n;
  };
  // `handedOver`: after a line, a step the handheld does not move on (no meta event: the engine
  // or a desk decides, a return's disposition) ends the sequence instead of breaking the walk.
  const pass = (from: number, out: { event: number; mask: number }[], handedOver = false): number => {
    let s = from;
    for (
      let guard = 0;
      !t.final[s] && stepEntries(taskStepMeta(machine, t.states[s]!)).length === 0;
      guard++
    ) {
      if (guard > t.states.length) throw new Error(`${name(from)}: waits loop without a scan`);
      const event = taskStepMeta(machine, t.states[s]!).event;
      if (handedOver && event === undefined) return s;
      s = send(s, event, out);
    }
    return s;
  };
  const start: { event: number; mask: number }[] = [];
  let s = pass(t.initial, start);
  const positions: ScanPosition[] = [];
  const seen = new Map<number, number>();
  let loop = -1;
  while (!t.final[s]) {
    const again = seen.get(s);
    if (again !== undefined) {
      loop = again;
      break;
    }
    seen.set(s, positions.length);
    const meta = taskStepMeta(machine, t.states[s]!);
    for (const kind of stepEntries(meta)) {
      const qtyTaken = positions.some((p) => p.kind === 'quantity');
      positions.push({
        state: s,
        where: name(s),
        kind,
        milestone: kind === 'binLabel' ? (qtyTaken ? 'to' : 'from') : kind === 'quantity' ? 'qty' : 'item',
        prompt: meta.prompt,
        exits: meta.exits,
        after: [],
      });
    }
    const last = positions.at(-1)!;
    if (meta.event !== undefined && decidedElsewhere(t, s, t.event(meta.event))) break;
    s = pass(send(s, meta.event, last.after), last.after, true);
    if (!t.final[s] && stepEntries(taskStepMeta(machine, t.states[s]!)).length === 0) break;
  }
  return {
    machineId: machine.id,
    start,
    positions,
    loop,
    needsTo: positions.some((p) => p.milestone === 'to'),
  };
}

const plans = new Map<ScanStep, ScanPlan>();

/** The plan of a scanner step, derived from its chart once per process. */
export function scanPlan(s: ScanStep): ScanPlan {
  let p = plans.get(s);
  if (!p) plans.set(s, (p = deriveScanPlan(STEP_MACHINES[s], stepTable(s))));
  return p;
}

/**
 * Where a session's chart state gets to by passing the waits its meta names (travel, an
 * assignment) with the scanner's guards, stopping at `target` or at the first state that takes
 * a scan. A session saved by an older build may stand a wait before where its plan now starts.
 */
export function catchUp(s: ScanStep, state: number, target: number): number {
  const machine = STEP_MACHINES[s];
  const t = stepTable(s);
  const mask = scannerMask(t);
  let n = state;
  for (let i = 0; n !== target && i < t.states.length && !t.final[n]; i++) {
    const meta = taskStepMeta(machine, t.states[n]!);
    if (stepEntries(meta).length > 0 || meta.event === undefined) break;
    const next = step(t, n, t.event(meta.event), mask);
    if (next === REJECTED) break;
    n = next;
  }
  return n;
}

/** What a scan of each kind is called in a device's messages. */
const KIND_LABEL: Record<ScanKind, string> = {
  binLabel: 'a bin label',
  gs1Item: 'a GS1 item',
  lot: 'a lot',
  quantity: 'a quantity',
};

/** What the sequence expects at a position, from the chart's meta, for a refusal message. */
export function expectedAt(p: ScanPosition | undefined): string {
  if (!p) return 'nothing more (the sequence is complete)';
  return `${KIND_LABEL[p.kind]} for step ${p.where} ("${p.prompt}")`;
}

/** The name a reply's `next` gives a position (the protocol's words). */
export function nextName(p: ScanPosition | undefined): string {
  if (!p) return 'location';
  return p.milestone === 'from'
    ? 'location'
    : p.milestone === 'item'
      ? 'item'
      : p.milestone === 'qty'
        ? 'quantity'
        : 'destination';
}
