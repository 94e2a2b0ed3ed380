import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { Engine, JournalEvent, Kpis, TruthEvent } from '../../sim/index.ts';
import {
  diffViews,
  type BinDetailView,
  type RunStatus,
  type ViewDelta,
  type ViewState,
} from '../../sim/viewApi.ts';
import type { ControlCommand, ControlReply } from '../../sim/view/protocol.ts';
import { runFiles, type DataDir } from './dataDir.ts';
import {
  installRewindPoint,
  listRewindPoints,
  REWIND_DEFAULTS,
  type RewindSettings,
} from './rewindPoints.ts';
import { LiveRun, type JournalOptions, type PacingState } from './liveRun.ts';
import { rebuildRun, type ExternalBacklogEntry } from './runRebuild.ts';
import type { RunIndex } from './runIndex.ts';
import type { ScenarioLibrary } from './scenarioLibrary.ts';
import type { EngineSnapshot, Scenario } from '../../sim/index.ts';
import type { Problem } from '../scenarioProblems.ts';

/** The run cannot take external transactions right now (a reset or jump is in progress). */
export class RunBusyError extends Error {
  override readonly name = 'RunBusyError';
}

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

export type { ExternalBacklogEntry } from './runRebuild.ts';

/** Runner settings. */
export interface RunnerOptions {
  data: DataDir;
  index: RunIndex;
  library: ScenarioLibrary;
  log: Logger;
  /** Wall ms between ticks (100 = 10 Hz). */
  tickMs?: number;
  /** Sim ms between checkpoints. */
  checkpointEveryMs?: number;
  /** On resume: the acknowledged external transactions after the checkpoint, in acceptance order. */
  backlog?: (folder: string, engine: Engine) => Promise<ExternalBacklogEntry[]>;
  /** Size budgets a scenario must fit before a run of it is built (problems; empty = fits). */
  budget?: (scenario: Scenario) => Problem[];
  /** Journal segment size (and a test hook on rotation). */
  journal?: JournalOptions;
  /**
   * Rewind points: sim ms between them and how many are kept (training: REWIND_DEFAULTS, every
   * 5 sim minutes). Off when absent: a point is a full snapshot, too dear for fast plain runs.
   */
  rewind?: RewindSettings;
}

/** How the runner starts: resume the current run if there is one, else a new run of this scenario. */
export interface RunnerStart {
  scenario: string;
  seed?: string;
  pacing: PacingState;
  /** Start a new run even if one can be resumed. */
  newRun?: boolean;
}

/** Sim time 'max' speed advances per engine call: small enough to check the wall-clock budget often. */
const MAX_CHUNK_MS = 60_000;
/** Share of a tick 'max' speed may spend in the engine; the rest serves sockets and HTTP. */
const MAX_BUDGET_SHARE = 0.5;
/** Wall ms between KPI recomputations for the tiles. */
const KPI_REFRESH_MS = 1000;
/** Wall ms between view publishes caused by external transactions (ticks publish as well). */
const EXTERNAL_PUBLISH_MS = 20;
/** How far ahead a jump may go in one command (a month). */
const MAX_JUMP_MS = 31 * 24 * 3_600_000;
/** Sim time per chunk while jumping; the event loop gets a turn between chunks. */
const JUMP_CHUNK_MS = 3_600_000;
/**
 * Control commands queued at once (all sockets together). Each inject checkpoints and re-sends
 * every viewer a snapshot; 300 queued froze viewers for 16.8 s. Past this, commands are refused.
 */
export const MAX_PENDING_CONTROLS = 16;

/**
 * Paces the engine against the wall clock and turns its state into views. The engine never
 * reads the clock; the runner maps wall time to sim time (speed × elapsed since an anchor) and
 * re-anchors on every speed, pause or run change, so a change never makes sim time leap.
 */
export class LiveRunner {
  private run!: LiveRun;
  private pacing: PacingState = { speed: 60, paused: false, until: null };
  private anchorWall = 0;
  private anchorSim = 0;
  private seq = 0;
  private current!: ViewState;
  private timer: NodeJS.Timeout | null = null;
  private kpiCache: { run: LiveRun; at: number; kpis: Kpis } | null = null;
  private busy = false;
  private queue: Promise<unknown> = Promise.resolve();
  private pendingControls = 0;
  private readonly listeners: ((out: TickOutput) => void)[] = [];
  /** Business events made durable by external transactions, not yet published. */
  private pendingEvents: JournalEvent[] = [];
  private publishTimer: NodeJS.Timeout | null = null;
  private lastPublishAt = 0;
  private readonly tickMs: number;
  private readonly checkpointEveryMs: number;

