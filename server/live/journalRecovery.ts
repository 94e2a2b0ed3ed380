import { closeSync, ftruncateSync, fsyncSync, openSync, readSync } from 'node:fs';

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
 * not belong together and resuming would corrupt the run.
 */
export function truncateJournalAfter(path: string, lastSeq: number): JournalCut {
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
        `journal ${path} has ${lines} complete lines, but the checkpoint covers ${lastSeq} events`,
      );
    }
    if (lastSeq > 0) {
      let seq: unknown;
      try {
        seq = (JSON.parse(lastLine) as { seq?: unknown }).seq;
      } catch {
        seq = undefined;
      }
      if (seq !== lastSeq) {
        throw new Error(
          `journal ${path}: line ${lastSeq} is not event seq ${lastSeq}; journal and checkpoint disagree`,
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
