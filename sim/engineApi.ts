// The engine's public facade and the composition root: it registers the flows and wires KPIs and
// trainer injections to the core. It lives above sim/engine/ so that the core never imports
// flows, KPIs or exceptions (issue 12; checked by `npm run graph`).
import type { Scenario } from './scenario/scenarioSchema.ts';
import { EventKind, Priority } from './engine/eventKinds.ts';
import { World, type EngineSnapshot, type JournalSink, type TruthSink } from './engine/world.ts';
import { readSnapshot } from './engine/readSnapshot.ts';
import { buildSiteModel } from './engine/siteModel.ts';
import { computeKpis, type KpiReport } from './kpi/computeKpis.ts';
import { placeOpeningStock } from './engine/openingStock.ts';
import { flowTables } from './engine/flowRegistry.ts';
import { dispatch, onShiftEdge, onWorkerStep } from './engine/workerFlow.ts';
import { registerAllFlows } from './flows/allFlows.ts';
import { injectException, type InjectResult } from './exceptions/injectException.ts';

/** Options of a run. */
export interface EngineOptions {
  /** Overrides the scenario's seed. */
  seed?: number | string;
  /** Receives every journal event in order; without it the journal is not materialised. */
  journal?: JournalSink;
  /** Receives every truth-log event (physical-only happenings) in order. */
  truth?: TruthSink;
}

/** A running simulation: advance it, read KPIs, save it. */
export interface Engine {
  /** Sim time, integer ms since the start (Monday 00:00). */
  now(): number;
  /** Processes every event with time ≤ t; afterwards now() = t. */
  runUntil(t: number): void;
  /** Runs until nothing is pending or `limitMs` is reached (for scenarios whose arrivals stop). */
  drain(limitMs: number): void;
  /** Events handled so far. */
  eventsProcessed(): number;
  /** KPIs as plain JSON. */
  kpis(): KpiReport;
  /** Everything needed to resume exactly, as plain JSON. */
  snapshot(): EngineSnapshot;
  /** A trainer's exception, now or at the next chance (see injectException). */
  inject(cause: string, bin?: string): InjectResult;
  /** The world, for tests and the live server's projections (read-only by convention). */
  readonly world: World;
}

/** Starts a run of a validated scenario at time 0. */
export function createEngine(scenario: Scenario, options: EngineOptions = {}): Engine {
  registerAllFlows();
  const seed = String(options.seed ?? scenario.seed);
  const site = buildSiteModel(scenario, seed);
  const w = new World(scenario, site, seed, options.journal, undefined, options.truth);
  if (w.tracked) placeOpeningStock(w);
  for (const worker of w.workers) {
    worker.onShift = w.shifts.onShiftAt(worker, 0);
    worker.onBreak = w.shifts.onBreakAt(worker, 0);
    if (worker.onShift) worker.paidSince = 0;
    if (worker.onShift && !worker.onBreak) w.idle.push(worker.index);
    scheduleShiftEdge(w, worker.index);
  }
  for (const f of flowTables().flows) f.start?.(w);
  dispatch(w);
  return wrap(w);
}

/**
 * Resumes a run from a snapshot taken by `snapshot()` on the same scenario. The snapshot is
 * checked first (readSnapshot: schema version and migrations, shape, statechart fingerprints);
 * one that cannot be trusted throws a SnapshotError saying why and where.
 */
export function restoreEngine(scenario: Scenario, saved: unknown, options: EngineOptions = {}): Engine {
  registerAllFlows();
  const snapshot = readSnapshot(saved);
  if (snapshot.scenario !== scenario.name) {
    throw new Error(`snapshot is of scenario "${snapshot.scenario}", not "${scenario.name}"`);
  }
  const site = buildSiteModel(scenario, snapshot.seed);
  return wrap(new World(scenario, site, snapshot.seed, options.journal, snapshot, options.truth));
}

function scheduleShiftEdge(w: World, workerIndex: number): void {
  const next = w.shifts.nextEdge(w.workers[workerIndex]!, w.now);
  if (next) w.queue.push(next.t, Priority.shift, EventKind.shiftEdge, workerIndex, next.edge);
}

function wrap(w: World): Engine {
  const tables = flowTables();
  const runUntil = (t: number): void => {
    const q = w.queue;
    const ev = q.popped;
    while (q.size > 0 && q.peekTime() <= t) {
      q.pop();
      w.now = ev.time;
      w.eventsProcessed++;
      if (ev.kind === EventKind.workerStep) {
        onWorkerStep(w, ev.a, ev.b);
      } else if (ev.kind === EventKind.shiftEdge) {
        onShiftEdge(w, ev.a, ev.b);
        scheduleShiftEdge(w, ev.a);
      } else {
        const h = tables.events[ev.kind];
        if (!h) throw new Error(`no handler for event kind ${ev.kind} at ${ev.time}`);
        h(w, ev.a, ev.b);
      }
    }
    if (t > w.now) w.now = t;
  };
  return {
    world: w,
    now: () => w.now,
    runUntil,
    drain(limitMs) {
      while (w.queue.size > 0 && w.queue.peekTime() <= limitMs) runUntil(w.queue.peekTime());
    },
    eventsProcessed: () => w.eventsProcessed,
    kpis: () => computeKpis(w),
    snapshot: () => w.snapshot(),
    inject: (cause, bin) => injectException(w, cause, bin),
  };
}