  /** Creates a stopped runner; call `start`. */
  constructor(private readonly opts: RunnerOptions) {
    this.tickMs = opts.tickMs ?? 100;
    this.checkpointEveryMs = opts.checkpointEveryMs ?? 10 * 60_000;
    this.rewind = opts.rewind ?? null;
  }

  private rewind: RewindSettings | null;

  /** Turns rewind points on (a training session starts: REWIND_DEFAULTS unless given) or off. */
  setRewind(settings: RewindSettings | null = REWIND_DEFAULTS): void {
    this.rewind = settings;
  }

  /** The rewind-point settings in force (null: off). */
  rewindSettings(): RewindSettings | null {
    return this.rewind;
  }

  /** The next sim time a rewind point is due at: the next multiple of the interval. */
  private nextRewindAt(): number {
    if (!this.rewind) return Number.POSITIVE_INFINITY;
    const every = this.rewind.everyMs;
    const last = this.run.lastRewindAt;
    return last === -Infinity ? 0 : (Math.floor(last / every) + 1) * every;
  }

  /**
   * Advances the engine to `target`, stopping at every rewind point due on the way (so points
   * sit on whole multiples of the interval: 5:00, 10:00 …) and checkpointing when due.
   */
  private runTo(target: number): void {
    const engine = this.run.engine;
    for (;;) {
      const due = this.nextRewindAt();
      if (due > target) break;
      if (due > engine.now()) engine.runUntil(due);
      this.run.rewindPoint(this.pacing, this.rewind!.keep);
    }
    if (target > engine.now()) engine.runUntil(target);
    this.maybeCheckpoint();
  }

  /** The rewind points of the current run, oldest first. */
  rewindPoints(): { simMs: number; lastSeq: number }[] {
    return listRewindPoints(this.run.folder).map(({ simMs, lastSeq }) => ({ simMs, lastSeq }));
  }

