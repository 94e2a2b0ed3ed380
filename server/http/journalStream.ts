import { createReadStream, statSync } from 'node:fs';
import type { Writable } from 'node:stream';

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
  return new Promise((resolve, reject) => {
    const stream = createReadStream(file, { start: 0, end: size - 1, highWaterMark: 64 * 1024 });
    let tail = '';
    let written = 0;
    let finished = false;
    const finish = (stoppedAt: string | null): void => {
      if (finished) return;
      finished = true;
      stream.destroy();
      resolve({ written, stoppedAt });
    };
    out.once('close', () => finish(null));
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string | Buffer) => {
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
          return finish(null);
        }
        if (written >= limit) {
          if (batch) out.write(batch);
          return finish(m);
        }
        batch += m;
        written++;
      }
      if (batch && !out.write(batch)) {
        stream.pause();
        out.once('drain', () => stream.resume());
      }
    });
    stream.on('end', () => finish(null));
    stream.on('error', (err) => {
      if (finished) return;
      finished = true;
      reject(err);
    });
  });
}
