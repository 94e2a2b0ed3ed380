import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { writeFileAtomic, fsyncDir } from './atomicWrite.ts';
import { readCheckpointFile, type CheckpointFile } from './checkpointFile.ts';
import { journalSegmentFile, listJournalSegments } from './journalSegments.ts';

// Rewind points of a live run (issue 14): checkpoints kept every N sim minutes in the run's
// `rewind/` folder, named by sim time. Rewinding installs one as the run's checkpoint with one
// atomic rename; from that instant a crash or restart resumes at the point (the journal and
// truth log are cut back to it as any resume does), so no moment of a rewind leaves a run that
// cannot restart. Points after it belong to the abandoned future and are removed after.

/** Rewind point settings: sim minutes between points (default 5) and how many are kept (default 24). */
export interface RewindSettings {
  everyMs: number;
  keep: number;
}

/** The defaults: every 5 sim minutes, the last 24 (two hours at 5 min). */
export const REWIND_DEFAULTS: RewindSettings = { everyMs: 5 * 60_000, keep: 24 };

/** One rewind point as listed. */
export interface RewindPoint {
  simMs: number;
  lastSeq: number;
  file: string;
}

/** The run's rewind folder. */
export function rewindDir(runDir: string): string {
  return join(runDir, 'rewind');
}

const NAME = /^(\d+)\.json$/;

/** The rewind points on disk, oldest first (unreadable ones are skipped). */
export function listRewindPoints(runDir: string): RewindPoint[] {
  const dir = rewindDir(runDir);
  if (!existsSync(dir)) return [];
  const out: RewindPoint[] = [];
  for (const f of readdirSync(dir)) {
    const m = NAME.exec(f);
    if (!m) continue;
    try {
      const cp = readCheckpointFile(join(dir, f));
      out.push({ simMs: Number(m[1]), lastSeq: cp.lastSeq, file: join(dir, f) });
    } catch {
      // A torn point (crash while writing is impossible with the atomic write, but a hand-edited one) is not offered.
    }
  }
  return out.sort((a, b) => a.simMs - b.simMs);
}

/** Saves a rewind point (atomically) and drops the oldest beyond `keep`. */
export function writeRewindPoint(runDir: string, cp: CheckpointFile, keep: number): void {
  const dir = rewindDir(runDir);
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(join(dir, `${cp.simTime}.json`), JSON.stringify(cp));
  const names = readdirSync(dir)
    .filter((f) => NAME.test(f))
    .sort((a, b) => parseInt(a) - parseInt(b));
  for (const f of names.slice(0, Math.max(0, names.length - keep))) rmSync(join(dir, f), { force: true });
}

/** Removes the points after `simMs` (a future a rewind or a resume left behind). */
export function dropPointsAfter(runDir: string, simMs: number): void {
  let removed = false;
  for (const p of listRewindPoints(runDir))
    if (p.simMs > simMs) {
      rmSync(p.file, { force: true });
      removed = true;
    }
  if (removed) fsyncDir(rewindDir(runDir));
}

/**
 * Makes the point at `simMs` the run's checkpoint (paused, so the class resumes when the trainer
 * says), after making sure the journal can be cut back to it: a segment the point lies in that
 * was archived is restored to plain first (plain wins over its archive while both exist).
 * Throws, changing nothing the run depends on, if there is no such point.
 */
export function installRewindPoint(runDir: string, checkpointFile: string, simMs: number): CheckpointFile {
  const point = listRewindPoints(runDir).find((p) => p.simMs === simMs);
  if (!point) throw new Error(`no rewind point at sim ${simMs} ms`);
  const cp = readCheckpointFile(point.file);
  const segs = listJournalSegments(runDir);
  let i = segs.length - 1;
  while (i > 0 && segs[i]!.first > cp.lastSeq + 1) i--;
  const seg = segs[i];
  if (seg?.gz) {
    writeFileAtomic(journalSegmentFile(runDir, seg.first), gunzipSync(readFileSync(seg.file)));
    rmSync(seg.file);
    fsyncDir(runDir);
  }
  const installed: CheckpointFile = { ...cp, pacing: { ...cp.pacing, paused: true } };
  writeFileAtomic(checkpointFile, JSON.stringify(installed));
  dropPointsAfter(runDir, simMs);
  return installed;
}
