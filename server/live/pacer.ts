import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { ControlCommand } from '../../sim/view/protocol.ts';
import type { PacingState } from './checkpointFile.ts';

/** Sim time 'max' speed advances per call: small enough to check the wall-clock budget often. */
const MAX_CHUNK_MS = 60_000;
/** Share of a tick 'max' speed may spend in the sim; the rest serves sockets and HTTP. */
const MAX_BUDGET_SHARE = 0.5;
/** How far ahead a jump may go in one command (a month). */
export const MAX_JUMP_MS = 31 * 24 * 3_600_000;
/** Sim time per chunk while jumping (or catching up); the event loop gets a turn between chunks. */
export const JUMP_CHUNK_MS = 3_600_000;

/** The run a Pacer drives: a single site's engine or a whole network, behind one clock. */
export interface PacedRun {
  /** The run's id (for logs). */
  id(): string;
  /** Its sim time. */
  now(): number;
  /** Advances it to `target` (checkpointing, and keeping rewind points, when due). */
  runTo(target: number): void;
  /** Runs everything due at the next pending instant; an error message when nothing is pending. */
  step(): string | null;
}

/** A pacing command's outcome: done, or refused with why. */
export type PacingReply = { ok: true } | { ok: false; message: string };

/**
 * Maps wall time to sim time for a live run (single site or network: the same pacing either
 * way). The sim never reads the clock; the pacer runs it to `speed × wall elapsed since an
 * anchor`, and re-anchors on every speed, pause or run change so a change never makes sim time
 * leap. It also owns the pacing commands (pause, resume, speed, step, jump).
 */
export class Pacer {
  /** Speed, pause and `--until`, as saved in a checkpoint. */
  state: PacingState = { speed: 60, paused: false, until: null };
  private anchorWall = 0;
  private anchorSim = 0;

  /** A pacer of `run`, ticking every `tickMs` wall ms. */
  constructor(
    private readonly run: PacedRun,
    private readonly tickMs: number,
    private readonly log: Logger,
  ) {}

  /** Ties the current wall time to the run's current sim time. */
  anchor(): void {
    this.anchorWall = performance.now();
    this.anchorSim = this.run.now();
  }

  /** One tick's advance: as far as the speed says (or the tick's budget at 'max'), up to `until`. */
  advance(): void {
    const run = this.run;
    const p = this.state;
    if (p.paused) return;
    const limit = p.until ?? Number.POSITIVE_INFINITY;
    if (p.speed === 'max') {
      const t0 = performance.now();
      const budget = this.tickMs * MAX_BUDGET_SHARE;
      while (run.now() < limit && performance.now() - t0 < budget)
        run.runTo(Math.min(limit, run.now() + MAX_CHUNK_MS));
    } else {
      const wall = performance.now();
      let target = Math.floor(this.anchorSim + (wall - this.anchorWall) * p.speed);
      // After a stall (GC, a slow disk) drop the backlog rather than racing to catch up.
      if (target - run.now() > p.speed * 1000) {
        this.anchor();
        target = run.now() + Math.floor(p.speed * this.tickMs);
      }
      run.runTo(Math.min(limit, target));
    }
    if (run.now() >= limit) {
      this.state = { ...p, paused: true };
      this.log.info({ run: run.id(), simTime: run.now() }, 'reached --until; paused');
    }
  }

  /**
   * Applies a pacing command (pause, resume, speed, step, jump); null for any other command.
   * `busy` is told while a jump advances the run in chunks (the runner refuses other work then).
   */
  async command(cmd: ControlCommand, busy: (on: boolean) => void): Promise<PacingReply | null> {
    const run = this.run;
    switch (cmd.type) {
      case 'control.pause':
        this.state = { ...this.state, paused: true };
        return { ok: true };
      case 'control.resume':
        if (this.state.until !== null && run.now() >= this.state.until)
          this.state = { ...this.state, until: null };
        this.state = { ...this.state, paused: false };
        this.anchor();
        return { ok: true };
      case 'control.speed':
        this.state = { ...this.state, speed: cmd.speed };
        this.anchor();
        return { ok: true };
      case 'control.step': {
        // One instant: pause, then run everything due at the next pending event's time.
        this.state = { ...this.state, paused: true };
        const err = run.step();
        return err === null ? { ok: true } : { ok: false, message: err };
      }
      case 'control.jump': {
        if (cmd.simTime < run.now())
          return {
            ok: false,
            message: `cannot jump back to ${cmd.simTime} ms: the run is at ${run.now()} ms (reset, then jump)`,
          };
        if (cmd.simTime - run.now() > MAX_JUMP_MS)
          return { ok: false, message: `a jump may go at most ${MAX_JUMP_MS / 86_400_000} days ahead` };
        busy(true);
        try {
          while (run.now() < cmd.simTime) {
            run.runTo(Math.min(cmd.simTime, run.now() + JUMP_CHUNK_MS));
            await new Promise<void>((r) => setImmediate(r));
          }
        } finally {
          busy(false);
        }
        this.anchor();
        return { ok: true };
      }
      default:
        return null;
    }
  }
}
