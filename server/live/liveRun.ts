import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import {
  createEngine,
  isAlerted,
  readSnapshot,
  restoreEngine,
  scenarioSchema,
  type Engine,
  type EngineSnapshot,
  type JournalEvent,
  type Scenario,
  type TruthEvent,
} from '../../sim/index.ts';
import { writeReports } from '../reports/writeReports.ts';
import { dropPointsAfter, listRewindPoints, writeRewindPoint } from './rewindPoints.ts';
import { JournalWriter } from '../journalWriter.ts';
import { writeFileAtomic } from './atomicWrite.ts';
import {
  CHECKPOINT_SCHEMA_VERSION,
  readCheckpointFile,
  withCheckpointPath,
  type CheckpointFile,
  type PacingState,
} from './checkpointFile.ts';
import { runFiles, type DataDir } from './dataDir.ts';
import { JournalArchiver } from './journalArchiver.ts';
import { RECENT_PER_BIN, RecentByBin, recentEventsMaxFromEnv } from './recentByBin.ts';
import type { RunEntry, RunIndex } from './runIndex.ts';
import { cutInputs, inputLogFile, recordInputs } from './inputLog.ts';
import { newRunFolder, registerRun, runToResume } from './runFolder.ts';
import {
  cutBackToCheckpoint,
  freshJournal,
  RunLogs,
  type JournalOptions,
  type JournalPosition,
} from './runLogs.ts';

/** A run started from a saved state keeps it here (checkpoint format, no inputs before it). */
export function startStateFile(runDir: string): string {
  return join(runDir, 'start.json');
}

/** Sim time between two writes of a live run's reconciliation reports (at a checkpoint). */
const REPORT_EVERY_MS = 3_600_000;

export { CHECKPOINT_SCHEMA_VERSION, type CheckpointFile, type PacingState } from './checkpointFile.ts';

export type { JournalOptions } from './runLogs.ts';

/**
 * One live run on disk: its engine, its append-only journal and its checkpoints. The journal
 * is fsynced (group commit) before anything about its events leaves the process, and before a
 * checkpoint is written, so the journal always reaches at least as far as the checkpoint. The
 * journal is segmented (`journalSegments.ts`); after each checkpoint the closed segments it
 * covers are archived (gzipped, never deleted).
 */
export class LiveRun {
  private business: JournalEvent[] = [];
  readonly engine: Engine;
  /** The run's journal and truth log (runLogs.ts, as each site of a network run keeps them). */
  private readonly logs: RunLogs;
  private readonly files: ReturnType<typeof runFiles>;
  /** Sim time of the last checkpoint. */
  lastCheckpointAt: number;

  private constructor(
    readonly id: string,
    readonly scenario: Scenario,
    readonly seed: string,
    private readonly dir: string,
    private readonly index: RunIndex,
    private readonly log: Logger,
    make: (sink: (e: JournalEvent) => void, truth: (e: TruthEvent) => void) => Engine,
    journal: JournalPosition & { inputs?: number },
    jopts: JournalOptions,
  ) {
    this.files = runFiles(dir);
    this.logs = new RunLogs(dir, journal, jopts);
    this.inputLog = new JournalWriter(inputLogFile(dir), journal.mode);
    this.inputs = journal.inputs ?? 0;
    this.engine = recordInputs(make(this.onEvent, this.onTruth), (x) => {
      this.inputLog.writeLine(JSON.stringify(x));
      this.inputs++;
    });
    this.lastCheckpointAt = this.engine.now();
  }

  /** The run's input log (inputLog.ts): every command given, for the debrief's replay. */
  private readonly inputLog: JournalWriter;
  /** Lines in the input log so far (a checkpoint records how many it covers). */
  private inputs: number;

  /** The last journal events that touched each bin (for the inspector), bounded per bin and in all. */
  readonly recentByBin = new RecentByBin(RECENT_PER_BIN, recentEventsMaxFromEnv(process.env));

  private readonly onTruth = (e: TruthEvent): void => {
    this.logs.truth.writeLine(JSON.stringify(e));
  };

  private readonly onEvent = (e: JournalEvent): void => {
    this.logs.journal.write(e);
    this.recentByBin.add(e);
    // Business events (worth telling viewers as they happen) are those the catalogue gives an alert level.
    if (isAlerted(e.type)) this.business.push(e);
  };

