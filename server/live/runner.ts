import type { Engine, EngineSnapshot, Scenario, TruthEvent } from '../../sim/index.ts';
import type { BinDetailView, RunStatus, ViewState } from '../../sim/viewApi.ts';
import type { ControlCommand, ControlReply } from '../../sim/view/protocol.ts';
import type { PacingState } from './liveRun.ts';
import { Pacer } from './pacer.ts';
import { REWIND_DEFAULTS, type RewindSettings } from './rewindPoints.ts';
import { rebuildRun } from './runRebuild.ts';
import type { RunnerHost, RunnerOptions } from './runnerHost.ts';
import { maybeCheckpoint, rewindPointsOf, rewindRun, runWithRewindPoints } from './runnerRewind.ts';
import { applyControl, budgetedScenario, floorMessage, newLiveRun, runStatus } from './runnerControls.ts';
import { rollbackRun } from './runnerRollback.ts';
import { ViewPublisher, type TickOutput } from './viewPublisher.ts';

/** The run cannot take external transactions right now (a reset or jump is in progress). */
export class RunBusyError extends Error {
  override readonly name = 'RunBusyError';
}

export type { ExternalBacklogEntry } from './runRebuild.ts';
export type { RunnerOptions } from './runnerHost.ts';
export type { TickOutput } from './viewPublisher.ts';

/** How the runner starts: resume the current run if there is one, else a new run of this scenario. */
export interface RunnerStart {
  scenario: string;
  seed?: string;
  pacing: PacingState;
  /** Start a new run even if one can be resumed. */
  newRun?: boolean;
}

/**
 * Control commands queued at once (all sockets together). Each inject checkpoints and re-sends
 * every viewer a snapshot; 300 queued froze viewers for 16.8 s. Past this, commands are refused.
 */
export const MAX_PENDING_CONTROLS = 16;

const BUSY = 'the run is being reset or advanced; retry shortly';

/**
 * Runs one site live: paces its engine against the wall clock (Pacer, shared with network
 * runs), publishes its views (ViewPublisher), and applies controls, external transactions and
 * trainer inputs one after another; rewind (runnerRewind.ts) and rollback (runnerRollback.ts)
 * swap the run underneath.
 */
export class LiveRunner {
  private readonly h: RunnerHost;
  private timer: NodeJS.Timeout | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private pendingControls = 0;
  private readonly tickMs: number;
  /** Listeners told after a rewind (the training session logs it and re-scores). */
  private readonly rewindListeners: ((simMs: number) => void)[] = [];

  /** Creates a stopped runner; call `start`. */
  constructor(opts: RunnerOptions) {
    this.tickMs = opts.tickMs ?? 100;
    const h = {
      opts,
      busy: false,
      rebuilding: null,
      rewind: opts.rewind ?? null,
      checkpointEveryMs: opts.checkpointEveryMs ?? 10 * 60_000,
      // `run` is set by start(): nothing reads it before.
    } as Partial<RunnerHost> as RunnerHost;
    const pacer = new Pacer(
      {
        id: () => h.run.id,
        now: () => h.run.engine.now(),
        runTo: (t) => runWithRewindPoints(h, t),
        step: () => {
          const r = h.run.engine.apply({ type: 'step' });
          if (!r.ok) return r.message;
          maybeCheckpoint(h);
          return null;
        },
      },
      this.tickMs,
      opts.log,
    );
    const publisher = new ViewPublisher(
      () => h.run,
      () => this.status(),
      () => !h.busy && this.timer !== null,
    );
    this.h = Object.assign(h, { pacer, publisher });
  }

  /** Turns rewind points on (a training session starts: REWIND_DEFAULTS unless given) or off. */
  setRewind(settings: RewindSettings | null = REWIND_DEFAULTS): void {
    this.h.rewind = settings;
  }

  /** The rewind-point settings in force (null: off). */
  rewindSettings(): RewindSettings | null {
    return this.h.rewind;
  }

  /** The rewind points of the current run, oldest first. */
  rewindPoints(): { simMs: number; lastSeq: number }[] {
    return rewindPointsOf(this.h);
  }

  /** Runs `work` after any control in progress (the runner applies one thing at a time). */
  private queued<T>(work: () => T | Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Arms `cause` for one worker's next chance (a trainer's "inject into trainee X's next task",
   * or an exercise cue), after any control in progress; checkpointed at once like any injection.
   * `at`: armed at that sim time by the engine's event queue (a time cue), not now.
   */
  injectFor(worker: string, cause: string, at?: number): Promise<{ ok: boolean; message: string }> {
    return this.queued(() => {
      if (this.h.busy) return { ok: false, message: BUSY };
      const r = this.h.run.engine.apply({
        type: 'inject',
        cause,
        worker,
        ...(at === undefined ? {} : { at }),
      });
      if (!r.ok) return { ok: false, message: r.message };
      this.h.run.checkpoint(this.h.pacer.state);
      this.h.publisher.publish(false);
      return { ok: true, message: r.message };
    });
  }

