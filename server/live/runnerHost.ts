import type { Logger } from 'pino';
import type { Engine, Scenario } from '../../sim/index.ts';
import type { Problem } from '../scenarioProblems.ts';
import type { DataDir } from './dataDir.ts';
import type { JournalOptions, LiveRun } from './liveRun.ts';
import type { Pacer } from './pacer.ts';
import type { RewindSettings } from './rewindPoints.ts';
import type { ExternalBacklogEntry } from './runRebuild.ts';
import type { RunIndex } from './runIndex.ts';
import type { ScenarioLibrary } from './scenarioLibrary.ts';
import type { ViewPublisher } from './viewPublisher.ts';

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

/**
 * What the single-site runner's parts (controls, rewind, rollback) share: the current run, its
 * pacing and view publishing, and the gate that refuses work while the run is swapped.
 */
export interface RunnerHost {
  readonly opts: RunnerOptions;
  /** The current run (replaced by a reset, load, rewind or rollback). */
  run: LiveRun;
  /** True while a reset, jump, rewind or rollback swaps or advances the run: other work is refused. */
  busy: boolean;
  /** The rollback in progress (feeds and controls wait for it). */
  rebuilding: Promise<void> | null;
  /** Rewind-point settings in force (null: off). */
  rewind: RewindSettings | null;
  /** Sim ms between checkpoints. */
  readonly checkpointEveryMs: number;
  readonly pacer: Pacer;
  readonly publisher: ViewPublisher;
}
