import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  utimesSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { fsyncDir, writeFileAtomic } from '../live/atomicWrite.ts';
import { ColdKeys } from './coldKeys.ts';
import { digest64, type DigestIndex } from './digestIndex.ts';
import type { FeedLogRecord, FieldDigests } from './feedRecords.ts';
import { recordsOfLine } from './feedRecords.ts';
import { dedupMaxKeysFromEnv, dedupRetentionFromEnv, segmentsOutOfWindow } from './feedRetention.ts';

/** Segment size at which the log moves on to a new file. */
export const DEFAULT_SEGMENT_BYTES = 64 << 20;
/** Answers kept in memory for the most recent keys (older ones are read back from disk). */
export const DEFAULT_REPLY_WINDOW = 10_000;
/** Position encoding: segment id × 2^32 + byte offset (segments stay far below 4 GB). */
const SEG = 2 ** 32;

/** What is known about an acknowledged key: its answer and content digests. */
export interface KnownKey {
  reply: unknown;
  f: FieldDigests;
  /** The entry was logged and applied, but its answer was lost in a crash (it is re-derived only on replay). */
  recovered?: boolean;
}

/** Test hooks on the write path, to inject failures between the steps. */
export interface FeedLogHooks {
  /** Called before a batch is written (`entries` ahead of applying, `results` after). */
  beforeWrite?: (kind: 'entries' | 'results') => void;
  /** Called after the write, before its fsync. */
  beforeFsync?: (kind: 'entries' | 'results') => void;
}

/** Feed log settings. */
export interface FeedLogOptions {
  segmentBytes?: number;
  window?: number;
  /** How long a key is remembered (wall ms; default BINTWIN_FEED_DEDUP_DAYS, 7 days). */
  retentionMs?: number;
  /**
   * Keys held in memory before the oldest compacted segments' keys move to the on-disk runs
   * (default BINTWIN_FEED_DEDUP_MAX_KEYS, 2,000,000); they are still found there.
   */
  maxKeys?: number;
  /** Wall clock (tests move it). */
  now?: () => number;
  hooks?: FeedLogHooks;
}

/** One segment file. */
export interface Segment {
  id: number;
  file: string;
  bytes: number;
  /** Highest applied ordinal a result in it carries (0 when none). */
  maxN: number;
  /** Whether it still holds entry records (compaction removes them). */
  entries: boolean;
  /** Wall time (ms) of its newest record: the file's mtime at start-up, then each append. */
  newest: number;
  /** Its keys fell out of the retention window and were dropped from the index. */
  forgotten?: boolean;
  /** Its keys moved from memory to the on-disk runs (ColdKeys): past the key cap. */
  cold?: boolean;
}

/** What compaction leaves beside a segment (`<file>.meta`), so start-up can skip reading it. */
export interface SegmentMeta {
  bytes: number;
  /** Highest log sequence number any record of the segment carried (entries included). */
  maxQ: number;
  maxN: number;
}

/** The sidecar file of a compacted segment. */
export function segmentMetaFile(segmentFileName: string): string {
  return `${segmentFileName}.meta`;
}

/** Segment file name: the log before write-ahead logging was one `feed.ndjson` (segment 0). */
export function segmentFile(folder: string, id: number): string {
  return join(folder, id === 0 ? 'feed.ndjson' : `feed-${String(id).padStart(6, '0')}.ndjson`);
}

/**
 * The durable idempotency and write-ahead store of the feeds, in segment files of the run
 * folder. Appends are written and fsynced as one batch; a batch that fails is cut off again,
 * so the file never holds a batch the caller was told failed. Memory is bounded per key: a
 * 64-bit digest and a file position (DigestIndex, 21–43 bytes), plus the answers of the last
 * `window` keys; an older key's answer is read back from its segment. Opening (reading every
 * segment line by line) is in `openFeedLog`.
 */
export class FeedLog {
  private fd: number;
  private readonly window = new Map<string, KnownKey>();
  private readonly windowSize: number;
  private readonly segmentBytes: number;
  private readonly retentionMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;
  /** Positions of entries whose result is not written yet, by log sequence number. */
  private readonly pendingEntries: Map<number, number>;
  /** Set when a failed batch could not be cut off: no more appends until a restart. */
  broken: string | null = null;

