import { closeSync, ftruncateSync, fsyncSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { fsyncDir } from './atomicWrite.ts';
import { journalSegmentFile, listJournalSegments, removeCompactionLeftovers } from './journalSegments.ts';

const CHUNK = 1 << 20;

/** What truncation found: how many lines were kept and how many bytes after them were dropped. */
export interface JournalCut {
  keptLines: number;
  droppedBytes: number;
}

/**
 * Cuts a journal back to its first `lastSeq` lines (the events a checkpoint already contains)
 * and fsyncs. Everything after — complete lines written after the checkpoint, or a torn last
 * line from a crash — is dropped; the resumed engine regenerates the same events, byte for
 * byte, so nothing is lost and nothing is applied twice. Throws when the journal holds fewer
 * lines than the checkpoint, or when line `lastSeq` does not carry that seq: then the files do
 * not belong together and resuming would corrupt the run. For a segment that starts later than
 * seq 1, `lastSeq` counts its lines and `expectSeq` is the seq its last kept line must carry.
 */
export function truncateJournalAfter(path: string, lastSeq: number, expectSeq = lastSeq): JournalCut {
  const fd = openSync(path, 'r+');
  try {
    const buf = Buffer.alloc(CHUNK);
    let pos = 0;
    let lines = 0;
    let cut = lastSeq === 0 ? 0 : -1;
    let lineStart = 0;
    let lastLine = '';
    while (cut < 0) {
      const n = readSync(fd, buf, 0, CHUNK, pos);
      if (n === 0) break;
      for (let i = 0; i < n; i++) {
        if (buf[i] !== 0x0a) continue;
        lines++;
        if (lines === lastSeq) {
          cut = pos + i + 1;
          lastLine = readRange(fd, lineStart, cut - 1);
          break;
        }
        lineStart = pos + i + 1;
      }
      pos += n;
    }
    if (cut < 0) {
      throw new Error(
        `journal ${path} has ${lines} complete lines, but the checkpoint covers ${lastSeq} events${expectSeq !== lastSeq ? ` of it (up to seq ${expectSeq})` : ''}`,
      );
    }
    if (lastSeq > 0) {
      let seq: unknown;
      try {
        seq = (JSON.parse(lastLine) as { seq?: unknown }).seq;
      } catch {
        seq = undefined;
      }
      if (seq !== expectSeq) {
        throw new Error(
          `journal ${path}: line ${lastSeq} is not event seq ${expectSeq}; journal and checkpoint disagree`,
        );
      }
    }
    let size = cut;
    // The file size: read to the end (cheap: at most the events after the checkpoint).
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, size);
      if (n === 0) break;
      size += n;
    }
    ftruncateSync(fd, cut);
    fsyncSync(fd);
    return { keptLines: lastSeq, droppedBytes: size - cut };
  } finally {
    closeSync(fd);
  }
}

/** A segmented journal cut back to a checkpoint: what was dropped, and the segment to append to. */
export interface SegmentedCut extends JournalCut {
  /** The file the resumed run appends to (the segment holding seq `lastSeq + 1` on). */
  active: string;
}

/**
 * Cuts a segmented journal back to a checkpoint's `lastSeq`. The segment the next event
 * belongs in (the last one starting at or before `lastSeq + 1`) is cut back with
 * `truncateJournalAfter`, checked first; only then are the segments after it removed: they
 * start after the checkpoint, so the resumed engine regenerates them byte for byte. Archived
 * (gzipped) segments are only ever ones a checkpoint covered, so they are never cut; one that
 * would need cutting means journal and checkpoint disagree (thrown, nothing touched). Leftover
 * compaction temp files are removed.
 */
export function cutJournalSegments(folder: string, lastSeq: number): SegmentedCut {
  removeCompactionLeftovers(folder);
  const segs = listJournalSegments(folder);
  if (segs.length === 0) {
    if (lastSeq === 0) return { keptLines: 0, droppedBytes: 0, active: journalSegmentFile(folder, 1) };
    throw new Error(`journal in ${folder} missing, but the checkpoint covers ${lastSeq} events`);
  }
  let i = segs.length - 1;
  while (i > 0 && segs[i]!.first > lastSeq + 1) i--;
  const t = segs[i]!;
  if (t.first > lastSeq + 1)
    throw new Error(
      `journal in ${folder} starts at seq ${t.first}, but the checkpoint covers only ${lastSeq} events`,
    );
  if (t.gz)
    throw new Error(
      `journal ${t.file} is archived, but the checkpoint (seq ${lastSeq}) does not cover it; journal and checkpoint disagree`,
    );
  const cut = truncateJournalAfter(t.file, lastSeq - t.first + 1, lastSeq);
  let dropped = cut.droppedBytes;
  // Newest first: a crash part-way leaves a journal that this cut handles again.
  for (const s of segs.slice(i + 1).reverse()) {
    dropped += statSync(s.file).size;
    rmSync(s.file);
  }
  if (i + 1 < segs.length) fsyncDir(folder);
  return { keptLines: lastSeq, droppedBytes: dropped, active: t.file };
}

function readRange(fd: number, start: number, end: number): string {
  const b = Buffer.alloc(end - start);
  let off = 0;
  while (off < b.length) {
    const n = readSync(fd, b, off, b.length - off, start + off);
    if (n === 0) break;
    off += n;
  }
  return b.toString('utf8');
}
