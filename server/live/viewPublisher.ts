import { performance } from 'node:perf_hooks';
import type { JournalEvent, Kpis } from '../../sim/index.ts';
import { diffViews, type RunStatus, type ViewDelta, type ViewState } from '../../sim/viewApi.ts';
import type { LiveRun } from './liveRun.ts';

/** What one tick produced, for the stream: the view, what changed, and durable business events. */
export interface TickOutput {
  view: ViewState;
  delta: ViewDelta | null;
  events: JournalEvent[];
  /** True when the run changed (reset, load): every viewer needs a fresh snapshot. */
  reset: boolean;
  /** performance.now() when the engine finished this tick (for delay measurements). */
  at: number;
}

/** Wall ms between KPI recomputations for the tiles. */
const KPI_REFRESH_MS = 1000;
/** Wall ms between view publishes caused by external transactions (ticks publish as well). */
const EXTERNAL_PUBLISH_MS = 20;

/**
 * Turns a single-site run's state into views for the stream: projects, diffs against the last
 * view, and tells listeners, after the journal lines behind it are durable (group commit).
 * External transactions' events wait for the next publish, at most EXTERNAL_PUBLISH_MS later.
 */
export class ViewPublisher {
  private current!: ViewState;
  private seq = 0;
  private kpiCache: { run: LiveRun; at: number; kpis: Kpis } | null = null;
  private readonly listeners: ((out: TickOutput) => void)[] = [];
  /** Business events made durable by external transactions, not yet published. */
  private pendingEvents: JournalEvent[] = [];
  private publishTimer: NodeJS.Timeout | null = null;
  private lastPublishAt = 0;

  /**
   * A publisher of whatever run `run` returns; `mayPublish` says whether a deferred publish may
   * go out now (not while the run is swapped, nor after the runner stopped).
   */
  constructor(
    private readonly run: () => LiveRun,
    private readonly status: () => RunStatus,
    private readonly mayPublish: () => boolean,
  ) {}

  /** Projects the run afresh (start-up), telling no one. */
  start(): void {
    this.current = this.project();
  }

  /** The latest view (never mutated; replaced each publish). */
  view(): ViewState {
    return this.current;
  }

  /** Receives every publish's output, in order. */
  onTick(listener: (out: TickOutput) => void): void {
    this.listeners.push(listener);
  }

  /** Forgets events not yet published (their run is being dropped). */
  dropPending(): void {
    this.pendingEvents = [];
  }

  /** Commits the run's journal now and publishes its events and view within EXTERNAL_PUBLISH_MS. */
  commitExternal(): void {
    this.pendingEvents.push(...this.run().commit());
    if (!this.publishTimer) {
      const wait = Math.max(0, this.lastPublishAt + EXTERNAL_PUBLISH_MS - performance.now());
      this.publishTimer = setTimeout(() => {
        this.publishTimer = null;
        if (this.mayPublish()) this.publish(false);
      }, wait);
    }
  }

  /** Cancels a deferred publish (the runner stops). */
  stop(): void {
    if (this.publishTimer) clearTimeout(this.publishTimer);
    this.publishTimer = null;
  }

  /** Commits, projects, diffs and tells listeners; `reset` sends a fresh snapshot instead of a delta. */
  publish(reset: boolean): void {
    // Group commit: the tick's journal lines are on disk before anything about them is sent.
    const events = [...this.pendingEvents, ...this.run().commit()];
    this.pendingEvents = [];
    this.lastPublishAt = performance.now();
    const prev = this.current;
    const next = this.project(prev);
    const delta = reset ? null : diffViews(prev, next);
    if (!reset && !delta) return;
    this.current = next;
    const out: TickOutput = { view: next, delta, events, reset, at: performance.now() };
    for (const l of this.listeners) l(out);
  }

  private project(previous?: ViewState): ViewState {
    const seq = previous ? previous.seq + 1 : this.seq;
    this.seq = seq;
    const run = this.run();
    const wall = performance.now();
    // KPIs cost milliseconds (they sort and scan whole histories): tiles refresh once a second.
    if (!this.kpiCache || this.kpiCache.run !== run || wall - this.kpiCache.at >= KPI_REFRESH_MS) {
      this.kpiCache = { run, at: wall, kpis: run.engine.kpis() };
    }
    const kpis = this.kpiCache.kpis;
    return run.engine.project(this.status(), seq, previous ? { kpis, previous } : { kpis });
  }
}