  /**
   * Arms `cause` for one worker's next chance (a trainer's "inject into trainee X's next task",
   * or an exercise cue), after any control in progress; checkpointed at once like any injection.
   */
  injectFor(worker: string, cause: string): Promise<{ ok: boolean; message: string }> {
    const next = this.queue.then(() => {
      if (this.busy) return { ok: false, message: 'the run is being reset or advanced; retry shortly' };
      const r = this.run.engine.apply({ type: 'inject', cause, worker });
      if (!r.ok) return { ok: false, message: r.message };
      this.run.checkpoint(this.pacing);
      this.publish(false);
      return { ok: true, message: r.message };
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * A trainer's or a cue's change to the floor (start a wave now, lock or unlock an aisle), after
   * any control in progress; checkpointed at once like an injection, so a restart keeps it.
   */
  floorCommand(
    cmd: { type: 'wave.release' } | { type: 'aisle.lock' | 'aisle.unlock'; aisle: string },
  ): Promise<{ ok: boolean; message: string }> {
    const next = this.queue.then(() => {
      if (this.busy) return { ok: false, message: 'the run is being reset or advanced; retry shortly' };
      const r = this.run.engine.apply(cmd);
      if (!r.ok) return { ok: false, message: r.message };
      this.run.checkpoint(this.pacing);
      this.publish(false);
      if (r.type === 'wave.release')
        return {
          ok: true,
          message:
            r.wave === null ? 'no order was waiting for a wave' : `${r.wave} released: ${r.orders} orders`,
        };
      if (r.type === 'aisle.lock' || r.type === 'aisle.unlock')
        return {
          ok: true,
          message: `aisle ${r.aisle} ${r.type === 'aisle.lock' ? 'locked' : `unlocked (${r.resumed} went on)`}; locked now: ${r.locked.join(', ') || 'none'}`,
        };
      return { ok: true, message: 'done' };
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Listeners told after a rewind (the training session logs it and re-scores). */
  private readonly rewindListeners: ((simMs: number) => void)[] = [];

  /** Receives the sim time of every completed rewind. */
  onRewind(listener: (simMs: number) => void): void {
    this.rewindListeners.push(listener);
  }

  /**
   * Rewinds the run to one of its rewind points (after any control in progress): the point is
   * installed as the checkpoint (one atomic rename: from then on a crash resumes there), the
   * run is rebuilt from it as a restart would (journal and truth log cut back), paused, and
   * every viewer gets a fresh snapshot; sockets stay connected. Refused in a run that took
   * feed transactions, whose replay would carry it forward again.
   */
  rewindTo(simMs: number): Promise<{ ok: true; simMs: number } | { ok: false; message: string }> {
    const next = this.queue
      .then(() => this.rebuilding?.catch(() => undefined))
      .then(() => this.doRewind(simMs));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async doRewind(
    simMs: number,
  ): Promise<{ ok: true; simMs: number } | { ok: false; message: string }> {
    const old = this.run;
    if (old.engine.feedEntriesApplied() > 0)
      return { ok: false, message: 'this run took feed transactions; it cannot be rewound' };
    if (!this.rewindPoints().some((p) => p.simMs === simMs))
      return { ok: false, message: `no rewind point at sim ${simMs} ms` };
    this.busy = true;
    try {
      this.pendingEvents = [];
      old.commit();
      installRewindPoint(old.folder, runFiles(old.folder).checkpoint, simMs);
      old.abandon();
      await old.settled();
      const entry = this.opts.index.get(old.id);
      if (!entry) throw new Error(`run ${old.id} is not in the run index`);
      this.pacing = { ...this.pacing, paused: true };
      const { run } = await rebuildRun(this.opts, entry, this.pacing);
      this.run = run;
    } finally {
      this.busy = false;
    }
    this.anchor();
    this.publish(true);
    this.opts.log.info({ run: this.run.id, simTime: simMs }, 'rewound to a rewind point');
    for (const l of this.rewindListeners) l(simMs);
    return { ok: true, simMs };
  }

  /** Opens the run (resuming the current one unless told otherwise) and starts ticking. */
  async start(s: RunnerStart): Promise<void> {
    const cur = this.opts.index.current();
    if (cur && cur.status === 'running' && !s.newRun) {
      const { run, pacing } = await rebuildRun(this.opts, cur);
      this.run = run;
      this.pacing = pacing;
      if (cur.scenario !== s.scenario) {
        this.opts.log.warn(
          { run: cur.id, asked: s.scenario },
          `resuming run of "${cur.scenario}"; start with --new-run for "${s.scenario}"`,
        );
      }
    } else {
      this.pacing = { ...s.pacing };
      this.run = await this.newRun(s.scenario, s.seed);
    }
    this.anchor();
    this.current = this.project();
    this.timer = setInterval(() => this.tick(), this.tickMs);
  }

  private rebuilding: Promise<void> | null = null;

  /**
   * Rolls the run back to what its inputs say, after a feed entry threw part-way through being
   * applied (its void is in the feed log already): the half-changed world and its unwritten
   * journal lines are dropped at once (nothing about them is committed or published), then the
   * run is rebuilt from its checkpoint and the feed log without the voided entry, as a restart
   * would, and advanced back to the sim time it had reached. External transactions, ticks and
   * controls wait meanwhile. A rebuild that fails leaves the run refusing work (logged): only a
   * restart can continue from the files, which are consistent.
   */
  rollback(reason: string): Promise<void> {
    if (this.rebuilding) return this.rebuilding;
    this.busy = true;
    const old = this.run;
    const target = old.engine.now();
    old.abandon();
    this.pendingEvents = [];
    this.opts.log.warn({ run: old.id, simTime: target, reason }, 'rolling the run back to its checkpoint');
    this.rebuilding = (async () => {
      await old.settled();
      const entry = this.opts.index.get(old.id);
      if (!entry) throw new Error(`run ${old.id} is not in the run index`);
      const { run } = await rebuildRun(this.opts, entry, this.pacing);
      this.run = run;
      const engine = run.engine;
      while (engine.now() < target) {
        engine.runUntil(Math.min(target, engine.now() + JUMP_CHUNK_MS));
        await new Promise<void>((r) => setImmediate(r));
      }
      this.busy = false;
      this.anchor();
      this.publish(true);
    })()
      .catch((err: unknown) => {
        this.opts.log.error({ err, run: old.id }, 'rollback failed: the run refuses work until a restart');
        throw err;
      })
      .finally(() => {
        this.rebuilding = null;
      });
    return this.rebuilding;
  }

  /** The rollback in progress, if any (feeds wait for it before their next batch). */
  rollingBack(): Promise<void> | null {
    return this.rebuilding;
  }

  /** Receives every tick's output, in order. */
  onTick(listener: (out: TickOutput) => void): void {
    this.listeners.push(listener);
  }

  /** The latest view (never mutated; replaced each tick). */
  /** Both ledgers, recent journal events and open tasks of one bin (the floor view's inspector); null for an unknown code. */
  binDetail(code: string): BinDetailView | null {
    return this.run.engine.binDetail(code, this.run.recentByBin.get(code));
  }

  view(): ViewState {
    return this.current;
  }

  /** The run status as viewers see it. */
  status(): RunStatus {
    return {
      runId: this.run.id,
      scenario: this.run.scenario.name,
      seed: this.run.seed,
      speed: this.pacing.speed,
      paused: this.pacing.paused,
      until: this.pacing.until,
    };
  }

  /** The current run's id, folder, KPIs and truth log (the physical-only happenings, for debriefs). */
  currentRun(): {
    id: string;
    folder: string;
    /** The run's scenario, as validated when it started (a forecast forks it). */
    scenario: Scenario;
    kpis: () => unknown;
    truth: () => readonly TruthEvent[];
    simTime: number;
    checkpointApplied: number;
  } {
    const engine = this.run.engine;
    return {
      id: this.run.id,
      folder: this.run.folder,
      scenario: this.run.scenario,
      checkpointApplied: this.run.checkpointApplied,
      kpis: () => engine.kpis(),
      truth: () => engine.truth(),
      simTime: this.run.engine.now(),
    };
  }

  /**
   * Applies a control command after any in progress; replies with the state after it or an error.
   * `given`: for `control.load`, the scenario to build instead of the library's (an exercise's).
   */
  control(
    cmd: ControlCommand,
    given: Scenario | null = null,
    start: EngineSnapshot | null = null,
  ): Promise<ControlReply> {
    if (this.pendingControls >= MAX_PENDING_CONTROLS)
      return Promise.resolve({
        type: 'control.error',
        command: cmd.type,
        code: 'rate-limited',
        message: `${cmd.type} refused: ${MAX_PENDING_CONTROLS} commands are already waiting; retry shortly`,
      });
    this.pendingControls++;
    const next = this.queue
      .then(() => this.rebuilding?.catch(() => undefined))
      .then(() => {
        this.given = given;
        this.givenStart = start;
        return this.apply(cmd).finally(() => {
          this.given = null;
          this.givenStart = null;
        });
      })
      .finally(() => this.pendingControls--);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Reads the current run's engine for a route (feed exceptions, open counts, POs): no journal
   * commit and no publish scheduled, unlike `applyExternal`, since nothing was changed. Refused
   * while a reset or jump swaps or advances the run, as applyExternal is.
   */
  read<T>(query: (engine: Engine) => T): T {
    if (this.busy) throw new RunBusyError('the run is being reset or advanced; retry shortly');
    return query(this.run.engine);
  }

  /**
   * Applies external transactions (scanner and EPCIS feeds) to the current run's engine, then
   * makes the journal durable (fsync) at once, so a feed can acknowledge only what is on disk.
   * Viewers see it at the next publish: at most EXTERNAL_PUBLISH_MS later (a burst of feed
   * commits shares one projection instead of paying one each). Refused while a reset or jump
   * swaps or advances the run.
   */
  applyExternal<T>(apply: (engine: Engine) => T): T {
    if (this.busy) throw new RunBusyError('the run is being reset or advanced; retry shortly');
    const out = apply(this.run.engine);
    this.pendingEvents.push(...this.run.commit());
    if (!this.publishTimer) {
      const wait = Math.max(0, this.lastPublishAt + EXTERNAL_PUBLISH_MS - performance.now());
      this.publishTimer = setTimeout(() => {
        this.publishTimer = null;
        if (!this.busy && this.timer) this.publish(false);
      }, wait);
    }
    return out;
  }

  /**
   * Applies an input the engine cannot regenerate (a trainee's handheld entry, a worker handed
   * to a person) as applyExternal does, then checkpoints at once, as an injection does, so a
   * crash-restart (which re-simulates from the last checkpoint) keeps it. `changed` says whether
   * the input changed the run (a refused entry does not: no checkpoint is paid for it).
   */
  applyInput<T>(apply: (engine: Engine) => T, changed: (out: T) => boolean = () => true): T {
    const out = this.applyExternal(apply);
    if (changed(out)) this.run.checkpoint(this.pacing);
    return out;
  }

  /** Stops ticking, writes a final checkpoint and closes the journal. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.publishTimer) clearTimeout(this.publishTimer);
    this.publishTimer = null;
    await this.queue;
    await this.rebuilding?.catch(() => undefined);
    if (this.run) await this.run.close(this.pacing, false);
  }

  /** One tick: advance, make durable, checkpoint when due, project, diff, publish. */
  tick(): void {
    if (this.busy) return;
    this.advance();
    this.publish(false);
  }

  private advance(): void {
    const engine = this.run.engine;
    const p = this.pacing;
    if (p.paused) return;
    const limit = p.until ?? Number.POSITIVE_INFINITY;
    if (p.speed === 'max') {
      const t0 = performance.now();
      const budget = this.tickMs * MAX_BUDGET_SHARE;
      while (engine.now() < limit && performance.now() - t0 < budget)
        this.runTo(Math.min(limit, engine.now() + MAX_CHUNK_MS));
    } else {
      const wall = performance.now();
      let target = Math.floor(this.anchorSim + (wall - this.anchorWall) * p.speed);
      // After a stall (GC, a slow disk) drop the backlog rather than racing to catch up.
      if (target - engine.now() > p.speed * 1000) {
        this.anchor();
        target = engine.now() + Math.floor(p.speed * this.tickMs);
      }
      this.runTo(Math.min(limit, target));
    }
    if (engine.now() >= limit) {
      this.pacing = { ...p, paused: true };
      this.opts.log.info({ run: this.run.id, simTime: engine.now() }, 'reached --until; paused');
    }
  }

  private maybeCheckpoint(): void {
    if (this.run.engine.now() - this.run.lastCheckpointAt >= this.checkpointEveryMs)
      this.run.checkpoint(this.pacing);
  }

  private publish(reset: boolean): void {
    // Group commit: the tick's journal lines are on disk before anything about them is sent.
    const events = [...this.pendingEvents, ...this.run.commit()];
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

  private project(previous?: ViewState, freshKpis = false): ViewState {
    const seq = previous ? previous.seq + 1 : this.seq;
    this.seq = seq;
    const engine = this.run.engine;
    const wall = performance.now();
    // KPIs cost milliseconds (they sort and scan whole histories): tiles refresh once a second.
    if (
      freshKpis ||
      !this.kpiCache ||
      this.kpiCache.run !== this.run ||
      wall - this.kpiCache.at >= KPI_REFRESH_MS
    ) {
      this.kpiCache = { run: this.run, at: wall, kpis: engine.kpis() };
    }
    const kpis = this.kpiCache.kpis;
    return engine.project(this.status(), seq, previous ? { kpis, previous } : { kpis });
  }

  private anchor(): void {
    this.anchorWall = performance.now();
    this.anchorSim = this.run.engine.now();
  }

  /**
   * The scenario a queued `control.load` builds instead of the library's of that name (an
   * exercise's scenario with its overrides merged): set only while that command is applied.
   */
  private given: Scenario | null = null;
  /** The saved state a queued `control.load` starts its run at (an exercise's start snapshot). */
  private givenStart: EngineSnapshot | null = null;

  /** The scenario of a name, checked against the size budgets before anything is built. */
  private budgeted(scenarioName: string): Scenario {
    const { scenario } = this.given !== null ? { scenario: this.given } : this.opts.library.get(scenarioName);
    const over = this.opts.budget?.(scenario) ?? [];
    if (over.length > 0)
      throw new Error(
        `scenario "${scenarioName}" is over budget: ${over.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      );
    return scenario;
  }

  private async newRun(scenarioName: string, seed?: string): Promise<LiveRun> {
    const scenario = this.budgeted(scenarioName);
    return LiveRun.create(
      this.opts.data,
      this.opts.index,
      scenario,
      seed ?? String(scenario.seed),
      this.pacing,
      this.opts.log,
      this.opts.journal,
      this.givenStart,
    );
  }

  private ack(cmd: ControlCommand): ControlReply {
    return { type: 'control.ack', command: cmd.type, run: this.status(), simTime: this.run.engine.now() };
  }

  private fail(
    cmd: ControlCommand,
    code: 'invalid' | 'unsupported' | 'failed',
    message: string,
  ): ControlReply {
    return { type: 'control.error', command: cmd.type, code, message };
  }

  private async apply(cmd: ControlCommand): Promise<ControlReply> {
    const engine = this.run.engine;
    switch (cmd.type) {
      case 'control.pause':
        this.pacing = { ...this.pacing, paused: true };
        break;
      case 'control.resume':
        if (this.pacing.until !== null && engine.now() >= this.pacing.until)
          this.pacing = { ...this.pacing, until: null };
        this.pacing = { ...this.pacing, paused: false };
        this.anchor();
        break;
      case 'control.speed':
        this.pacing = { ...this.pacing, speed: cmd.speed };
        this.anchor();
        break;
      case 'control.step': {
        // One event: pause, then run to the next pending event's time (everything due then).
        this.pacing = { ...this.pacing, paused: true };
        const r = engine.apply({ type: 'step' });
        if (!r.ok) return this.fail(cmd, 'invalid', r.message);
        this.maybeCheckpoint();
        break;
      }
      case 'control.jump': {
        if (cmd.simTime < engine.now()) {
          return this.fail(
            cmd,
            'invalid',
            `cannot jump back to ${cmd.simTime} ms: the run is at ${engine.now()} ms (reset, then jump)`,
          );
        }
        if (cmd.simTime - engine.now() > MAX_JUMP_MS) {
          return this.fail(cmd, 'invalid', `a jump may go at most ${MAX_JUMP_MS / 86_400_000} days ahead`);
        }
        this.busy = true;
        try {
          while (engine.now() < cmd.simTime) {
            this.runTo(Math.min(cmd.simTime, engine.now() + JUMP_CHUNK_MS));
            await new Promise<void>((r) => setImmediate(r));
          }
        } finally {
          this.busy = false;
        }
        this.anchor();
        break;
      }
      case 'control.reset':
      case 'control.load': {
        const name = cmd.type === 'control.load' ? cmd.scenario : this.run.scenario.name;
        const seed =
          cmd.seed !== undefined
            ? String(cmd.seed)
            : cmd.type === 'control.reset'
              ? this.run.seed
              : undefined;
        // Load and budget first: a bad name, file or size fails here and the run keeps going.
        try {
          this.budgeted(name);
        } catch (err) {
          return this.fail(cmd, 'invalid', err instanceof Error ? err.message : String(err));
        }
        this.busy = true;
        try {
          // Build the new run before stopping the old one: if building fails, the old run goes on.
          let next: LiveRun;
          try {
            next = await this.newRun(name, seed);
          } catch (err) {
            this.opts.log.error(
              { err, scenario: name },
              'building the new run failed; the current run continues',
            );
            this.anchor();
            return this.fail(
              cmd,
              'failed',
              `could not build a run of "${name}": ${err instanceof Error ? err.message : String(err)}`,
            );
          }
          await this.run.close(this.pacing, true);
          this.pacing = { ...this.pacing, until: null };
          this.run = next;
          this.anchor();
        } finally {
          this.busy = false;
        }
        this.publish(true);
        return this.ack(cmd);
      }
      case 'control.inject': {
        const r = engine.apply({ type: 'inject', cause: cmd.exception, bin: cmd.bin });
        if (!r.ok) return this.fail(cmd, 'invalid', r.message);
        // An injection is an input the engine cannot regenerate: checkpoint it at once so a
        // crash-restart (which re-simulates from the last checkpoint) keeps it.
        this.run.checkpoint(this.pacing);
        this.publish(true);
        return { ...this.ack(cmd), message: r.message };
      }
    }
    this.publish(false);
    return this.ack(cmd);
  }
}
