import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../live/atomicWrite.ts';
import type { CaptureJob } from './captureJob.ts';

/**
 * Capture jobs on disk (`<data>/capture-jobs/`): `<id>.json` holds the status, written
 * atomically at every change; `<id>.doc.json` holds the accepted document until the job
 * finishes, so a job interrupted by a crash can be run again at start-up. Both are written
 * before the 202 leaves.
 */
export class JobStore {
  /** Jobs in `dir` (created). */
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  /** Saves a job's status. */
  save(job: CaptureJob): void {
    writeFileAtomic(join(this.dir, `${job.captureID}.json`), JSON.stringify(job));
  }

  /** Saves the document a job captures (until it finishes). */
  saveDocument(id: string, text: string): void {
    writeFileAtomic(join(this.dir, `${id}.doc.json`), text);
  }

  /** The saved document of a job, if it is still unfinished. */
  document(id: string): unknown {
    const p = join(this.dir, `${id}.doc.json`);
    return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as unknown) : undefined;
  }

  /** Drops a finished job's document. */
  dropDocument(id: string): void {
    rmSync(join(this.dir, `${id}.doc.json`), { force: true });
  }

  /** Forgets a job entirely. */
  remove(id: string): void {
    this.dropDocument(id);
    rmSync(join(this.dir, `${id}.json`), { force: true });
  }

  /** Every saved job, oldest first; unreadable files are skipped (and reported). */
  load(report: (file: string, err: unknown) => void): CaptureJob[] {
    const out: CaptureJob[] = [];
    for (const f of readdirSync(this.dir)) {
      if (!/^[A-Za-z0-9-]+\.json$/.test(f) || f.endsWith('.doc.json')) continue;
      try {
        out.push(JSON.parse(readFileSync(join(this.dir, f), 'utf8')) as CaptureJob);
      } catch (err) {
        report(f, err);
      }
    }
    return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }
}
