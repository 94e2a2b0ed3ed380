/**
 * A FIFO of integers (exact up to 2^53) on a ring buffer of a typed array: O(1) push and shift,
 * no allocation once it has grown to its high-water mark (the engine's release and idle queues
 * see a push and a removal per customer).
 */
export class IntFifo {
  private buf: Float64Array;
  private mask: number;
  private head = 0;
  private n = 0;

  /** Starts with the given entries, oldest first. */
  constructor(initial: readonly number[] = []) {
    let cap = 16;
    while (cap < initial.length) cap *= 2;
    this.buf = new Float64Array(cap);
    this.mask = cap - 1;
    for (const v of initial) this.push(v);
  }

  /** Number of entries. */
  get size(): number {
    return this.n;
  }

  /** Appends an entry. */
  push(v: number): void {
    if (this.n === this.buf.length) this.grow();
    this.buf[(this.head + this.n) & this.mask] = v;
    this.n++;
  }

  /** Removes and returns the oldest entry, or -1 when empty. */
  shift(): number {
    if (this.n === 0) return -1;
    const v = this.buf[this.head]!;
    this.head = (this.head + 1) & this.mask;
    this.n--;
    return v;
  }

  /** The oldest entry without removing it, or -1. */
  peek(): number {
    return this.n > 0 ? this.buf[this.head]! : -1;
  }

  /** Removes the first occurrence of v; returns whether it was present. */
  remove(v: number): boolean {
    const i = this.indexOf(v);
    if (i < 0) return false;
    if (i === 0) {
      this.shift();
      return true;
    }
    // Close the gap by moving the later entries one place towards the head.
    const buf = this.buf;
    const mask = this.mask;
    for (let j = i + 1; j < this.n; j++) buf[(this.head + j - 1) & mask] = buf[(this.head + j) & mask]!;
    this.n--;
    return true;
  }

  /** The i-th oldest entry (0 = oldest), or -1 past the end. */
  at(i: number): number {
    return i >= 0 && i < this.n ? this.buf[(this.head + i) & this.mask]! : -1;
  }

  /** Whether v is queued. */
  has(v: number): boolean {
    return this.indexOf(v) >= 0;
  }

  /** Entries oldest first, as a plain array. */
  toArray(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.n; i++) out.push(this.buf[(this.head + i) & this.mask]!);
    return out;
  }

  /** Slots allocated (the high-water mark of growth, for structural tests). */
  get capacity(): number {
    return this.buf.length;
  }

  private indexOf(v: number): number {
    for (let i = 0; i < this.n; i++) if (this.buf[(this.head + i) & this.mask] === v) return i;
    return -1;
  }

  private grow(): void {
    const next = new Float64Array(this.buf.length * 2);
    for (let i = 0; i < this.n; i++) next[i] = this.buf[(this.head + i) & this.mask]!;
    this.buf = next;
    this.mask = next.length - 1;
    this.head = 0;
  }
}
