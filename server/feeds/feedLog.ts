import type { FeedEntry } from '../../sim/mirror/feedEntry.ts';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';

/** One acknowledged feed message: its idempotency key and the answer it got. */
export interface FeedRecord {
  key: string;
  /** Wall-clock ISO time of acceptance. */
  at: string;
  /** The answer sent (repeated verbatim to a duplicate). */
  reply: unknown;
  /** Journal event ids the message produced. */
  events?: string[];
  /** The message itself, to re-apply it after a crash (absent in logs written before resume replay). */
  entry?: FeedEntry;
  /** Sim time it was applied at. */
  simTime?: number;
  /** Engine events processed when it was applied (a check on the replay's position). */
  ev?: number;
  /** Its ordinal among applied entries (1-based; the world's `mirror.applied` after applying it). */
  n?: number;
}

/**
 * The durable idempotency store of the feeds: an append-only NDJSON file of acknowledged
 * messages, fsynced (group commit) before their acknowledgements leave, and read back at start,
 * so a client event id or EPCIS event id is applied once even across restarts.
 */
export class FeedLog {
  private fd: number | undefined;
  private readonly seen = new Map<string, FeedRecord>();
  private pending: string[] = [];

  /** Opens (creating) the log at `path` and loads every key in it; a torn last line is ignored. */
  constructor(readonly path: string) {
    if (existsSync(path)) {
      const text = readFileSync(path, 'utf8');
      // A torn last line (a crash mid-append) was never acknowledged: cut it, so appends start clean.
      const end = text.lastIndexOf('\n') + 1;
      if (end < text.length) truncateSync(path, Buffer.byteLength(text.slice(0, end), 'utf8'));
      for (const line of text.slice(0, end).split('\n')) {
        if (!line) continue;
        try {
          const r = JSON.parse(line) as FeedRecord;
          this.seen.set(r.key, r);
        } catch {
          // Only the last line can be torn (a crash mid-append); it was never acknowledged.
        }
      }
    }
    this.fd = openSync(path, 'a');
  }

  /** The record of a key already acknowledged, if any. */
  get(key: string): FeedRecord | undefined {
    return this.seen.get(key);
  }

  /** Adds a record (visible to `get` at once; durable after `sync`). */
  add(r: FeedRecord): void {
    this.seen.set(r.key, r);
    this.pending.push(JSON.stringify(r) + '\n');
  }

  /** Writes and fsyncs everything added. */
  sync(): void {
    if (this.fd === undefined || this.pending.length === 0) return;
    const buf = Buffer.from(this.pending.join(''), 'utf8');
    this.pending = [];
    let off = 0;
    while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off);
    fsyncSync(this.fd);
  }

  /** Every record, in acceptance order. */
  records(): IterableIterator<FeedRecord> {
    return this.seen.values();
  }

  /** Number of keys known. */
  get size(): number {
    return this.seen.size;
  }

  /** Syncs and closes. */
  close(): void {
    if (this.fd === undefined) return;
    this.sync();
    closeSync(this.fd);
    this.fd = undefined;
  }
}
