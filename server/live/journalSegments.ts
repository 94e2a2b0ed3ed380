import {
  closeSync,
  createReadStream,
  createWriteStream,
  existsSync,
  fsyncSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { fsyncDir } from './atomicWrite.ts';

/** Segment size at which the live journal moves on to a new file (as the feed log does). */
export const DEFAULT_JOURNAL_SEGMENT_BYTES = 64 << 20;
/** Smallest segment size accepted (tests use a few KB; below that every flush would rotate). */
export const MIN_JOURNAL_SEGMENT_BYTES = 4096;

/** One journal segment file: the seq of its first line, and whether it is gzipped (archived). */
export interface JournalSegment {
  first: number;
  file: string;
  gz: boolean;
}

const NAME = /^journal(?:-(\d{12}))?\.ndjson(\.gz)?$/;

/**
 * File of the segment whose first line is event `first`. The first segment keeps the name a
 * one-file journal always had (`journal.ndjson`), so short runs and older run folders look as
 * before; later ones are `journal-<first seq, 12 digits>.ndjson`, so a reader finds the segment
 * of a seq from the names alone and `ls` sorts them in order.
 */
export function journalSegmentFile(folder: string, first: number): string {
  return join(folder, first === 1 ? 'journal.ndjson' : `journal-${String(first).padStart(12, '0')}.ndjson`);
}

/**
 * The journal segments of a run folder, oldest first. A segment present both plain and gzipped
 * (a crash between the archive's rename and the plain file's removal) is listed plain: the
 * plain file is the original, and the next compaction archives it again.
 */
export function listJournalSegments(folder: string): JournalSegment[] {
  if (!existsSync(folder)) return [];
  const byFirst = new Map<number, JournalSegment>();
  for (const f of readdirSync(folder)) {
    const m = NAME.exec(f);
    if (!m) continue;
    const first = m[1] === undefined ? 1 : Number(m[1]);
    const gz = m[2] !== undefined;
    if (gz && byFirst.has(first)) continue;
    byFirst.set(first, { first, file: join(folder, f), gz });
  }
  return [...byFirst.values()].sort((a, b) => a.first - b.first);
}

/** Test hook: called after an archive is renamed into place, before the plain segment is removed. */
export type CompactHook = (segment: JournalSegment) => void;

/**
 * Archives the closed journal segments a checkpoint wholly covers (every line's seq at most
 * `coveredSeq`): each is gzipped to a temp file, fsynced, renamed to `<name>.gz`, and only then
 * is the plain file removed. Nothing is ever deleted without its archive in place: the journal
 * is the audit trail. The active (last) segment is never touched. Returns the bytes saved.
 */
export async function compactJournal(
  folder: string,
  coveredSeq: number,
  hook?: CompactHook,
): Promise<number> {
  const segs = listJournalSegments(folder);
  let saved = 0;
  for (let i = 0; i + 1 < segs.length; i++) {
    const s = segs[i]!;
    if (s.gz || segs[i + 1]!.first - 1 > coveredSeq) continue;
    const gz = s.file + '.gz';
    const tmp = gz + '.tmp';
    const before = statSync(s.file).size;
    await pipeline(createReadStream(s.file), createGzip(), createWriteStream(tmp));
    const fd = openSync(tmp, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, gz);
    fsyncDir(folder);
    hook?.({ ...s, file: gz, gz: true });
    rmSync(s.file);
    fsyncDir(folder);
    saved += before - statSync(gz).size;
  }
  return saved;
}

/** Removes temp files a crash during compaction left behind (they are never read). */
export function removeCompactionLeftovers(folder: string): void {
  if (!existsSync(folder)) return;
  for (const f of readdirSync(folder))
    if (/^journal.*\.ndjson\.gz\.tmp$/.test(f)) rmSync(join(folder, f), { force: true });
}

/**
 * The journal segment size from BINTWIN_JOURNAL_SEGMENT_MB (a positive number of MB, fractions
 * allowed; default 64); throws naming the variable for anything else.
 */
export function journalSegmentBytesFromEnv(env: Record<string, string | undefined>): number {
  const raw = env['BINTWIN_JOURNAL_SEGMENT_MB'];
  if (raw === undefined || raw.trim() === '') return DEFAULT_JOURNAL_SEGMENT_BYTES;
  const mb = Number(raw);
  const bytes = Math.floor(mb * 1024 * 1024);
  if (!Number.isFinite(mb) || bytes < MIN_JOURNAL_SEGMENT_BYTES)
    throw new Error(
      `BINTWIN_JOURNAL_SEGMENT_MB must be a number of MB of at least ${MIN_JOURNAL_SEGMENT_BYTES / 1048576}, got "${raw.slice(0, 40)}"`,
    );
  return bytes;
}

/**
 * Journal options from the environment: the segment size (BINTWIN_JOURNAL_SEGMENT_MB) and, for
 * the crash tests only, BINTWIN_JOURNAL_FAULT=`kill-after-rotate:N`, which kills the process
 * (SIGKILL) right after the Nth rotation created its new, still empty, segment.
 */
export function journalOptionsFromEnv(env: Record<string, string | undefined>): {
  segmentBytes: number;
  afterRotate?: (file: string) => void;
} {
  const segmentBytes = journalSegmentBytesFromEnv(env);
  const m = /^kill-after-rotate:(\d+)$/.exec(env['BINTWIN_JOURNAL_FAULT'] ?? '');
  if (!m) return { segmentBytes };
  let left = Number(m[1]);
  return {
    segmentBytes,
    afterRotate: () => {
      if (--left === 0) process.kill(process.pid, 'SIGKILL');
    },
  };
}
