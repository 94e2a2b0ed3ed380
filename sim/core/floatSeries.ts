/**
 * An append-only series of numbers on a growable Float64Array (optionally a rolling window). The M/M/c wait series gets one
 * push per customer for a whole run (a million at bench size): in a plain array every value
 * that is not a small integer becomes a heap number that lives as long as the run, so each
 * push promoted a young object and the array grew by copying boxed elements. Here a value is
 * eight bytes in one buffer and a push allocates nothing until the buffer doubles.
 *
 * Where the runtime has resizable ArrayBuffers (Node 20, current browsers) the buffer doubles in
 * place, up to a reserve, instead of into a fresh copy: growing by copy touched twice the
 * final size in new pages, and first-touch page faults were most of the series' cost at bench
 * size. Past the reserve (or without resizable buffers) it grows by copy as before.
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
    this.buf = allocate(cap);
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
    if (this.n === this.buf.length) this.grow();
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

  private grow(): void {
    const cap = this.buf.length * 2;
    const b = this.buf.buffer as Partial<ResizableBuffer>;
    if (b.resizable === true && b.resize && b.maxByteLength !== undefined && cap * 8 <= b.maxByteLength) {
      b.resize(cap * 8);
      this.buf = new Float64Array(b as ResizableBuffer, 0, cap);
      return;
    }
    const next = allocate(cap);
    next.set(this.buf);
    this.buf = next;
  }
}

/** The ES2024 resizable ArrayBuffer (the project's TypeScript lib is ES2022). */
interface ResizableBuffer extends ArrayBuffer {
  readonly resizable: boolean;
  readonly maxByteLength: number;
  resize(byteLength: number): void;
}

/** Bytes of address space a buffer reserves to grow in place: 16M values (128 MB, not memory until used). */
const RESERVE_BYTES = 2 ** 27;

const RESIZABLE = typeof (ArrayBuffer.prototype as Partial<ResizableBuffer>).resize === 'function';

/** A zeroed buffer for `cap` values, resizable up to the reserve where the runtime allows. */
function allocate(cap: number): Float64Array {
  if (!RESIZABLE) return new Float64Array(cap);
  const Ctor = ArrayBuffer as unknown as new (bytes: number, o: { maxByteLength: number }) => ResizableBuffer;
  return new Float64Array(new Ctor(cap * 8, { maxByteLength: Math.max(RESERVE_BYTES, cap * 8) }), 0, cap);
}
