import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { JournalEvent, TruthEvent } from '../../sim/index.ts';
import { isAlerted } from '../../sim/index.ts';
import {
  createNetwork,
  networkSchema,
  restoreNetwork,
  type Network,
  type NetworkKpiReport,
  type NetworkRun,
  type NetworkSnapshot,
} from '../../sim/networkApi.ts';
import { JournalArchiver } from './journalArchiver.ts';
import { writeFileAtomic } from './atomicWrite.ts';
import type { PacingState } from './checkpointFile.ts';
import { runFiles, type DataDir } from './dataDir.ts';
import { newRunFolder, registerRun, runToResume } from './runFolder.ts';
import {
  cutBackToCheckpoint,
  freshJournal,
  RunLogs,
  type JournalOptions,
  type JournalPosition,
} from './runLogs.ts';
import { RECENT_PER_BIN, RecentByBin, recentEventsMaxFromEnv } from './recentByBin.ts';
import type { RunEntry, RunIndex } from './runIndex.ts';

/** Schema version of a network run's checkpoint.json (the network snapshot inside has its own). */
export const NETWORK_CHECKPOINT_VERSION = 1;

/** The network scenario a network run folder keeps (its presence marks the folder as a network run). */
export function networkFile(runDir: string): string {
  return join(runDir, 'network.json');
}

/** The folder of one site's journal segments and truth log inside a network run folder. */
export function siteDir(runDir: string, site: string): string {
  return join(runDir, 'sites', site);
}

/** Is this run folder a network run? */
export function isNetworkRunDir(runDir: string): boolean {
  return existsSync(networkFile(runDir));
}

/** checkpoint.json of a network run: the whole network's snapshot and each site's journal position. */
export interface NetworkCheckpointFile {
  schemaVersion: number;
  kind: 'network';
  runId: string;
  network: string;
  seed: string;
  simTime: number;
  savedAt: string;
  pacing: PacingState;
  /** Seq of the last journal event of each site the snapshot contains. */
  lastSeq: Record<string, number>;
  snapshot: NetworkSnapshot;
}

const envelope = z.object({
  schemaVersion: z.literal(NETWORK_CHECKPOINT_VERSION),
  kind: z.literal('network'),
  runId: z.string(),
  network: z.string(),
  seed: z.string(),
  simTime: z.number().finite().nonnegative(),
  pacing: z.object({
    speed: z.union([z.number().positive(), z.literal('max')]),
    paused: z.boolean(),
    until: z.number().nullable(),
  }),
  lastSeq: z.record(z.string(), z.number().int().nonnegative()),
  snapshot: z.looseObject({ sites: z.record(z.string(), z.unknown()) }),
});

