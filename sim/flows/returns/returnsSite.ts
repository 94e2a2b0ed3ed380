import type { SiteModel } from '../../engine/siteModel.ts';
import type { World } from '../../engine/world.ts';
import type { Lifecycle } from '../../engine/effect.ts';
import type { JournalEventBody } from '../../journal/journalEvent.ts';
import { schedule, stepDoc } from '../../engine/applyEffects.ts';
import { Priority } from '../../engine/eventKinds.ts';
import { compileMachine, type CompiledMachine } from '../../machines/compileMachine.ts';
import { returnMachine, type ReturnEventType } from '../../machines/returnMachine.ts';
import { returns, returnsState, rmaCode, type Rma } from './returnsState.ts';

/** Where the returns flow works on the site's layout. */
export interface ReturnsSite {
  /** Returns area bins (receipt under quarantine, inspection), first = the desk. */
  area: number[];
  /** Rework area bins. */
  rework: number[];
}

// Derived from the (immutable) site model and settings, so a cache keyed by it is not run state.
const sites = new WeakMap<SiteModel, ReturnsSite>();

/**
 * The returns and rework areas: the named zones (`returns.zone`, `returns.reworkZone`), else the
 * first zone of kind `returns`, else the staging (or receiving) bin nearest an inbound dock —
 * returns come in through the same doors as supplier deliveries. Throws naming the setting when
 * a named zone is not in the layout or has no bins.
 */
export function returnsSite(w: World): ReturnsSite {
  const cached = sites.get(w.site);
  if (cached) return cached;
  const layout = w.site.layout;
  if (!layout) throw new Error('returns: the returns flow needs a layout');
  const s = w.scenario.returns!;
  const binsOf = (zone: string, setting: string): number[] => {
    const bins = layout.bins.filter((b) => b.zone === zone).map((b) => b.index);
    if (bins.length === 0)
      throw new Error(
        `${setting}: zone "${zone}" has no bins in the layout (zones: ${layout.zones.map((z) => z.id).join(', ')})`,
      );
    return bins;
  };
  const kindZone = layout.zones.find((z) => z.kind === 'returns')?.id;
  let area: number[];
  if (s.zone !== undefined) area = binsOf(s.zone, 'returns.zone');
  else if (kindZone !== undefined) area = binsOf(kindZone, 'returns.zone (first returns zone)');
  else area = [nearestToInbound(w)];
  const rework = s.reworkZone !== undefined ? binsOf(s.reworkZone, 'returns.reworkZone') : area;
  const site = { area, rework };
  sites.set(w.site, site);
  return site;
}

/** The staging (else receiving, else any non-storage) bin nearest the first inbound dock. */
function nearestToInbound(w: World): number {
  const layout = w.site.layout!;
  const kindOf = new Map(layout.zones.map((z) => [z.id, z.kind]));
  const dock = layout.docks.find((d) => d.kind === 'inbound') ?? layout.depot;
  for (const kind of ['staging', 'receiving', 'qc'] as const) {
    let best = -1;
    let bestD = Infinity;
    for (const b of layout.bins) {
      if (kindOf.get(b.zone) !== kind) continue;
      const d = w.site.distance(dock, b);
      if (d < bestD) {
        best = b.index;
        bestD = d;
      }
    }
    if (best >= 0) return best;
  }
  throw new Error(
    'returns: the layout has no returns, staging, receiving or qc zone to receive returns into',
  );
}

// Compiled once per process: a pure function of the machine definition.
let life: Lifecycle | null = null;

/** The compiled return lifecycle. */
export function returnLifecycle(): Lifecycle & { machine: CompiledMachine } {
  life ??= { doc: 'return', machine: compileMachine(returnMachine) };
  return life;
}

/** Steps an RMA's lifecycle and, only if the step is legal, posts `body` with it. */
export function rmaStep(w: World, r: Rma, type: ReturnEventType, body: JournalEventBody | null = null): void {
  const l = returnLifecycle();
  stepDoc(w, l, r, l.machine.event(type), body);
}

/** The document references of a return's events. */
export function refs(r: Rma): { rma: string; order: string; line: number } {
  return { rma: rmaCode(r.id), order: r.order, line: r.line };
}

/** A returns-flow timer (`code`, for RMA or line `id`) `ms` from now. */
export function scheduleIn(w: World, ms: number, id: number, code: number): void {
  schedule(w, w.now + Math.max(0, Math.round(ms)), Priority.arrival, returns.ev.returnsTimer, id, code);
}

/** The return's goods leave quarantine status now: its dwell time ends. */
export function leaveQuarantine(w: World, r: Rma): void {
  returnsState(w).kpi.dwellMs.push(w.now - r.receivedAt);
}
