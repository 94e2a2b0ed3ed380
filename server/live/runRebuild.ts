import type { Logger } from 'pino';
import type { Engine } from '../../sim/index.ts';
import type { DataDir } from './dataDir.ts';
import { LiveRun, type JournalOptions, type PacingState } from './liveRun.ts';
import type { RunEntry, RunIndex } from './runIndex.ts';

/** An acknowledged external transaction a resumed run must re-apply (the checkpoint predates it). */
export interface ExternalBacklogEntry {
  /** Its idempotency key, for logs. */
  key: string;
  /** Sim time it was applied at. */
  simTime: number;
  /** Engine events processed when it was applied, if recorded (checks the replay's position). */
  eventsProcessed?: number;
  /** Re-applies it to the engine (deterministically: the same journal events as the first time). */
  apply: (engine: Engine) => void;
}

/**
 * Thrown by a backlog entry that threw part-way while re-applied and is now voided in the feed
 * log: the world under replay is half-changed, so the rebuild starts over from the checkpoint
 * (the next pass skips the voided entry). Each restart voids one more entry, durably, so the
 * passes are bounded by the backlog's length.
 */
export class ReplayRestart extends Error {
  override readonly name = 'ReplayRestart';
}

/** What rebuilding a run from its checkpoint needs. */
export interface RebuildDeps {
  data: DataDir;
  index: RunIndex;
  log: Logger;
  journal?: JournalOptions;
  /** The acknowledged external transactions after the checkpoint, in acceptance order. */
  backlog?: (folder: string, engine: Engine) => Promise<ExternalBacklogEntry[]>;
}

/**
 * Builds a run's world from its last checkpoint plus the feed log: the engine is restored (the
 * journal cut back to the checkpoint), then every acknowledged feed entry after it is re-applied
 * at the sim time it was first applied, then a checkpoint is written. Used at start-up and to
 * roll back a feed entry that threw part-way (transactional apply): the same deterministic path
 * either way. `pacing` is kept if given, else the checkpoint's.
 */
export async function rebuildRun(
  deps: RebuildDeps,
  entry: RunEntry,
  pacing?: PacingState,
): Promise<{ run: LiveRun; pacing: PacingState }> {
  return rebuildPasses(
    () => LiveRun.resume(deps.data, deps.index, entry, deps.log, deps.journal),
    (run, p) => replayBacklog(deps, run, p),
    deps.log,
    entry.id,
    pacing,
    'feed replay restarts without a voided entry',
  );
}

/** What rebuildPasses needs of a resumed run: a way to drop it when its replay is abandoned. */
export interface Abandonable {
  abandon(): void;
  settled(): Promise<void>;
}

/**
 * The restart loop both rebuilds share (one site, a network): resume from the checkpoint, replay
 * the backlog; on a ReplayRestart (an entry was voided) drop the half-replayed run and start over.
 */
export async function rebuildPasses<R extends Abandonable>(
  resume: () => { run: R; pacing: PacingState },
  replay: (run: R, pacing: PacingState) => Promise<void>,
  log: Logger,
  runId: string,
  pacing: PacingState | undefined,
  restartMessage: string,
): Promise<{ run: R; pacing: PacingState }> {
  for (let pass = 1; ; pass++) {
    const r = resume();
    const p = pacing ?? r.pacing;
    try {
      await replay(r.run, p);
      return { run: r.run, pacing: p };
    } catch (err) {
      r.run.abandon();
      await r.run.settled();
      if (!(err instanceof ReplayRestart)) throw err;
      log.warn({ run: runId, pass, reason: err.message }, restartMessage);
    }
  }
}

/**
 * Re-applies the acknowledged external transactions the resumed checkpoint predates, each at
 * the sim time it was first applied (advancing the engine to it), then checkpoints, so every
 * acknowledged transaction is in the journal exactly once before anything else happens.
 */
async function replayBacklog(deps: RebuildDeps, run: LiveRun, pacing: PacingState): Promise<void> {
  const engine = run.engine;
  const backlog = (await deps.backlog?.(run.folder, engine)) ?? [];
  if (backlog.length === 0) return;
  let drift = 0;
  for (const b of backlog) {
    if (b.simTime > engine.now()) engine.runUntil(b.simTime);
    if (b.eventsProcessed !== undefined && b.eventsProcessed !== engine.eventsProcessed()) drift++;
    b.apply(engine);
  }
  if (drift > 0)
    deps.log.warn(
      { run: run.id, drift },
      'feed replay: some entries met a different engine position than when first applied',
    );
  run.checkpoint(pacing);
  deps.log.info(
    { run: run.id, entries: backlog.length, simTime: engine.now() },
    're-applied acknowledged feed entries after the checkpoint',
  );
}
