/**
 * An append-only series of numbers on a growable Float64Array. The M/M/c wait series gets one
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

  /** Starts with the given values, in order. */
  constructor(initial: ArrayLike<number> = []) {
    let cap = 64;
    while (cap < initial.length) cap *= 2;
    this.buf = allocate(cap);
    for (let i = 0; i < initial.length; i++) this.buf[i] = initial[i]!;
    this.n = initial.length;
  }

  /** Number of values. */
  get length(): number {
    return this.n;
  }

  /** Appends a value. */
  push(v: number): void {
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