  /** Use `openFeedLog`; this takes what it read. */
  constructor(
    readonly folder: string,
    readonly segments: Segment[],
    private readonly index: DigestIndex,
    /** Next log sequence number. */
    public nextQ: number,
    private readonly opts: FeedLogOptions = {},
    pending: Map<number, number> = new Map(),
    private readonly cold: ColdKeys = ColdKeys.open(folder),
  ) {
    this.pendingEntries = pending;
    this.windowSize = opts.window ?? DEFAULT_REPLY_WINDOW;
    this.segmentBytes = opts.segmentBytes ?? DEFAULT_SEGMENT_BYTES;
    this.retentionMs = opts.retentionMs ?? dedupRetentionFromEnv(process.env);
    this.maxKeys = opts.maxKeys ?? dedupMaxKeysFromEnv(process.env);
    this.now = opts.now ?? Date.now;
    if (segments.length === 0) segments.push(this.newSegment(1));
    this.fd = openSync(this.active.file, 'a');
  }

  private get active(): Segment {
    return this.segments.at(-1)!;
  }

  /** Keys known, and bytes the digest index holds. */
  stats(): {
    keys: number;
    indexBytes: number;
    windowKeys: number;
    segments: number;
    coldKeys: number;
    coldRuns: number;
    fenceBytes: number;
  } {
    const c = this.cold.stats();
    return {
      keys: this.index.size,
      indexBytes: this.index.bytes,
      windowKeys: this.window.size,
      segments: this.segments.length,
      coldKeys: c.keys,
      coldRuns: c.runs,
      fenceBytes: c.fenceBytes,
    };
  }

  /** What is known about a key, if it was acknowledged (memory first, then its segment). */
  get(key: string): KnownKey | undefined {
    const w = this.window.get(key);
    if (w) return w;
    const [h, l] = digest64(key);
    // Memory first; the on-disk runs only when no slot in memory is this key (a digest shared
    // with another key costs a read). A voided key is -1 in memory and absent from the runs.
    return (
      this.known(key, this.index.findDigest(h, l)) ??
      this.known(
        key,
        this.cold.find(h, l).filter((p) => !this.isForgotten(p)),
      )
    );
  }

  private known(key: string, positions: number[]): KnownKey | undefined {
    for (const pos of positions) {
      if (pos < 0) continue;
      const rec = this.readAt(pos);
      if (!rec || rec.k !== key) continue;
      if (rec.t === 'r') return { reply: rec.reply, f: rec.f };
      if (rec.t === 'e') return { reply: { recovered: true }, f: rec.f, recovered: true };
    }
    return undefined;
  }

  /**
   * Indexes a record at its position. An entry's key points at the entry until its result (or
   * void) arrives, which then takes the entry's slot: one slot per key. A voided key points
   * nowhere (-1), so a corrected message can be sent again under it.
   */
  static indexRecord(
    index: DigestIndex,
    pending: Map<number, number>,
    rec: FeedLogRecord,
    pos: number,
  ): void {
    if (rec.t === 'e') {
      index.set(rec.k, pos);
      pending.set(rec.q, pos);
      return;
    }
    const at = pending.get(rec.q);
    pending.delete(rec.q);
    index.set(rec.k, rec.t === 'v' ? -1 : pos, at);
  }

