import { createReadStream, existsSync, statSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { listJournalSegments, type JournalSegment } from '../live/journalSegments.ts';

/** What a streamed read did: lines written, and whether it stopped early at `limit`. */
export interface StreamResult {
  written: number;
  /** The value `map` returned for the first line not written because of `limit`, if any. */
  stoppedAt: string | null;
}

/**
 * Streams an NDJSON file's whole lines (as of now: the live run appends while we read, and a
 * reader must never see half an event) through `map` into `out`, with backpressure: the file is
 * read in 64 KB chunks and paused while `out` is full, so memory stays at a chunk or two
 * whatever the file size, and the event loop gets a turn between chunks. `map` returns the text
 * to write for a line, null to skip it, or false to stop there; after `limit` written lines the next mapped line is
 * returned as `stoppedAt` instead (the caller turns it into a next-page token).
 */
export function streamJournalLines(
  file: string,
  out: Writable,
  map: (line: string) => string | null | false,
  limit = Number.POSITIVE_INFINITY,
): Promise<StreamResult> {
  const size = statSync(file).size;
  if (size === 0) return Promise.resolve({ written: 0, stoppedAt: null });
  const state = { written: 0 };
  return pumpLines(
    createReadStream(file, { start: 0, end: size - 1, highWaterMark: 64 * 1024 }),
    out,
    map,
    limit,
    state,
  ).then((r) => ({ written: state.written, stoppedAt: r.stoppedAt }));
}

/**
 * Streams a run's whole journal across its segments (`journalSegments.ts`), oldest first, plain
 * or gzipped alike, through `map` into `out`, as `streamJournalLines` does one file. Segments
 * that end before `fromSeq` are skipped unread (their range is known from the names). A plain
 * segment archived while we get to it is read from its archive instead. Resolves when the last
 * segment (as of now) is read, `map` returns false, or `out` closes.
 */
export async function streamJournal(
  folder: string,
  out: Writable,
  map: (line: string) => string | null | false,
  fromSeq = 1,
): Promise<StreamResult> {
  const segs = listJournalSegments(folder);
  const state = { written: 0 };
  let closed = false;
  out.once('close', () => (closed = true));
  for (let i = 0; i < segs.length && !closed; i++) {
    const next = segs[i + 1];
    if (next && next.first <= fromSeq) continue;
    const input = openSegment(segs[i]!);
    if (!input) continue;
    const r = await pumpLines(input, out, map, Number.POSITIVE_INFINITY, state);
    if (r.stopped) break;
  }
  return { written: state.written, stoppedAt: null };
}

/** A read stream of one segment's bytes (decompressed), or null if it has no lines. */
function openSegment(s: JournalSegment): Readable | null {
  const gzStream = (file: string): Readable => {
    const src = createReadStream(file, { highWaterMark: 64 * 1024 });
    const gunzip = createGunzip();
    // A reader that stops early destroys the gunzip; the file under it must close too.
    src.on('error', (err) => gunzip.destroy(err));
    gunzip.on('close', () => src.destroy());
    return src.pipe(gunzip);
  };
  if (s.gz) return gzStream(s.file);
  let size: number;
  try {
    size = statSync(s.file).size;
  } catch (err) {
    // Archived since it was listed: the archive is complete (renamed into place before the removal).
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && existsSync(s.file + '.gz'))
      return gzStream(s.file + '.gz');
    throw err;
  }
  if (size === 0) return null;
  // Up to its size now: the live run may be appending, and a reader must never see half an event.
  return createReadStream(s.file, { start: 0, end: size - 1, highWaterMark: 64 * 1024 });
}

/**
 * The line pump: whole lines of `input` through `map` into `out`, pausing while `out` is full.
 * A partial last line (the active segment being appended to) is never passed on.
 */
function pumpLines(
  input: Readable,
  out: Writable,
  map: (line: string) => string | null | false,
  limit: number,
  state: { written: number },
): Promise<{ stoppedAt: string | null; stopped: boolean }> {
  return new Promise((resolve, reject) => {
    let tail = '';
    let finished = false;
    const finish = (stoppedAt: string | null, stopped: boolean): void => {
      if (finished) return;
      finished = true;
      out.off('close', onClose);
      input.destroy();
      resolve({ stoppedAt, stopped });
    };
    const onClose = (): void => finish(null, true);
    out.once('close', onClose);
    input.setEncoding('utf8');
    input.on('data', (chunk: string | Buffer) => {
      const text = tail + String(chunk);
      const lines = text.split('\n');
      tail = lines.pop() ?? '';
      let batch = '';
      for (const line of lines) {
        if (line === '') continue;
        const m = map(line);
        if (m === null) continue;
        if (m === false) {
          if (batch) out.write(batch);
          return finish(null, true);
        }
        if (state.written >= limit) {
          if (batch) out.write(batch);
          return finish(m, true);
        }
        batch += m;
        state.written++;
      }
      if (batch && !out.write(batch)) {
        input.pause();
        out.once('drain', () => input.resume());
      }
    });
    input.on('end', () => finish(null, false));
    input.on('error', (err) => {
      if (finished) return;
      finished = true;
      out.off('close', onClose);
      reject(err);
    });
  });
}
