/** Bytes of memory per slot of a DigestIndex: a 64-bit digest and an 8-byte file position. */
export const DIGEST_SLOT_BYTES = 16;
/** Largest share of slots in use before the table doubles. */
const MAX_LOAD = 0.75;

/**
 * 64-bit digest of a string as two 32-bit halves (FNV-1a and a multiply-xorshift variant, over
 * UTF-16 code units): cheap enough for millions of keys at start-up. A digest is only a hint —
 * every hit is confirmed against the key stored on disk — so collisions cost a read, never a
 * wrong answer.
 */
export function digest64(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  // Zero marks an empty slot: keep the low half odd.
  return [a >>> 0, (b | 1) >>> 0];
}

/**
 * An open-addressing hash table (linear probing) from 64-bit key digests to a file position
 * (a float64), in flat typed arrays: 16 bytes a slot, at most 75 % full, so 21–43 bytes per
 * key and no per-key objects for the garbage collector. Several keys may share a digest; `find`
 * visits every position stored under it.
 */
export class DigestIndex {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private pos: Float64Array;
  private used = 0;

  /** An empty table sized for about `expected` keys. */
  constructor(expected = 1024) {
    let cap = 1024;
    while (cap * MAX_LOAD < expected) cap *= 2;
    this.hi = new Uint32Array(cap);
    this.lo = new Uint32Array(cap);
    this.pos = new Float64Array(cap);
  }

  /** Keys stored. */
  get size(): number {
    return this.used;
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.hi.length * DIGEST_SLOT_BYTES;
  }

  /** Stores `position` under the digest of `key`, replacing the position `replace` if given and present. */
  set(key: string, position: number, replace?: number): void {
    const [h, l] = digest64(key);
    if (replace !== undefined) {
      const mask = this.hi.length - 1;
      for (let i = (h ^ l) & mask; this.lo[i] !== 0; i = (i + 1) & mask)
        if (this.hi[i] === h && this.lo[i] === l && this.pos[i] === replace) {
          this.pos[i] = position;
          return;
        }
    }
    if ((this.used + 1) / this.hi.length > MAX_LOAD) this.grow();
    this.insert(h, l, position);
    this.used++;
  }

  /** Every position stored under the digest of `key` (usually zero or one). */
  find(key: string): number[] {
    const [h, l] = digest64(key);
    return this.findDigest(h, l);
  }

  /** Every position stored under the digest (h, l) (for keys moved to disk and back). */
  findDigest(h: number, l: number): number[] {
    const mask = this.hi.length - 1;
    const out: number[] = [];
    for (let i = (h ^ l) & mask; this.lo[i] !== 0; i = (i + 1) & mask)
      if (this.hi[i] === h && this.lo[i] === l) out.push(this.pos[i]!);
    return out;
  }

  /** Keys (live slots, not voided) per group `groupOf(position)`, e.g. per segment. */
  countBy(groupOf: (position: number) => number): Map<number, number> {
    const out = new Map<number, number>();
    for (let i = 0; i < this.hi.length; i++)
      if (this.lo[i] !== 0 && this.pos[i]! >= 0) {
        const g = groupOf(this.pos[i]!);
        out.set(g, (out.get(g) ?? 0) + 1);
      }
    return out;
  }

  /**
   * Copies of the slots whose position passes `select`, sorted by digest (hi, lo), for a run
   * file on disk; the caller removes them with `retain` once the run is durable.
   */
  collect(select: (position: number) => boolean): { hi: Uint32Array; lo: Uint32Array; pos: Float64Array } {
    const slots: number[] = [];
    for (let i = 0; i < this.hi.length; i++)
      if (this.lo[i] !== 0 && this.pos[i]! >= 0 && select(this.pos[i]!)) slots.push(i);
    const { hi, lo, pos } = this;
    slots.sort((a, b) => hi[a]! - hi[b]! || lo[a]! - lo[b]! || pos[a]! - pos[b]!);
    return {
      hi: Uint32Array.from(slots, (i) => hi[i]!),
      lo: Uint32Array.from(slots, (i) => lo[i]!),
      pos: Float64Array.from(slots, (i) => pos[i]!),
    };
  }

  /**
   * Keeps only the slots whose position passes `keep` (and never a voided -1, which answers
   * nothing), rebuilding the table at the size the survivors need, so it shrinks again after a
   * retention window drops a segment's keys. Linear probing has no cheap delete; a rebuild once
   * per dropped segment is.
   */
  retain(keep: (position: number) => boolean): void {
    const { hi, lo, pos } = this;
    let n = 0;
    for (let i = 0; i < hi.length; i++) if (lo[i] !== 0 && pos[i]! >= 0 && keep(pos[i]!)) n++;
    let cap = 1024;
    while (cap * MAX_LOAD < n) cap *= 2;
    this.hi = new Uint32Array(cap);
    this.lo = new Uint32Array(cap);
    this.pos = new Float64Array(cap);
    for (let i = 0; i < hi.length; i++)
      if (lo[i] !== 0 && pos[i]! >= 0 && keep(pos[i]!)) this.insert(hi[i]!, lo[i]!, pos[i]!);
    this.used = n;
  }

  private insert(h: number, l: number, position: number): void {
    const mask = this.hi.length - 1;
    let i = (h ^ l) & mask;
    while (this.lo[i] !== 0) i = (i + 1) & mask;
    this.hi[i] = h;
    this.lo[i] = l;
    this.pos[i] = position;
  }

  private grow(): void {
    const { hi, lo, pos } = this;
    this.hi = new Uint32Array(hi.length * 2);
    this.lo = new Uint32Array(hi.length * 2);
    this.pos = new Float64Array(hi.length * 2);
    for (let i = 0; i < hi.length; i++) if (lo[i] !== 0) this.insert(hi[i]!, lo[i]!, pos[i]!);
  }
}
