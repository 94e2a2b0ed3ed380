/**
 * An append-only series of numbers on a growable Float64Array (optionally a rolling window). The M/M/c wait series gets one
 * push per customer for a whole run (a million at bench size): in a plain array every value
 * that is not a small integer becomes a heap number that lives as long as the run, so each
 * push promoted a young object and the array grew by copying boxed elements. Here a value is
 * eight bytes in one buffer and a push allocates nothing until the buffer doubles.
 */
export class FloatSeries {
  private buf: Float64Array;
  private n = 0;
  /** Values let go from the front so far (a bounded series keeps only its newest ones). */
  private droppedCount: number;

  /**
   * Starts with the given values, in order. With a `max`, the series is a rolling window: when
   * a push finds it full, the older half is let go at once (one copy per max/2 pushes, so a
   * push stays O(1) amortised), so it always holds the newest max/2 … max values.
   */
  constructor(
    initial: ArrayLike<number> = [],
    private readonly max = Infinity,
    dropped = 0,
  ) {
    if (!(max >= 2)) throw new RangeError(`FloatSeries max must be at least 2, not ${max}`);
    let cap = 64;
    while (cap < initial.length) cap *= 2;
    this.buf = new Float64Array(cap);
    for (let i = 0; i < initial.length; i++) this.buf[i] = initial[i]!;
    this.n = initial.length;
    this.droppedCount = dropped;
  }

  /** How many values were let go from the front (0 for an unbounded series). */
  get dropped(): number {
    return this.droppedCount;
  }

  /** Number of values. */
  get length(): number {
    return this.n;
  }

  /** Appends a value. */
  push(v: number): void {
    if (this.n >= this.max) {
      const keep = Math.floor(this.max / 2);
      this.buf.copyWithin(0, this.n - keep, this.n);
      this.droppedCount += this.n - keep;
      this.n = keep;
    }
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