  /**
   * Starts a new run: folder, scenario copy, empty journal, a checkpoint at time 0, index entry.
   * `from`: a saved engine state to start at instead (an exercise's start snapshot): the run
   * begins at its sim time with its ledgers and truth, the journal numbering goes on from its
   * counter, and the state is kept as `start.json` (the debrief rebuilds early moments from it).
   */
  static async create(
    data: DataDir,
    index: RunIndex,
    scenario: Scenario,
    seed: string,
    pacing: PacingState,
    log: Logger,
    jopts: JournalOptions = {},
    from: EngineSnapshot | null = null,
  ): Promise<LiveRun> {
    const { id, dir } = await newRunFolder(data, index, scenario.name, {
      file: (d) => runFiles(d).scenario,
      content: scenario,
    });
    const run = new LiveRun(
      id,
      scenario,
      from?.seed ?? seed,
      dir,
      index,
      log,
      (journal, truth) =>
        from
          ? restoreEngine(scenario, from, { journal, truth })
          : createEngine(scenario, { seed, journal, truth }),
      freshJournal(dir, (from?.counters.journal ?? 0) + 1),
      jopts,
    );
    if (from) {
      // The truth log holds the start state's truth, as a resume's does its checkpoint's.
      for (const t of from.truth) run.logs.truth.writeLine(JSON.stringify(t));
      writeFileAtomic(startStateFile(dir), JSON.stringify(run.checkpointData(pacing)));
    }
    run.checkpoint(pacing);
    await registerRun(
      index,
      log,
      { id, name: scenario.name, seed, lastSeq: run.lastSeq(), simTime: run.engine.now() },
      { scenario: scenario.name },
      'new run',
    );
    return run;
  }