/** Reads and checks a network checkpoint; problems name the file and the field. */
export function readNetworkCheckpoint(path: string): NetworkCheckpointFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`${path}: not valid JSON: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
  const r = envelope.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new Error(`${path}: ${i.path.map(String).join('.') || '(top level)'}: ${i.message}`);
  }
  return raw as NetworkCheckpointFile;
}

/** One site's journal and truth log of a live network run, and its bins' recent events. */
interface SiteLogs {
  logs: RunLogs;
  recent: RecentByBin;
}

/**
 * One live network run on disk: the network runner of sim/network (the same one `bintwin run`
 * uses), one segmented journal and truth log per site (`sites/<site>/`, the CLI's layout), and
 * one checkpoint of the whole network, so a restart resumes every site at the same instant.
 * Journals are synced before a checkpoint is written, so each reaches at least as far as it.
 */
export class NetworkLiveRun {
  readonly run: NetworkRun;
  private readonly logs = new Map<string, SiteLogs>();
  /** Gzips each site's closed journal segments a checkpoint covers (as a single-site run does). */
  private readonly archiver: JournalArchiver;
  private business = new Map<string, JournalEvent[]>();
  /** Sim time of the last checkpoint. */
  lastCheckpointAt: number;
  /** Feed entries each site's last written checkpoint holds (its feed log may compact what lies before). */
  readonly checkpointApplied = new Map<string, number>();
  /** Set by `abandon`: this run's world is no longer trusted; nothing of it is written again. */
  private abandoned = false;

  private constructor(
    readonly id: string,
    readonly net: Network,
    readonly seed: string,
    private readonly dir: string,
    private readonly index: RunIndex,
    private readonly log: Logger,
    jopts: JournalOptions,
    resume: { saved: NetworkSnapshot; at: Record<string, JournalPosition> } | null,
  ) {
    this.archiver = new JournalArchiver(log, id);
    for (const s of net.sites) {
      const folder = siteDir(dir, s.name);
      mkdirSync(folder, { recursive: true });
      this.logs.set(s.name, {
        logs: new RunLogs(folder, resume ? resume.at[s.name]! : freshJournal(folder), jopts),
        recent: new RecentByBin(RECENT_PER_BIN, recentEventsMaxFromEnv(process.env)),
      });
      this.business.set(s.name, []);
    }
    const options = {
      seed,
      journal: (site: string, e: JournalEvent): void => {
        const l = this.logs.get(site)!;
        l.logs.journal.write(e);
        l.recent.add(e);
        if (isAlerted(e.type)) this.business.get(site)!.push(e);
      },
      truth: (site: string, e: TruthEvent): void =>
        this.logs.get(site)!.logs.truth.writeLine(JSON.stringify(e)),
    };
    this.run = resume ? restoreNetwork(net, resume.saved, options) : createNetwork(net, options);
    this.lastCheckpointAt = this.run.now;
    for (const s of this.run.sites) this.checkpointApplied.set(s.name, s.engine.feedEntriesApplied());
  }

  /** Starts a new network run: folder, network copy, empty journals, a checkpoint at 0, index entry. */
  static async create(
    data: DataDir,
    index: RunIndex,
    net: Network,
    seed: string,
    pacing: PacingState,
    log: Logger,
    jopts: JournalOptions = {},
  ): Promise<NetworkLiveRun> {
    const { id, dir } = await newRunFolder(data, index, net.name, { file: networkFile, content: net });
    const run = new NetworkLiveRun(id, net, seed, dir, index, log, jopts, null);
    run.checkpoint(pacing);
    await registerRun(
      index,
      log,
      { id, name: net.name, seed, lastSeq: run.lastSeq() },
      { network: net.name, sites: net.sites.length },
      'new network run',
    );
    return run;
  }

  /** Resumes a network run from its checkpoint, cutting every site's journal and truth log back to it. */
  static resume(
    data: DataDir,
    index: RunIndex,
    entry: RunEntry,
    log: Logger,
    jopts: JournalOptions = {},
  ): { run: NetworkLiveRun; pacing: PacingState } {
    const {
      dir,
      copy: net,
      checkpoint: file,
    } = runToResume(data, entry, { file: networkFile, parse: (raw) => networkSchema.parse(raw) });
    const cp = readNetworkCheckpoint(file);
    const at: Record<string, JournalPosition> = {};
    for (const s of net.sites) {
      const snap = cp.snapshot.sites[s.name];
      if (!snap) throw new Error(`${file}: snapshot.sites has no site ${s.name}`);
      at[s.name] = cutBackToCheckpoint(
        siteDir(dir, s.name),
        snap.counters.journal,
        snap.truth as TruthEvent[],
        snap.counters.truth,
      );
    }
    const run = new NetworkLiveRun(entry.id, net, cp.seed, dir, index, log, jopts, {
      saved: cp.snapshot,
      at,
    });
    log.info(
      { run: entry.id, simTime: cp.simTime, lastSeq: cp.lastSeq },
      'resumed network run from checkpoint; site journals cut back to it and regenerated from there',
    );
    return { run, pacing: cp.pacing };
  }

  /** The run's folder. */
  get folder(): string {
    return this.dir;
  }

  /** Journal events of all sites together (the run index's `lastSeq`). */
  lastSeq(): number {
    return this.run.sites.reduce((a, s) => a + s.engine.journalCommitted(), 0);
  }

  /** The last journal events that touched each bin of one site (the inspector). */
  recent(site: string, bin: string): readonly JournalEvent[] {
    return this.logs.get(site)?.recent.get(bin) ?? [];
  }

  /**
   * Drops this run without writing anything more (a feed entry threw part-way into a site's
   * world): unwritten journal lines are discarded and no checkpoint is taken again. The files
   * stay consistent: what lies past the checkpoint is regenerated by the rebuild.
   */
  abandon(): void {
    this.abandoned = true;
    for (const l of this.logs.values()) l.logs.discard();
    this.business = new Map([...this.business.keys()].map((k) => [k, []]));
  }

  /** Makes one site's journal and truth log durable (a feed batch was applied there). */
  syncSite(site: string): void {
    if (!this.abandoned) this.logs.get(site)?.logs.sync();
  }

  /** Resolves when no journal archive pass is running. */
  settled(): Promise<void> {
    return this.archiver.settled();
  }

  /** Makes every site's journal durable and returns each site's business events since the last call. */
  commit(): Map<string, JournalEvent[]> {
    if (this.abandoned) return new Map();
    for (const l of this.logs.values()) l.logs.sync();
    const out = this.business;
    this.business = new Map([...out.keys()].map((k) => [k, []]));
    return out;
  }

  /**
   * Writes the network checkpoint (after syncing every journal) and kpis.json ({network, sites},
   * as `bintwin run` writes it). Never throws: a failure is logged and the run goes on from the
   * previous checkpoint (the next one is tried at the next interval).
   */
  checkpoint(pacing: PacingState, kpis?: NetworkKpiReport): boolean {
    if (this.abandoned) return false;
    try {
      this.commit();
      const snapshot = this.run.snapshot();
      const cp: NetworkCheckpointFile = {
        schemaVersion: NETWORK_CHECKPOINT_VERSION,
        kind: 'network',
        runId: this.id,
        network: this.net.name,
        seed: this.seed,
        simTime: this.run.now,
        savedAt: new Date().toISOString(),
        pacing,
        lastSeq: Object.fromEntries(
          this.run.sites.map((s) => [s.name, snapshot.sites[s.name]!.counters.journal]),
        ),
        snapshot,
      };
      writeFileAtomic(runFiles(this.dir).checkpoint, JSON.stringify(cp));
      for (const s of this.run.sites) this.checkpointApplied.set(s.name, s.engine.feedEntriesApplied());
      if (kpis) writeFileAtomic(runFiles(this.dir).kpis, JSON.stringify(kpis, null, 2) + '\n');
      this.archiver.archive(Object.entries(cp.lastSeq).map(([site, seq]) => [siteDir(this.dir, site), seq]));
      this.lastCheckpointAt = this.run.now;
      void this.index
        .update(this.id, { simTime: this.run.now, lastSeq: this.lastSeq() })
        .catch((err: unknown) => this.log.error({ err, run: this.id }, 'cannot update the run index'));
      return true;
    } catch (err) {
      this.lastCheckpointAt = this.run.now;
      this.log.error(
        { err, run: this.id },
        'network checkpoint failed; the run continues from the previous one',
      );
      return false;
    }
  }

  /** Final checkpoint and journals closed; `stopped` marks the run as no longer current work. */
  async close(pacing: PacingState, stopped: boolean, kpis?: NetworkKpiReport): Promise<void> {
    if (this.abandoned) return;
    this.checkpoint(pacing, kpis);
    for (const l of this.logs.values()) l.logs.close();
    await this.archiver.settled();
    await this.index.update(this.id, { status: stopped ? 'stopped' : 'running' });
  }
}