  /**
   * A trainer's or a cue's change to the floor (start a wave now, lock or unlock an aisle), after
   * any control in progress; checkpointed at once like an injection, so a restart keeps it.
   */
  floorCommand(
    cmd: { type: 'wave.release' } | { type: 'aisle.lock' | 'aisle.unlock'; aisle: string },
  ): Promise<{ ok: boolean; message: string }> {
    return this.queued(() => {
      if (this.h.busy) return { ok: false, message: BUSY };
      const r = this.h.run.engine.apply(cmd);
      if (!r.ok) return { ok: false, message: r.message };
      this.h.run.checkpoint(this.h.pacer.state);
      this.h.publisher.publish(false);
      return { ok: true, message: floorMessage(r) };
    });
  }

  /** Receives the sim time of every completed rewind. */
  onRewind(listener: (simMs: number) => void): void {
    this.rewindListeners.push(listener);
  }

  /** Rewinds the run to one of its rewind points, after any control or rollback in progress (runnerRewind.ts). */
  rewindTo(simMs: number): Promise<{ ok: true; simMs: number } | { ok: false; message: string }> {
    return this.queued(async () => {
      await this.h.rebuilding?.catch(() => undefined);
      const r = await rewindRun(this.h, simMs);
      if (r.ok) for (const l of this.rewindListeners) l(simMs);
      return r;
    });
  }

  /** Opens the run (resuming the current one unless told otherwise) and starts ticking. */
  async start(s: RunnerStart): Promise<void> {
    const { opts } = this.h;
    const cur = opts.index.current();
    if (cur && cur.status === 'running' && !s.newRun) {
      const { run, pacing } = await rebuildRun(opts, cur);
      this.h.run = run;
      this.h.pacer.state = pacing;
      if (cur.scenario !== s.scenario) {
        opts.log.warn(
          { run: cur.id, asked: s.scenario },
          `resuming run of "${cur.scenario}"; start with --new-run for "${s.scenario}"`,
        );
      }
    } else {
      this.h.pacer.state = { ...s.pacing };
      this.h.run = await newLiveRun(this.h, budgetedScenario(opts, s.scenario, null), s.seed);
    }
    this.h.pacer.anchor();
    this.h.publisher.start();
    this.timer = setInterval(() => this.tick(), this.tickMs);
  }

  /** Rolls the run back to its checkpoint and feed log after a feed entry threw part-way (runnerRollback.ts). */
  rollback(reason: string): Promise<void> {
    return rollbackRun(this.h, reason);
  }

  /** The rollback in progress, if any (feeds wait for it before their next batch). */
  rollingBack(): Promise<void> | null {
    return this.h.rebuilding;
  }

  /** Receives every tick's output, in order. */
  onTick(listener: (out: TickOutput) => void): void {
    this.h.publisher.onTick(listener);
  }

  /** Both ledgers, recent journal events and open tasks of one bin (the floor view's inspector); null for an unknown code. */
  binDetail(code: string): BinDetailView | null {
    return this.h.run.engine.binDetail(code, this.h.run.recentByBin.get(code));
  }

  /** The latest view (never mutated; replaced each tick). */
  view(): ViewState {
    return this.h.publisher.view();
  }

  /** The run status as viewers see it. */
  status(): RunStatus {
    return runStatus(this.h);
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
    /** Rewind points written since the run was opened (LiveRun.rewindPointsWritten). */
    rewindPointsWritten: number;
  } {
    const run = this.h.run;
    const engine = run.engine;
    return {
      id: run.id,
      folder: run.folder,
      scenario: run.scenario,
      checkpointApplied: run.checkpointApplied,
      rewindPointsWritten: run.rewindPointsWritten,
      kpis: () => engine.kpis(),
      truth: () => engine.truth(),
      simTime: engine.now(),
    };
  }

  /**
   * Applies a control command after any in progress; replies with the state after it or an error.
   * `given`: for `control.load`, the scenario to build instead of the library's (an exercise's);
   * `start`: the saved state that run begins at (an exercise's start snapshot).
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
      .then(() => this.h.rebuilding?.catch(() => undefined))
      .then(() => applyControl(this.h, cmd, given, start))
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
    if (this.h.busy) throw new RunBusyError(BUSY);
    return query(this.h.run.engine);
  }

  /**
   * Applies external transactions (scanner and EPCIS feeds) to the current run's engine, then
   * makes the journal durable (fsync) at once, so a feed can acknowledge only what is on disk.
   * Viewers see it at the next publish (ViewPublisher.commitExternal). Refused while a reset or
   * jump swaps or advances the run.
   */
  applyExternal<T>(apply: (engine: Engine) => T): T {
    if (this.h.busy) throw new RunBusyError(BUSY);
    const out = apply(this.h.run.engine);
    this.h.publisher.commitExternal();
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
    if (changed(out)) this.h.run.checkpoint(this.h.pacer.state);
    return out;
  }

  /** Stops ticking, writes a final checkpoint and closes the journal. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.h.publisher.stop();
    await this.queue;
    await this.h.rebuilding?.catch(() => undefined);
    if (this.h.run) await this.h.run.close(this.h.pacer.state, false);
  }

  /** One tick: advance, make durable, checkpoint when due, project, diff, publish. */
  tick(): void {
    if (this.h.busy) return;
    this.h.pacer.advance();
    this.h.publisher.publish(false);
  }
}
