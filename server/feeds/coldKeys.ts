import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { fsyncDir, writeFileAtomic } from '../live/atomicWrite.ts';

/** Bytes per key on disk: 64-bit digest (two uint32) and a float64 file position. */
export const COLD_RECORD_BYTES = 16;
/** Records per block: a lookup reads one 4 KB block (rarely two) per run. */
const BLOCK = 256;
/** Runs kept before they are merged into one, so a lookup costs at most this many reads (+1). */
const MAX_RUNS = 4;
/** The manifest naming the runs and the segments whose keys they hold. */
export const COLD_MANIFEST = 'feed-keys.json';

/** Slots taken out of the in-memory index, sorted by digest (hi, lo). */
export interface KeySlots {
  hi: Uint32Array;
  lo: Uint32Array;
  pos: Float64Array;
}

interface Run {
  file: string;
  count: number;
  /** Segment ids whose keys this run holds. */
  segs: number[];
  /** First digest of every block, as hi/lo pairs: 8 bytes per 256 keys in memory. */
  fence: Uint32Array;
  /** Open for lookups (every new key looks here once the cap was passed). */
  fd: number;
}

const before = (h1: number, l1: number, h2: number, l2: number): boolean => h1 < h2 || (h1 === h2 && l1 < l2);

/**
 * The keys past the in-memory cap (BINTWIN_FEED_DEDUP_MAX_KEYS): sorted runs of 16-byte
 * records (digest, file position) in the run folder, with a fence of each run's block starts
 * in memory. A lookup binary-searches the fence and reads one block per run, so a key evicted
 * from memory is still found, and its record read back from its segment (key compared, content
 * digests and all). Runs are merged into one when there are more than MAX_RUNS. Crash safety:
 * a run is fsynced before the manifest names it (atomic rename), and its keys leave memory only
 * after; a run the manifest does not name is removed at open.
 */
export class ColdKeys {
  private constructor(
    private readonly folder: string,
    private runs: Run[],
    private seq: number,
  ) {}

  private readonly block = Buffer.alloc(BLOCK * COLD_RECORD_BYTES);

  /** Reads the manifest of `folder` (none: no cold keys) and each run's fence. */
  static open(folder: string): ColdKeys {
    const path = join(folder, COLD_MANIFEST);
    const listed = existsSync(path)
      ? (
          JSON.parse(readFileSync(path, 'utf8')) as {
            runs: { file: string; count: number; segs: number[] }[];
          }
        ).runs
      : [];
    const runs = listed.map((r) => ({
      ...r,
      fence: readFence(join(folder, r.file), r.count),
      fd: openSync(join(folder, r.file), 'r'),
    }));
    const named = new Set(runs.map((r) => r.file));
    let seq = 0;
    if (existsSync(folder))
      for (const f of readdirSync(folder)) {
        const m = /^feed-keys-(\d+)\.idx$/.exec(f);
        if (!m) continue;
        seq = Math.max(seq, Number(m[1]));
        if (!named.has(f)) rmSync(join(folder, f), { force: true });
      }
    return new ColdKeys(folder, runs, seq);
  }

  /** Segments whose keys live here (not in memory). */
  segments(): Set<number> {
    return new Set(this.runs.flatMap((r) => r.segs));
  }

  /** Keys stored in all runs, and the bytes of memory their fences take. */
  stats(): { keys: number; runs: number; fenceBytes: number } {
    return {
      keys: this.runs.reduce((n, r) => n + r.count, 0),
      runs: this.runs.length,
      fenceBytes: this.runs.reduce((n, r) => n + r.fence.byteLength, 0),
    };
  }

  /** Every position stored under digest (h, l). */
  find(h: number, l: number): number[] {
    const out: number[] = [];
    for (const run of this.runs) {
      const blocks = run.fence.length / 2;
      // Last block whose first digest is strictly before (h, l): equal digests may start there.
      let a = 0;
      let b = blocks;
      while (a < b) {
        const m = (a + b) >> 1;
        if (before(run.fence[2 * m]!, run.fence[2 * m + 1]!, h, l)) a = m + 1;
        else b = m;
      }
      const buf = this.block;
      for (let blk = Math.max(0, a - 1); blk < blocks; blk++) {
        const n = readSync(run.fd, buf, 0, buf.length, blk * buf.length) / COLD_RECORD_BYTES;
        let past = false;
        for (let i = 0; i < n && !past; i++) {
          const rh = buf.readUInt32LE(i * 16);
          const rl = buf.readUInt32LE(i * 16 + 4);
          if (rh === h && rl === l) out.push(buf.readDoubleLE(i * 16 + 8));
          else past = before(h, l, rh, rl);
        }
        if (past) break;
      }
    }
    return out;
  }

  /** Writes `slots` (sorted) as a new run holding the keys of `segs`; merges when runs pile up. */
  add(slots: KeySlots, segs: number[], keep: (pos: number) => boolean): void {
    const file = `feed-keys-${String(++this.seq).padStart(6, '0')}.idx`;
    const w = new RunWriter(join(this.folder, file));
    for (let i = 0; i < slots.hi.length; i++) w.put(slots.hi[i]!, slots.lo[i]!, slots.pos[i]!);
    this.runs.push({ file, segs, ...w.finish(), fd: openSync(join(this.folder, file), 'r') });
    this.saveManifest();
    if (this.runs.length > MAX_RUNS) this.merge(keep);
  }