  /**
   * Appends serialised records as one batch and fsyncs it. On any failure the file is cut back
   * to where it was (and fsynced), so the batch is as if never written; if even that fails the
   * log is marked broken. Returns each record's position.
   */
  append(kind: 'entries' | 'results', recs: { rec: FeedLogRecord; line: string }[]): number[] {
    if (this.broken) throw new Error(`feed log unusable until restart: ${this.broken}`);
    if (recs.length === 0) return [];
    if (this.active.bytes >= this.segmentBytes && kind === 'entries') this.rotate();
    const seg = this.active;
    const start = seg.bytes;
    const positions: number[] = [];
    let off = start;
    const parts: Buffer[] = [];
    for (const r of recs) {
      const b = Buffer.from(r.line + '\n', 'utf8');
      positions.push(seg.id * SEG + off);
      off += b.length;
      parts.push(b);
    }
    const buf = Buffer.concat(parts);
    try {
      this.opts.hooks?.beforeWrite?.(kind);
      let w = 0;
      while (w < buf.length) w += writeSync(this.fd, buf, w, buf.length - w);
      this.opts.hooks?.beforeFsync?.(kind);
      fsyncSync(this.fd);
    } catch (err) {
      try {
        ftruncateSync(this.fd, start);
        fsyncSync(this.fd);
      } catch (cut) {
        this.broken = `a failed write could not be cut off: ${cut instanceof Error ? cut.message : String(cut)}`;
      }
      throw err;
    }
    seg.bytes = off;
    seg.newest = this.now();
    recs.forEach(({ rec }, i) => {
      if (rec.t === 'e') seg.entries = true;
      if (rec.t === 'r') seg.maxN = Math.max(seg.maxN, rec.n);
      FeedLog.indexRecord(this.index, this.pendingEntries, rec, positions[i]!);
      if (rec.t === 'r') this.remember(rec.k, { reply: rec.reply, f: rec.f });
      if (rec.t === 'v') this.window.delete(rec.k);
    });
    return positions;
  }

  private remember(key: string, k: KnownKey): void {
    this.window.delete(key);
    this.window.set(key, k);
    if (this.window.size > this.windowSize) this.window.delete(this.window.keys().next().value!);
  }

  private isForgotten(pos: number): boolean {
    const id = Math.floor(pos / SEG);
    return this.segments.find((s) => s.id === id)?.forgotten === true;
  }

  /**
   * The key cap: when the in-memory index holds more than `maxKeys`, the keys of the oldest
   * compacted segments (never the active one, nor one with entries still to replay) move to an
   * on-disk run until at most half the cap remain. They are still found (`get` reads the run),
   * so a retry is still answered and a reused id with other content still refused; only the
   * lookup of an old key costs a block read per run. Between checkpoints the index may exceed
   * the cap by the keys of segments not yet compacted. Returns the segments moved.
   */
  spill(): number[] {
    if (this.index.size <= this.maxKeys) return [];
    const perSeg = this.index.countBy((p) => Math.floor(p / SEG));
    let left = this.index.size;
    const take: number[] = [];
    for (const s of this.segments.slice(0, -1)) {
      if (left <= this.maxKeys / 2) break;
      if (s.forgotten || s.cold || s.entries) continue;
      take.push(s.id);
      left -= perSeg.get(s.id) ?? 0;
    }
    if (take.length === 0) return take;
    const ids = new Set(take);
    const moved = (p: number): boolean => ids.has(Math.floor(p / SEG));
    // The run is durable (and named in the manifest) before the keys leave memory: a failed
    // write leaves them where they were.
    this.cold.add(this.index.collect(moved), take, (p) => !this.isForgotten(p));
    this.index.retain((p) => !moved(p));
    for (const s of this.segments) if (ids.has(s.id)) s.cold = true;
    return take;
  }

  private rotate(): void {
    closeSync(this.fd);
    this.segments.push(this.newSegment(this.active.id + 1));
    this.fd = openSync(this.active.file, 'a');
    fsyncDir(this.folder);
    this.forgetOld();
  }

  private newSegment(id: number): Segment {
    return { id, file: segmentFile(this.folder, id), bytes: 0, maxN: 0, entries: false, newest: this.now() };
  }

  /**
   * The retention window: drops from the index (and the answers in memory) every key of the
   * closed segments whose newest record is older than the window, so a retry of such a key is
   * treated as new. Segment-granular: a key is remembered for at least the window, at most the
   * window plus one segment's span. The files stay (compaction still frees their entries).
   * Runs at each rotation and each compaction (checkpoint). Returns the segments forgotten.
   */
  forgetOld(): number[] {
    const ids = segmentsOutOfWindow(this.segments, this.retentionMs, this.now());
    if (ids.length === 0) return ids;
    const drop = new Set(ids);
    this.index.retain((pos) => !drop.has(Math.floor(pos / SEG)));
    for (const [q, pos] of this.pendingEntries)
      if (drop.has(Math.floor(pos / SEG))) this.pendingEntries.delete(q);
    for (const s of this.segments) if (drop.has(s.id)) s.forgotten = true;
    this.cold.forget((id) => this.segments.find((s) => s.id === id)?.forgotten === true);
    for (const key of [...this.window.keys()])
      if (!this.index.find(key).some((p) => p >= 0)) this.window.delete(key);
    return ids;
  }

