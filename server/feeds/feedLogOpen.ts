import {
  closeSync,
  createReadStream,
  existsSync,
  fstatSync,
  ftruncateSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
} from 'node:fs';
import { createInterface } from 'node:readline';
import { ColdKeys } from './coldKeys.ts';
import { DigestIndex } from './digestIndex.ts';
import {
  FeedLog,
  segmentFile,
  segmentMetaFile,
  type FeedLogOptions,
  type Segment,
  type SegmentMeta,
} from './feedLog.ts';
import { recordsOfLine, type EntryRecord } from './feedRecords.ts';
import { dedupRetentionFromEnv, segmentsOutOfWindow } from './feedRetention.ts';

/** Where a feed log line or entry that cannot be used goes, with its reason. */
export type Quarantine = (what: { reason: string; line?: string; record?: unknown }) => void;

/** A feed log read at start-up: the log, and the entries the resumed world must re-apply. */
export interface OpenedFeedLog {
  log: FeedLog;
  /**
   * Logged entries past the checkpoint (ordinal > `applied`), in log order, with the ordinal
   * each gets; a voided one (it threw while applied) is kept with its reason and no ordinal of
   * its own, so the replay records its quarantine exception where it happened.
   */
  backlog: (EntryRecord & { hasResult: boolean; voided?: string })[];
  /** Lines read, and lines quarantined because they could not be read. */
  lines: number;
  unreadable: number;
  /** Compacted segments not read at all: their keys are out of memory (forgotten or on disk). */
  skipped: number[];
}

const SEGMENT = /^feed(?:-(\d{6}))?\.ndjson$/;

/** The segment files of a run folder, oldest first. */
export function listSegments(folder: string): { id: number; file: string }[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .map((f) => SEGMENT.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({
      id: m[1] === undefined ? 0 : Number(m[1]),
      file: segmentFile(folder, m[1] === undefined ? 0 : Number(m[1])),
    }))
    .sort((a, b) => a.id - b.id);
}

/**
 * Opens the feed log of a run folder by streaming every segment line by line (never the whole
 * file in memory): indexes each key, cuts a torn last line (never acknowledged: a batch is
 * fsynced before its acknowledgements leave), quarantines lines that cannot be parsed, and
 * collects the entries after the checkpoint (`applied` = the resumed world's `mirror.applied`).
 */
export async function openFeedLog(
  folder: string,
  applied: number,
  quarantine: Quarantine,
  opts: FeedLogOptions = {},
): Promise<OpenedFeedLog> {
  const index = new DigestIndex();
  const segments: Segment[] = [];
  const kept: EntryRecord[] = [];
  const results = new Map<number, number>();
  const voided = new Map<number, string>();
  const pending = new Map<number, number>();
  let prevN = 0;
  let firstPrev: number | undefined;
  let lastN = 0;
  let q = 0;
  let lines = 0;
  let unreadable = 0;
  const retentionMs = opts.retentionMs ?? dedupRetentionFromEnv(process.env);
  const listed = listSegments(folder).map((s) => ({ ...s, newest: statSync(s.file).mtimeMs }));
  // Segments out of the retention window, or whose keys moved to the on-disk runs (the key
  // cap), are not indexed in memory, so both bounds hold across restarts. Such a segment is
  // read only if it may hold entries (not compacted): compacted, it holds only answers nobody
  // looks up in it at start-up, and its sequence numbers come from its meta file.
  const old = new Set(segmentsOutOfWindow(listed, retentionMs, (opts.now ?? Date.now)()));
  const cold = ColdKeys.open(folder);
  const coldSegs = cold.segments();
  const skipped: number[] = [];
  for (const { id, file, newest } of listed) {
    const bytes = cutTornTail(file);
    const forgotten = old.has(id);
    const seg: Segment = {
      id,
      file,
      bytes,
      maxN: 0,
      entries: false,
      newest,
      forgotten,
      cold: coldSegs.has(id),
    };
    segments.push(seg);
    const meta = forgotten || seg.cold ? readMeta(file, bytes) : undefined;
    if (meta && meta.maxN <= applied) {
      seg.maxN = meta.maxN;
      q = Math.max(q, meta.maxQ);
      lastN = Math.max(lastN, meta.maxN);
      prevN = lastN;
      skipped.push(id);
      continue;
    }
    let off = 0;
    const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    for await (const line of rl) {
      const pos = id * 2 ** 32 + off;
      off += Buffer.byteLength(line, 'utf8') + 1;
      if (!line) continue;
      lines++;
      let recs;
      try {
        recs = recordsOfLine(JSON.parse(line), ++q);
      } catch (err) {
        unreadable++;
        quarantine({
          reason: `unreadable feed log line (${file} @${pos % 2 ** 32}): ${String(err)}`,
          line: line.slice(0, 65536),
        });
        continue;
      }
      for (const r of recs) {
        q = Math.max(q, r.q);
        if (!forgotten && !seg.cold) FeedLog.indexRecord(index, pending, r, pos);
        if (r.t === 'e') {
          seg.entries = true;
          if (r.n > applied) {
            firstPrev ??= prevN;
            kept.push(r);
          }
        } else if (r.t === 'r') {
          seg.maxN = Math.max(seg.maxN, r.n);
          lastN = Math.max(lastN, r.n);
          if (r.n > applied) results.set(r.q, r.n);
        } else voided.set(r.q, r.reason);
      }
      prevN = lastN;
    }
  }
  // Ordinals: a result names the one an entry got; an entry without one (the crash came before
  // it was written) gets the next after the entry before it.
  let ord = firstPrev ?? applied;
  const backlog: OpenedFeedLog['backlog'] = [];
  for (const e of kept) {
    const reason = voided.get(e.q);
    if (reason !== undefined) {
      if (ord >= applied) backlog.push({ ...e, n: ord, hasResult: false, voided: reason });
      continue;
    }
    const n = results.get(e.q);
    ord = n ?? ord + 1;
    if (ord > applied) backlog.push({ ...e, n: ord, hasResult: n !== undefined });
  }
  const log = new FeedLog(folder, segments, index, q + 1, { ...opts, retentionMs }, pending, cold);
  // A lower cap than the last run had (or keys indexed since its last spill) takes effect now.
  log.spill();
  return { log, backlog, lines, unreadable, skipped };
}

/** A compacted segment's meta file, if it exists and matches the segment's size. */
function readMeta(file: string, bytes: number): SegmentMeta | undefined {
  const path = segmentMetaFile(file);
  if (!existsSync(path)) return undefined;
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as SegmentMeta;
    return m.bytes === bytes && Number.isFinite(m.maxQ) && Number.isFinite(m.maxN) ? m : undefined;
  } catch {
    return undefined;
  }
}

/** Cuts a file back to its last newline (a torn append) and returns its size. */
function cutTornTail(file: string): number {
  const fd = openSync(file, 'r+');
  try {
    const size = fstatSync(fd).size;
    let end = size;
    const b = Buffer.alloc(65536);
    while (end > 0) {
      const start = Math.max(0, end - b.length);
      const n = readSync(fd, b, 0, end - start, start);
      const nl = b.subarray(0, n).lastIndexOf(0x0a);
      if (nl >= 0) {
        end = start + nl + 1;
        break;
      }
      end = start;
    }
    if (end < size) {
      ftruncateSync(fd, end);
      fsyncSync(fd);
    }
    return end;
  } finally {
    closeSync(fd);
  }
}
