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
import { feedEntriesApplied } from './mirror/feedEntry.ts';
import { projectView, type ProjectionOptions } from './view/projection.ts';
import { binDetail, type BinDetailView } from './view/binDetail.ts';
import type { RunStatus, ViewState } from './view/viewState.ts';
import type { Kpis } from './kpi/computeKpis.ts';
import type { JournalEvent } from './journal/journalEvent.ts';
import type { TruthEvent } from './exceptions/truthEvent.ts';
import type { LedgerState } from './inventory/ledger.ts';
import type { Bin } from './layout/types.ts';
import type { Item } from './items/types.ts';
import { reconciliationData, type ReconciliationData } from './analytics/reconciliationData.ts';
import { applyCommand, type EngineCommand, type ResultOf } from './engineCommands.ts';
import { bindWorld } from './engineWorld.ts';

/** Options of a run. */
export interface EngineOptions {
  /** Overrides the scenario's seed. */
  seed?: number | string;
  /** Receives every journal event in order; without it the journal is not materialised. */
  journal?: JournalSink;
  /** Receives every truth-log event (physical-only happenings) in order. */
  truth?: TruthSink;
  /**
   * Seed of the item master when it differs from the run's (the sites of a network share one
   * item master but draw their own demand); a restore must be given the same.
   */
  itemSeed?: string;
  /**
   * Seed of the generated site (item master and random slotting) when it differs from the
   * run's: an experiment on a fixed site varies only the demand and process streams. `itemSeed`
   * still decides the item master when given. A restore must be given the same.
   */
  siteSeed?: string;
}

/** What a site is made of, for callers that address bins and items (feeds, exports, benches). */
export interface EngineSite {
  name: string;
  bins: readonly Bin[];
  items: readonly Item[];
  workers: number;
  /** Forward pick face (bin index) of each item by item index, -1 when it has none. */
  faces: readonly number[];
}

/** Projection settings, plus KPIs computed earlier (the live server refreshes them once a second). */
export interface ProjectOptions extends ProjectionOptions {
  kpis?: Kpis;
}

/**
 * A running simulation behind its command API (issue 12, "Engine boundary"): advance it, change
 * it only through `apply(command)`, read it through projections and queries, save it. The
 * mutable world stays inside sim/.
 */
export interface Engine {
  /** Sim time, integer ms since the start (Monday 00:00). */
  now(): number;
  /** Processes every event with time ≤ t; afterwards now() = t. */
  runUntil(t: number): void;
  /** Runs until nothing is pending or `limitMs` is reached (for scenarios whose arrivals stop). */
  drain(limitMs: number): void;
  /** Events handled so far. */
  eventsProcessed(): number;
  /** Applies one command (inject, feed entry, feed exception, step); refusals come back as values. */
  apply<C extends EngineCommand>(command: C): ResultOf<C>;
  /** The view model at the current sim time (pure: changes nothing). */
  project(run: RunStatus, seq: number, options?: ProjectOptions): ViewState;
  /** Both ledgers, recent journal events and open tasks of one bin; null for an unknown code. */
  binDetail(code: string, recent?: readonly JournalEvent[]): BinDetailView | null;
  /** KPIs as plain JSON. */
  kpis(): KpiReport;
  /** The truth log so far: exceptions injected, oldest first. */
  truth(): readonly TruthEvent[];
  /** The site's bins, items and head count. */
  site(): EngineSite;
  /** One ledger's records (insertion order, or sorted by bin, item, lot, status). */
  stock(ledger: 'system' | 'physical', order?: 'insertion' | 'sorted'): LedgerState;
  /** Journal events committed so far (the last journal sequence number). */
  journalCommitted(): number;
  /** Feed entries applied so far (a resumed run re-applies the logged entries after it). */
  feedEntriesApplied(): number;
  /** The reconciliation report's inputs, or null when the run does not track stock. */
  reconciliation(): ReconciliationData | null;
  /** Everything needed to resume exactly, as plain JSON. */
  snapshot(): EngineSnapshot;
}

/** The engine as the core's own tests see it: the facade plus the world it wraps. */
export interface SimEngine extends Engine {
  /** The world, for sim/ and test/ only (the lint rule keeps server/ and client/ off it). */
  readonly world: World;
}

/**
 * Checks a saved snapshot as a restore would (see readSnapshot), after registering the flows so
 * their event and action numbering is known to compare against.
 */
export function checkSnapshot(saved: unknown): EngineSnapshot {
  registerAllFlows();
  return readSnapshot(saved);
}

/** Starts a run of a validated scenario at time 0. */
export function createEngine(scenario: Scenario, options: EngineOptions = {}): SimEngine {
  registerAllFlows();
  const seed = String(options.seed ?? scenario.seed);
  const site = buildSiteModel(scenario, seed, options.itemSeed, options.siteSeed);
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
 * checked first (readSnapshot: schema version and migrations, shape, statechart fingerprints,
 * the numbering of flow events and actions);
 * one that cannot be trusted throws a SnapshotError saying why and where.
 */
export function restoreEngine(scenario: Scenario, saved: unknown, options: EngineOptions = {}): SimEngine {
  registerAllFlows();
  const snapshot = readSnapshot(saved);
  if (snapshot.scenario !== scenario.name) {
    throw new Error(`snapshot is of scenario "${snapshot.scenario}", not "${scenario.name}"`);
  }
  const site = buildSiteModel(scenario, snapshot.seed, options.itemSeed, options.siteSeed);
  return wrap(new World(scenario, site, snapshot.seed, options.journal, snapshot, options.truth));
}

function scheduleShiftEdge(w: World, workerIndex: number): void {
  const next = w.shifts.nextEdge(w.workers[workerIndex]!, w.now);
  if (next) w.queue.push(next.t, Priority.shift, EventKind.shiftEdge, workerIndex, next.edge);
}

function wrap(w: World): SimEngine {
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
  const engine: SimEngine = {
    world: w,
    now: () => w.now,
    runUntil,
    drain(limitMs) {
      while (w.queue.size > 0 && w.queue.peekTime() <= limitMs) runUntil(w.queue.peekTime());
    },
    eventsProcessed: () => w.eventsProcessed,
    apply: (command) => applyCommand(w, command, runUntil),
    project(run, seq, options = {}) {
      const { kpis, ...rest } = options;
      return projectView({ world: w, kpis: () => kpis ?? computeKpis(w) }, run, seq, rest);
    },
    binDetail: (code, recent = []) => binDetail(w, code, recent),
    kpis: () => computeKpis(w),
    truth: () => w.truth,
    site: () => ({
      name: w.site.name,
      bins: w.site.layout?.bins ?? [],
      items: w.site.items,
      workers: w.workers.length,
      faces: [...w.site.forwardBinOf],
    }),
    stock: (ledger, order = 'insertion') =>
      order === 'sorted' ? w[ledger].sortedState() : w[ledger].state(),
    journalCommitted: () => w.counters.journal,
    feedEntriesApplied: () => feedEntriesApplied(w),
    reconciliation: () => reconciliationData(w),
    snapshot: () => w.snapshot(),
  };
  bindWorld(engine, w);
  return engine;
}
