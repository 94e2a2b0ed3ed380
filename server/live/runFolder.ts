import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { writeFileAtomic } from './atomicWrite.ts';
import { runFiles, type DataDir } from './dataDir.ts';
import type { RunEntry, RunIndex } from './runIndex.ts';

/**
 * Refuses to start a new run in a folder that already holds one (a checkpoint): the run index
 * lost or out of step with the folders would otherwise hand out an old id again and the new run
 * would overwrite the old one's journal from seq 1.
 */
export function refuseExistingRun(dir: string): void {
  const cp = runFiles(dir).checkpoint;
  if (existsSync(cp))
    throw new Error(
      `${cp}: a run already lives in ${dir}; the run index (runs.json) does not know it: restore runs.json or move the folder away`,
    );
}

/**
 * The create step of every live run (single site or network): a fresh id and folder, and the
 * run's own copy of what it runs (so editing or deleting the library file never breaks a resume).
 */
export async function newRunFolder(
  data: DataDir,
  index: RunIndex,
  name: string,
  copy: { file: (dir: string) => string; content: unknown },
): Promise<{ id: string; dir: string }> {
  const id = await index.allocateId(name);
  const dir = data.runDir(id);
  refuseExistingRun(dir);
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(copy.file(dir), JSON.stringify(copy.content, null, 2) + '\n');
  return { id, dir };
}

/** Enters a new run (its first checkpoint written) in the run index as the running one. */
export async function registerRun(
  index: RunIndex,
  log: Logger,
  run: { id: string; name: string; seed: string; lastSeq: number; simTime?: number },
  logged: Record<string, unknown>,
  message: string,
): Promise<void> {
  const now = new Date().toISOString();
  await index.add({
    id: run.id,
    scenario: run.name,
    seed: run.seed,
    createdAt: now,
    updatedAt: now,
    status: 'running',
    simTime: run.simTime ?? 0,
    lastSeq: run.lastSeq,
  });
  log.info({ run: run.id, seed: run.seed, ...logged }, message);
}

/**
 * The first resume step of every live run: its folder, its own copy of what it runs (read and
 * checked by `parse`), and its checkpoint file; a run without one cannot be resumed (named).
 */
export function runToResume<T>(
  data: DataDir,
  entry: RunEntry,
  copy: { file: (dir: string) => string; parse: (raw: unknown) => T },
): { dir: string; copy: T; checkpoint: string } {
  const dir = data.runDir(entry.id);
  const parsed = copy.parse(JSON.parse(readFileSync(copy.file(dir), 'utf8')));
  const checkpoint = runFiles(dir).checkpoint;
  if (!existsSync(checkpoint)) throw new Error(`run ${entry.id} has no checkpoint (${checkpoint})`);
  return { dir, copy: parsed, checkpoint };
}