  /** Drops the runs whose segments all left the retention window (`forgotten`). */
  forget(forgotten: (seg: number) => boolean): void {
    const gone = this.runs.filter((r) => r.segs.every(forgotten));
    if (gone.length === 0) return;
    this.runs = this.runs.filter((r) => !gone.includes(r));
    this.saveManifest();
    for (const r of gone) {
      closeSync(r.fd);
      rmSync(join(this.folder, r.file), { force: true });
    }
  }

  /** k-way merge of every run into one, streaming block by block (never all keys in memory). */
  private merge(keep: (pos: number) => boolean): void {
    const old = this.runs;
    const file = `feed-keys-${String(++this.seq).padStart(6, '0')}.idx`;
    const w = new RunWriter(join(this.folder, file));
    const readers = old.map((r) => new RunReader(join(this.folder, r.file)));
    for (;;) {
      let best = -1;
      for (let i = 0; i < readers.length; i++) {
        const r = readers[i]!;
        if (!r.done && (best < 0 || before(r.h, r.l, readers[best]!.h, readers[best]!.l))) best = i;
      }
      if (best < 0) break;
      const r = readers[best]!;
      if (keep(r.p)) w.put(r.h, r.l, r.p);
      r.next();
    }
    for (const r of readers) r.close();
    this.runs = [
      { file, segs: old.flatMap((r) => r.segs), ...w.finish(), fd: openSync(join(this.folder, file), 'r') },
    ];
    this.saveManifest();
    for (const r of old) {
      closeSync(r.fd);
      rmSync(join(this.folder, r.file), { force: true });
    }
  }

  /** Closes the run files. */
  close(): void {
    for (const r of this.runs) closeSync(r.fd);
    this.runs = [];
  }

  private saveManifest(): void {
    const runs = this.runs.map(({ file, count, segs }) => ({ file, count, segs }));
    writeFileAtomic(join(this.folder, COLD_MANIFEST), JSON.stringify({ runs }));
  }
}

/** Reads the first digest of each block of a run file. */
function readFence(file: string, count: number): Uint32Array {
  const blocks = Math.ceil(count / BLOCK);
  const fence = new Uint32Array(blocks * 2);
  const fd = openSync(file, 'r');
  try {
    const b = Buffer.alloc(8);
    for (let i = 0; i < blocks; i++) {
      readSync(fd, b, 0, 8, i * BLOCK * COLD_RECORD_BYTES);
      fence[2 * i] = b.readUInt32LE(0);
      fence[2 * i + 1] = b.readUInt32LE(4);
    }
  } finally {
    closeSync(fd);
  }
  return fence;
}

/** Appends sorted records to a new run file in 64 KB writes, collecting its fence; fsyncs at the end. */
class RunWriter {
  private readonly fd: number;
  private readonly buf = Buffer.alloc(4096 * COLD_RECORD_BYTES);
  private used = 0;
  private count = 0;
  private fence: number[] = [];

  constructor(private readonly file: string) {
    this.fd = openSync(file, 'w');
  }

  put(h: number, l: number, p: number): void {
    if (this.count % BLOCK === 0) this.fence.push(h, l);
    this.buf.writeUInt32LE(h, this.used);
    this.buf.writeUInt32LE(l, this.used + 4);
    this.buf.writeDoubleLE(p, this.used + 8);
    this.used += COLD_RECORD_BYTES;
    this.count++;
    if (this.used === this.buf.length) this.flush();
  }

  private flush(): void {
    let w = 0;
    while (w < this.used) w += writeSync(this.fd, this.buf, w, this.used - w);
    this.used = 0;
  }

  finish(): { count: number; fence: Uint32Array } {
    this.flush();
    fsyncSync(this.fd);
    closeSync(this.fd);
    fsyncDir(join(this.file, '..'));
    return { count: this.count, fence: Uint32Array.from(this.fence) };
  }
}

/** Reads a run file record by record through a 64 KB buffer (for the merge). */
class RunReader {
  private readonly fd: number;
  private readonly buf = Buffer.alloc(4096 * COLD_RECORD_BYTES);
  private have = 0;
  private at = 0;
  private off = 0;
  done = false;
  h = 0;
  l = 0;
  p = 0;

  constructor(file: string) {
    this.fd = openSync(file, 'r');
    this.next();
  }

  next(): void {
    if (this.at >= this.have) {
      this.have = readSync(this.fd, this.buf, 0, this.buf.length, this.off);
      this.off += this.have;
      this.at = 0;
      if (this.have < COLD_RECORD_BYTES) {
        this.done = true;
        return;
      }
    }
    this.h = this.buf.readUInt32LE(this.at);
    this.l = this.buf.readUInt32LE(this.at + 4);
    this.p = this.buf.readDoubleLE(this.at + 8);
    this.at += COLD_RECORD_BYTES;
  }

  close(): void {
    closeSync(this.fd);
  }
}
