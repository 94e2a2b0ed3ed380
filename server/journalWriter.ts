import { closeSync, fstatSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { fsyncDir } from './live/atomicWrite.ts';
import type { JournalEvent } from '../sim/index.ts';

/** Bytes collected before one write: large enough that syscalls vanish from the profile, small enough to bound loss on a crash. */
export const JOURNAL_CHUNK_BYTES = 1 << 20;

/** Segmented journal: where a segment starting at a line goes, and when to start one. */
export interface JournalRotation {
  /** Bytes at which the writer moves on to a new segment (at a line boundary). */
  segmentBytes: number;
  /** The file of the segment whose first line is line (event seq) `first`. */
  fileFor: (first: number) => string;
  /** Line number (event seq) of the next line written. */
  nextLine: number;
  /** Test hook: called once the new segment exists and before any line is written to it. */
  afterRotate?: (file: string) => void;
}

/**
 * Appends journal events to an NDJSON file, one `JSON.stringify(event)` per line in call order,
 * so identical runs give identical bytes. Lines are grouped and written about 1 MB at a time
 * (group commit) with synchronous writes: the engine calls us from its hot loop, and a
 * synchronous write keeps memory flat without back-pressure plumbing. `close()` flushes and
 * fsyncs, so a closed journal is on disk. With `rotation`, the lines go into segments: once a
 * segment reaches its size the writer fsyncs and closes it and opens the next, named by its first
 * line, so a crash at any point leaves whole segments and at most an empty newest one.
 */
export class JournalWriter {
  private pending: string[] = [];
  private pendingChars = 0;
  private fd: number | undefined;
  private bytes = 0;
  private lines = 0;
  /** Bytes in the current segment (written), and the line number of its next line. */
  private segBytes = 0;
  private nextLine: number;

  /**
   * Creates (or truncates) the file at `path`, or with `mode` 'a' appends to it (resuming a live
   * run after its journal was cut back to a checkpoint); throws the fs error if it cannot.
   */
  constructor(
    public path: string,
    mode: 'w' | 'a' = 'w',
    private readonly rotation?: JournalRotation,
  ) {
    this.fd = openSync(path, mode);
    this.segBytes = mode === 'a' ? fstatSync(this.fd).size : 0;
    this.nextLine = rotation?.nextLine ?? 1;
  }

  /** Appends one event; the bound arrow form is what the engine's `journal` option takes. */
  readonly write = (event: JournalEvent): void => {
    this.writeLine(JSON.stringify(event));
  };

  /** Appends one already-serialised line (without the newline). */
  writeLine(line: string): void {
    if (this.fd === undefined) throw new Error(`journal ${this.path} is closed`);
    if (this.rotation && this.segBytes + this.pendingChars > 0) {
      if (this.segBytes + this.pendingChars + line.length + 1 > this.rotation.segmentBytes) this.rotate();
    }
    this.nextLine++;
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
    this.segBytes += buf.length;
  }

  /** Ends the segment (written and fsynced) and opens the next, starting at the next line. */
  private rotate(): void {
    const r = this.rotation!;
    this.flush();
    fsyncSync(this.fd!);
    closeSync(this.fd!);
    this.fd = undefined;
    this.path = r.fileFor(this.nextLine);
    this.fd = openSync(this.path, 'w');
    this.segBytes = 0;
    fsyncDir(dirname(this.path));
    r.afterRotate?.(this.path);
  }

  /**
   * Drops the lines not yet written and closes without flushing them (a rollback: the run is
   * rebuilt from its checkpoint, which cuts the files back anyway); safe to call twice.
   */
  discard(): void {
    this.pending = [];
    this.pendingChars = 0;
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
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
