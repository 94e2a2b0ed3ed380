import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import type { JournalEvent } from '../sim/index.ts';

/** Bytes collected before one write: large enough that syscalls vanish from the profile, small enough to bound loss on a crash. */
export const JOURNAL_CHUNK_BYTES = 1 << 20;

/**
 * Appends journal events to an NDJSON file, one `JSON.stringify(event)` per line in call order,
 * so identical runs give identical bytes. Lines are grouped and written about 1 MB at a time
 * (group commit) with synchronous writes: the engine calls us from its hot loop, and a
 * synchronous write keeps memory flat without back-pressure plumbing. `close()` flushes and
 * fsyncs, so a closed journal is on disk.
 */
export class JournalWriter {
  private pending: string[] = [];
  private pendingChars = 0;
  private fd: number | undefined;
  private bytes = 0;
  private lines = 0;

  /**
   * Creates (or truncates) the file at `path`, or with `mode` 'a' appends to it (resuming a live
   * run after its journal was cut back to a checkpoint); throws the fs error if it cannot.
   */
  constructor(
    readonly path: string,
    mode: 'w' | 'a' = 'w',
  ) {
    this.fd = openSync(path, mode);
  }

  /** Appends one event; the bound arrow form is what the engine's `journal` option takes. */
  readonly write = (event: JournalEvent): void => {
    this.writeLine(JSON.stringify(event));
  };

  /** Appends one already-serialised line (without the newline). */
  writeLine(line: string): void {
    if (this.fd === undefined) throw new Error(`journal ${this.path} is closed`);
    this.pending.push(line, '\n');
    // Characters, not bytes: close enough for choosing when to flush, and free to compute.
    this.pendingChars += line.length + 1;
    this.lines++;
    if (this.pendingChars >= JOURNAL_CHUNK_BYTES) this.flush();
  }

  /** Writes everything collected so far (without fsync). */
  flush(): void {
    if (this.fd === undefined || this.pending.length === 0) return;
    const buf = Buffer.from(this.pending.join(''), 'utf8');
    this.pending = [];
    this.pendingChars = 0;
    let off = 0;
    // writeSync may write less than asked (full disk, pipes); keep going until all bytes are out.
    while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off);
    this.bytes += buf.length;
  }

  /** Group commit: writes what is pending and fsyncs, so every line so far is durable. */
  sync(): void {
    if (this.fd === undefined) return;
    this.flush();
    fsyncSync(this.fd);
  }

  /** Flushes, fsyncs and closes; safe to call twice. */
  close(): void {
    if (this.fd === undefined) return;
    try {
      this.flush();
      fsyncSync(this.fd);
    } finally {
      closeSync(this.fd);
      this.fd = undefined;
    }
  }

  /** Lines appended so far (written or pending). */
  lineCount(): number {
    return this.lines;
  }

  /** Bytes written to the file so far (excluding pending lines). */
  bytesWritten(): number {
    return this.bytes;
  }
}
