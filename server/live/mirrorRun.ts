import { mkdirSync } from 'node:fs';
import type { Logger } from 'pino';
import type { JournalEvent } from '../../sim/index.ts';
import { importMirrorSite, mirrorScenario, mirrorScenarioName } from '../../sim/mirrorApi.ts';
import { writeFileAtomic } from './atomicWrite.ts';
import { runFiles, type DataDir } from './dataDir.ts';
import { CHECKPOINT_SCHEMA_VERSION, type CheckpointFile, type PacingState } from './liveRun.ts';
import {
  formatImportProblems,
  MirrorImportError,
  readMirrorFiles,
  type MirrorFiles,
} from './mirrorImport.ts';
import type { RunIndex } from './runIndex.ts';

/** `serve --mirror`: the site to mirror and its import files. */
export interface MirrorOptions extends MirrorFiles {
  site: string;
}

/**
 * Prepares the run of a mirrored site and returns its scenario name. The current run is kept
 * when it is a running mirror of this site (a restart resumes it, feed and all) unless `fresh`;
 * otherwise the files are read and validated (every problem reported, nothing written when there
 * is one), and a new run is written to disk as the runner expects it: the scenario, a journal of
 * `stock.opening` events, a checkpoint at time 0 and a current index entry. The runner then
 * resumes it like any run; no flow ever starts, so only the feed moves its system ledger.
 */
export async function prepareMirrorRun(
  data: DataDir,
  index: RunIndex,
  o: MirrorOptions,
  pacing: PacingState,
  fresh: boolean,
  log: Logger,
): Promise<string> {
  const name = mirrorScenarioName(o.site);
  const cur = index.current();
  if (!fresh && cur && cur.status === 'running' && cur.scenario === name) {
    log.info(
      { run: cur.id, site: o.site },
      'resuming the mirror run (its imports were read when it started)',
    );
    return name;
  }
  const input = readMirrorFiles(o);
  const sc = mirrorScenario(o.site, input.layout, input.items);
  if (!sc.ok) throw new MirrorImportError(formatImportProblems(o, input.stockAt, sc.problems));
  const events: JournalEvent[] = [];
  const made = importMirrorSite(sc.scenario, input.stock, (e) => events.push(e), input.orders);
  if (!made.ok) throw new MirrorImportError(formatImportProblems(o, input.stockAt, made.problems));
  const id = await index.allocateId(name);
  const dir = data.runDir(id);
  mkdirSync(dir, { recursive: true });
  const files = runFiles(dir);
  const seed = String(sc.scenario.seed);
  writeFileAtomic(files.scenario, JSON.stringify(sc.scenario, null, 2) + '\n');
  writeFileAtomic(files.journal, events.map((e) => JSON.stringify(e) + '\n').join(''));
  const cp: CheckpointFile = {
    schemaVersion: CHECKPOINT_SCHEMA_VERSION,
    runId: id,
    scenario: name,
    seed,
    lastSeq: made.snapshot.counters.journal,
    simTime: 0,
    savedAt: new Date().toISOString(),
    pacing,
    engine: made.snapshot,
  };
  writeFileAtomic(files.checkpoint, JSON.stringify(cp));
  const now = new Date().toISOString();
  await index.add({
    id,
    scenario: name,
    seed,
    createdAt: now,
    updatedAt: now,
    status: 'running',
    simTime: 0,
    lastSeq: cp.lastSeq,
  });
  log.info(
    {
      run: id,
      site: o.site,
      bins: made.bins,
      items: made.items,
      opening: events.length,
    },
    'new mirror run: imports validated, opening stock posted',
  );
  return name;
}