  /**
   * Compaction at a checkpoint: every closed segment whose entries the checkpoint already holds
   * (results up to `applied`) is rewritten without its entry records — they are never replayed
   * again — keeping results (the idempotency answers) and voids. Atomic per segment (a temp
   * file renamed over it). Returns the bytes freed.
   */
  compact(applied: number): number {
    let freed = 0;
    for (const seg of this.segments.slice(0, -1)) {
      if (!seg.entries || seg.maxN > applied) continue;
      const text = readWhole(seg.file);
      const keep: string[] = [];
      const moves: { k: string; from: number; to: number }[] = [];
      let from = 0;
      let to = 0;
      let maxQ = 0;
      for (const line of text.split('\n')) {
        const len = Buffer.byteLength(line, 'utf8') + 1;
        if (line) {
          const recs = recordsOfLine(JSON.parse(line), 0);
          for (const r of recs) maxQ = Math.max(maxQ, r.q);
          for (const r of recs.filter((x) => x.t !== 'e')) {
            const out = JSON.stringify(r);
            if (r.t === 'r') moves.push({ k: r.k, from: seg.id * SEG + from, to: seg.id * SEG + to });
            keep.push(out);
            to += Buffer.byteLength(out, 'utf8') + 1;
          }
        }
        from += len;
      }
      const tmp = seg.file + '.compact';
      const fd = openSync(tmp, 'w');
      const buf = Buffer.from(keep.map((l) => l + '\n').join(''), 'utf8');
      let w = 0;
      while (w < buf.length) w += writeSync(fd, buf, w, buf.length - w);
      fsyncSync(fd);
      closeSync(fd);
      // Keep the segment's age across the rewrite: the retention window reads it at start-up.
      utimesSync(tmp, seg.newest / 1000, seg.newest / 1000);
      renameSync(tmp, seg.file);
      fsyncDir(this.folder);
      if (!seg.forgotten) for (const m of moves) this.index.set(m.k, m.to, m.from);
      freed += seg.bytes - buf.length;
      seg.bytes = buf.length;
      seg.entries = false;
      // Start-up skips reading a compacted segment whose keys are out of memory (cold or forgotten).
      const meta: SegmentMeta = { bytes: buf.length, maxQ, maxN: seg.maxN };
      writeFileAtomic(segmentMetaFile(seg.file), JSON.stringify(meta));
    }
    this.forgetOld();
    this.spill();
    return freed;
  }

  private readAt(pos: number): FeedLogRecord | undefined {
    const seg = this.segments.find((s) => s.id === Math.floor(pos / SEG));
    if (!seg || !existsSync(seg.file)) return undefined;
    const fd = openSync(seg.file, 'r');
    try {
      let size = 4096;
      for (;;) {
        const b = Buffer.alloc(size);
        const n = readSync(fd, b, 0, size, pos % SEG);
        const nl = b.subarray(0, n).indexOf(0x0a);
        if (nl >= 0 || n < size) {
          const line = b.subarray(0, nl >= 0 ? nl : n).toString('utf8');
          return (
            recordsOfLine(JSON.parse(line), 0).find((r) => r.t === 'r') ??
            recordsOfLine(JSON.parse(line), 0)[0]
          );
        }
        size *= 4;
      }
    } catch {
      return undefined;
    } finally {
      closeSync(fd);
    }
  }

  /** Closes the active segment. */
  close(): void {
    if (this.fd < 0) return;
    this.cold.close();
    closeSync(this.fd);
    this.fd = -1;
  }

  /** Removes every segment (tests). */
  destroy(): void {
    this.close();
    for (const s of this.segments) {
      rmSync(s.file, { force: true });
      rmSync(segmentMetaFile(s.file), { force: true });
    }
  }
}

function readWhole(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const b = Buffer.alloc(size);
    let off = 0;
    while (off < size) {
      const n = readSync(fd, b, off, size - off, off);
      if (n === 0) break;
      off += n;
    }
    return b.toString('utf8');
  } finally {
    closeSync(fd);
  }
}
