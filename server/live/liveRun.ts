import { existsSync, readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import type { Logger } from 'pino';
import {
  createEngine,
  readSnapshot,
  restoreEngine,
  scenarioSchema,
  type Engine,
  type JournalEvent,
  type Scenario,
} from '../../sim/index.ts';
import { feedEntriesApplied } from '../../sim/mirror/feedEntry.ts';
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
import { truncateJournalAfter } from './journalRecovery.ts';
import { RecentByBin } from './recentByBin.ts';
import type { RunEntry, RunIndex } from './runIndex.ts';

export { CHECKPOINT_SCHEMA_VERSION, type CheckpointFile, type PacingState } from './checkpointFile.ts';

/** Journal event types worth telling viewers about as they happen. */
const BUSINESS_EVENT =
  /^(count\.|adjustment\.|exception\.|pick\.short$|order\.backordered$|receipt\.discrepancy)/;

/**
 * One live run on disk: its engine, its append-only journal and its checkpoints. The journal
 * is fsynced (group commit) before anything about its events leaves the process, and before a
 * checkpoint is written, so the journal always reaches at least as far as the checkpoint.
 */
export class LiveRun {
  private business: JournalEvent[] = [];
  readonly engine: Engine;
  private readonly journal: JournalWriter;
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
    make: (sink: (e: JournalEvent) => void) => Engine,
    journalMode: 'w' | 'a',
  ) {
    this.files = runFiles(dir);
    this.journal = new JournalWriter(this.files.journal, journalMode);
    this.engine = make(this.onEvent);
    this.lastCheckpointAt = this.engine.now();
  }

  /** The last journal events that touched each bin (for the inspector), bounded per bin and in all. */
  readonly recentByBin = new RecentByBin();

  private readonly onEvent = (e: JournalEvent): void => {
    this.journal.write(e);
    this.recentByBin.add(e);
    if (BUSINESS_EVENT.test(e.type)) this.business.push(e);
  };

  /** Starts a new run: folder, scenario copy, empty journal, a checkpoint at time 0, index entry. */
  static async create(
    data: DataDir,
    index: RunIndex,
    scenario: Scenario,
    seed: string,
    pacing: PacingState,
    log: Logger,
  ): Promise<LiveRun> {
    const id = await index.allocateId(scenario.name);
    const dir = data.runDir(id);
    mkdirSync(dir, { recursive: true });
    // The run keeps its own copy, so editing or deleting the library file never breaks a resume.
    writeFileAtomic(runFiles(dir).scenario, JSON.stringify(scenario, null, 2) + '\n');
    const run = new LiveRun(
      id,
      scenario,
      seed,
      dir,
      index,
      log,
      (journal) => createEngine(scenario, { seed, journal }),
      'w',
    );
    const now = new Date().toISOString();
    run.checkpoint(pacing);
    await index.add({
      id,
      scenario: scenario.name,
      seed,
      createdAt: now,
      updatedAt: now,
      status: 'running',
      simTime: 0,
      lastSeq: run.lastSeq(),
    });
    log.info({ run: id, scenario: scenario.name, seed }, 'new run');
    return run;
  }

  /** Resumes a run from its last checkpoint, cutting the journal back to it first. */
  static resume(
    data: DataDir,
    index: RunIndex,
    entry: RunEntry,
    log: Logger,
  ): { run: LiveRun; pacing: PacingState } {
    const dir = data.runDir(entry.id);
    const files = runFiles(dir);
    const scenario = scenarioSchema.parse(JSON.parse(readFileSync(files.scenario, 'utf8')));
    if (!existsSync(files.checkpoint))
      throw new Error(`run ${entry.id} has no checkpoint (${files.checkpoint})`);
    const cp = readCheckpointFile(files.checkpoint);
    // Checked before the journal is cut back: a refused checkpoint leaves the run's files as they were.
    const saved = withCheckpointPath(files.checkpoint, () => readSnapshot(cp.engine));
    const cut = existsSync(files.journal)
      ? truncateJournalAfter(files.journal, cp.lastSeq)
      : cp.lastSeq === 0
        ? { keptLines: 0, droppedBytes: 0 }
        : (() => {
            throw new Error(`run ${entry.id}: journal missing but checkpoint covers ${cp.lastSeq} events`);
          })();
    const run = new LiveRun(
      entry.id,
      scenario,
      cp.seed,
      dir,
      index,
      log,
      (journal) => withCheckpointPath(files.checkpoint, () => restoreEngine(scenario, saved, { journal })),
      'a',
    );
    run.checkpointApplied = feedEntriesApplied(run.engine.world);
    log.info(
      { run: entry.id, simTime: cp.simTime, lastSeq: cp.lastSeq, droppedBytes: cut.droppedBytes },
      'resumed run from checkpoint; journal cut back to it and regenerated from there',
    );
    return { run, pacing: cp.pacing };
  }

  /** Seq of the last journal event written. */
  lastSeq(): number {
    return this.engine.world.counters.journal;
  }

  /** Makes every journal line so far durable and returns the business events they hold (once). */
  commit(): JournalEvent[] {
    this.journal.sync();
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

  private writeCheckpoint(pacing: PacingState): void {
    this.journal.sync();
    const engine = this.engine.snapshot();
    const cp: CheckpointFile = {
      schemaVersion: CHECKPOINT_SCHEMA_VERSION,
      runId: this.id,
      scenario: this.scenario.name,
      seed: this.seed,
      lastSeq: engine.counters.journal,
      simTime: engine.now,
      savedAt: new Date().toISOString(),
      pacing,
      engine,
    };
    writeFileAtomic(this.files.checkpoint, JSON.stringify(cp));
    this.checkpointApplied = feedEntriesApplied(this.engine.world);
    writeFileAtomic(this.files.kpis, JSON.stringify(this.engine.kpis(), null, 2) + '\n');
    this.lastCheckpointAt = engine.now;
    void this.index
      .update(this.id, { simTime: engine.now, lastSeq: engine.counters.journal })
      .catch((err: unknown) => this.log.error({ err, run: this.id }, 'cannot update the run index'));
  }

  /** Final checkpoint and journal close; `stopped` marks the run as no longer current work. */
  async close(pacing: PacingState, stopped: boolean): Promise<void> {
    this.checkpoint(pacing);
    this.journal.close();
    await this.index.update(this.id, { status: stopped ? 'stopped' : 'running' });
  }

  /** The run's folder. */
  get folder(): string {
    return this.dir;
  }
}
