/**
 * An append-only series of numbers on a growable Float64Array. The M/M/c wait series gets one
 * push per customer for a whole run (a million at bench size): in a plain array every value
 * that is not a small integer becomes a heap number that lives as long as the run, so each
 * push promoted a young object and the array grew by copying boxed elements. Here a value is
 * eight bytes in one buffer and a push allocates nothing until the buffer doubles.
 */
export class FloatSeries {
  private buf: Float64Array;
  private n = 0;

  /** Starts with the given values, in order. */
  constructor(initial: ArrayLike<number> = []) {
    let cap = 64;
    while (cap < initial.length) cap *= 2;
    this.buf = new Float64Array(cap);
    for (let i = 0; i < initial.length; i++) this.buf[i] = initial[i]!;
    this.n = initial.length;
  }

  /** Number of values. */
  get length(): number {
    return this.n;
  }

  /** Appends a value. */
  push(v: number): void {
    if (this.n === this.buf.length) {
      const next = new Float64Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.n++] = v;
  }

  /** The values as a view on the buffer (valid until the next push; do not keep it). */
  view(): Float64Array {
    return this.buf.subarray(0, this.n);
  }

  /** The values as a plain array (snapshots are plain JSON). */
  toArray(): number[] {
    return Array.from(this.view());
  }
}