  /** Resumes a run from its last checkpoint, cutting the journal back to it first. */
  static resume(
    data: DataDir,
    index: RunIndex,
    entry: RunEntry,
    log: Logger,
    jopts: JournalOptions = {},
  ): { run: LiveRun; pacing: PacingState } {
    const { dir, copy: scenario } = runToResume(data, entry, {
      file: (d) => runFiles(d).scenario,
      parse: (raw) => scenarioSchema.parse(raw),
    });
    const files = runFiles(dir);
    const cp = readCheckpointFile(files.checkpoint);
    // Checked before the journal is cut back: a refused checkpoint leaves the run's files as they were.
    const saved = withCheckpointPath(files.checkpoint, () => readSnapshot(cp.engine));
    let cut;
    let inputs: number;
    try {
      // The truth log is cut back to the checkpoint too: the snapshot holds its newest events, the file the older ones.
      cut = cutBackToCheckpoint(dir, cp.lastSeq, saved.truth as TruthEvent[], saved.counters.truth);
      // And the input log, to the commands the checkpoint holds (a checkpoint without the count
      // predates the log: nothing after it is known).
      inputs = cutInputs(dir, cp.inputs ?? 0);
    } catch (err) {
      throw new Error(`run ${entry.id}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    const run = new LiveRun(
      entry.id,
      scenario,
      cp.seed,
      dir,
      index,
      log,
      (journal, truth) =>
        withCheckpointPath(files.checkpoint, () => restoreEngine(scenario, saved, { journal, truth })),
      { ...cut, inputs },
      jopts,
    );
    run.checkpointApplied = run.engine.feedEntriesApplied();
    // Points past the checkpoint are of a future the resumed run regenerates (or a rewind dropped).
    dropPointsAfter(dir, cp.simTime);
    run.lastRewindAt = listRewindPoints(dir).at(-1)?.simMs ?? -Infinity;
    log.info(
      { run: entry.id, simTime: cp.simTime, lastSeq: cp.lastSeq, droppedBytes: cut.droppedBytes },
      'resumed run from checkpoint; journal cut back to it and regenerated from there',
    );
    return { run, pacing: cp.pacing };
  }

  /** Seq of the last journal event written. */
  lastSeq(): number {
    return this.engine.journalCommitted();
  }

  /** Set by `abandon`: this run's world is no longer trusted; nothing of it is written again. */
  private abandoned = false;

  /**
   * Drops this run without writing anything more: journal lines not yet written are discarded
   * and no checkpoint is taken again (its world was half-changed by a failed feed entry). The
   * files stay consistent (the journal past the checkpoint is regenerated on the next resume).
   */
  abandon(): void {
    this.abandoned = true;
    this.logs.discard();
    this.inputLog.discard();
    this.business = [];
  }

  /** Makes every journal line so far durable and returns the business events they hold (once). */
  commit(): JournalEvent[] {
    if (this.abandoned) return [];
    this.logs.sync();
    this.inputLog.sync();
    const out = this.business;
    this.business = [];
    return out;
  }

  /**
   * Writes a checkpoint (after syncing the journal) and the current KPIs, both atomically.
   * Never throws: a checkpoint that cannot be taken (a snapshot or write failure) is reported
   * and the run goes on from the previous one (the journal and feed log still hold everything
   * after it); returns whether it was written. `lastCheckpointAt` moves on either way so a
   * failing checkpoint is retried at the next interval, not every tick.
   */
  checkpoint(pacing: PacingState): boolean {
    if (this.abandoned) return false;
    try {
      this.writeCheckpoint(pacing);
      this.checkpointFailures = 0;
      return true;
    } catch (err) {
      this.lastCheckpointAt = this.engine.now();
      this.checkpointFailures++;
      this.log.error(
        { err, run: this.id, simTime: this.engine.now(), failures: this.checkpointFailures },
        'checkpoint failed; the run continues from the previous checkpoint',
      );
      return false;
    }
  }

  /** Feed entries the last written checkpoint holds (the feed log may compact what lies before). */
  checkpointApplied = 0;

  /** Checkpoints that failed in a row (0 after a good one). */
  checkpointFailures = 0;

  /** Sim time of the last rewind point (set from the newest point on disk at resume). */
  lastRewindAt = -Infinity;

  /**
   * Rewind points this run has written since it was opened (each one may also drop the oldest):
   * a cheap "did the point list change" signal for the trainer console, instead of listing the folder.
   */
  rewindPointsWritten = 0;

  /**
   * Keeps a rewind point of the run as it is now (journal and truth log synced first, as for a
   * checkpoint), dropping the oldest beyond `keep`. Never throws: a failed point is logged.
   */
  rewindPoint(pacing: PacingState, keep: number): void {
    if (this.abandoned) return;
    try {
      writeRewindPoint(this.dir, this.checkpointData(pacing), keep);
      this.rewindPointsWritten++;
    } catch (err) {
      this.log.error({ err, run: this.id }, 'rewind point failed; the run continues');
    }
    this.lastRewindAt = this.engine.now();
  }

  private checkpointData(pacing: PacingState): CheckpointFile {
    this.logs.sync();
    this.inputLog.sync();
    const engine = this.engine.snapshot();
    return {
      schemaVersion: CHECKPOINT_SCHEMA_VERSION,
      runId: this.id,
      scenario: this.scenario.name,
      seed: this.seed,
      lastSeq: engine.counters.journal,
      simTime: engine.now,
      savedAt: new Date().toISOString(),
      pacing,
      inputs: this.inputs,
      engine,
    };
  }

  private writeCheckpoint(pacing: PacingState): void {
    const cp = this.checkpointData(pacing);
    const engine = cp.engine;
    writeFileAtomic(this.files.checkpoint, JSON.stringify(cp));
    this.checkpointApplied = this.engine.feedEntriesApplied();
    writeFileAtomic(this.files.kpis, JSON.stringify(this.engine.kpis(), null, 2) + '\n');
    this.lastCheckpointAt = engine.now;
    if (engine.now - this.reportsAt >= REPORT_EVERY_MS) this.writeReports();
    this.archiveCovered(engine.counters.journal);
    void this.index
      .update(this.id, { simTime: engine.now, lastSeq: engine.counters.journal })
      .catch((err: unknown) => this.log.error({ err, run: this.id }, 'cannot update the run index'));
  }

  /** Sim time the reconciliation reports were last written at. */
  private reportsAt = -Infinity;

  /**
   * Writes the reconciliation reports (as `bintwin run` does) into the run's `reports/` folder,
   * each file atomically; a run that does not track stock has none. Returns the file names.
   */
  writeReports(): string[] {
    mkdirSync(this.files.reports, { recursive: true });
    const names = writeReports(this.engine, this.files.reports, writeFileAtomic);
    this.reportsAt = this.engine.now();
    return names;
  }

  private archiver: JournalArchiver | null = null;

  /** Archives the closed journal segments the checkpoint just written covers (off the tick). */
  private archiveCovered(coveredSeq: number): void {
    (this.archiver ??= new JournalArchiver(this.log, this.id)).archive([[this.dir, coveredSeq]]);
  }

  /** Resolves when no journal archive pass is running (tests, and before a rebuild). */
  async settled(): Promise<void> {
    await this.archiver?.settled();
  }

  /** Final checkpoint and journal close; `stopped` marks the run as no longer current work. */
  async close(pacing: PacingState, stopped: boolean): Promise<void> {
    if (this.abandoned) return;
    this.checkpoint(pacing);
    try {
      this.writeReports();
    } catch (err) {
      this.log.error({ err, run: this.id }, 'cannot write the reconciliation reports');
    }
    this.logs.close();
    this.inputLog.close();
    await this.settled();
    await this.index.update(this.id, { status: stopped ? 'stopped' : 'running' });
  }

  /** The run's folder. */
  get folder(): string {
    return this.dir;
  }
}
