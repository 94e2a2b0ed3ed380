/** One pending event as saved in a snapshot: [time, priority, seq, kind, a, b]. */
export type QueuedEventTuple = [number, number, number, number, number, number];

/** Saved state of the future-event list. */
export interface EventQueueState {
  nextSeq: number;
  events: QueuedEventTuple[];
}

/**
 * The future-event list: a binary min-heap ordered by (time, priority, sequence). The explicit
 * sequence number breaks ties in insertion order, so simultaneous events run in the same order
 * on every run and after a restore. Fields live in parallel typed arrays (no object per event):
 * the M/M/c benchmark pushes and pops millions of events a second through here.
 * An event is an integer kind plus two integer arguments; handlers look up their own data.
 */
export class EventQueue {
  private time = new Float64Array(1024);
  private prio = new Int32Array(1024);
  private seq = new Float64Array(1024);
  private kind = new Int32Array(1024);
  private a = new Float64Array(1024);
  private b = new Float64Array(1024);
  private n = 0;
  private nextSeq = 0;

  /** Fields of the most recently popped event. */
  popped = { time: 0, priority: 0, seq: 0, kind: 0, a: 0, b: 0 };

  /** Number of pending events. */
  get size(): number {
    return this.n;
  }

  /** Time of the next event, or Infinity when empty. */
  peekTime(): number {
    return this.n > 0 ? this.time[0]! : Infinity;
  }

  /** Schedules an event; lower priority runs first among events at the same time. */
  push(time: number, priority: number, kind: number, a = 0, b = 0): void {
    if (this.n === this.time.length) this.grow();
    let i = this.n++;
    const s = this.nextSeq++;
    // Sift up: move parents down until the slot for the new event is found.
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(time, priority, s, p)) break;
      this.copy(p, i);
      i = p;
    }
    this.set(i, time, priority, s, kind, a, b);
  }

  /** Removes the earliest event into `popped`; returns false when empty. */
  pop(): boolean {
    if (this.n === 0) return false;
    const o = this.popped;
    o.time = this.time[0]!;
    o.priority = this.prio[0]!;
    o.seq = this.seq[0]!;
    o.kind = this.kind[0]!;
    o.a = this.a[0]!;
    o.b = this.b[0]!;
    const last = --this.n;
    if (last > 0) {
      const t = this.time[last]!;
      const pr = this.prio[last]!;
      const s = this.seq[last]!;
      const k = this.kind[last]!;
      const ea = this.a[last]!;
      const eb = this.b[last]!;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= last) break;
        const r = l + 1;
        const c = r < last && this.lessIdx(r, l) ? r : l;
        if (!this.lessThan(c, t, pr, s)) break;
        this.copy(c, i);
        i = c;
      }
      this.set(i, t, pr, s, k, ea, eb);
    }
    return true;
  }

  /** Plain JSON state (heap order kept, so a restored queue pops identically). */
  state(): EventQueueState {
    const events: QueuedEventTuple[] = [];
    for (let i = 0; i < this.n; i++) {
      events.push([this.time[i]!, this.prio[i]!, this.seq[i]!, this.kind[i]!, this.a[i]!, this.b[i]!]);
    }
    return { nextSeq: this.nextSeq, events };
  }

  /** Rebuilds a queue from saved state. */
  static restore(state: EventQueueState): EventQueue {
    const q = new EventQueue();
    while (q.time.length < state.events.length) q.grow();
    state.events.forEach(([t, p, s, k, a, b], i) => q.set(i, t, p, s, k, a, b));
    q.n = state.events.length;
    q.nextSeq = state.nextSeq;
    return q;
  }

  private less(t: number, p: number, s: number, j: number): boolean {
    const tj = this.time[j]!;
    if (t !== tj) return t < tj;
    const pj = this.prio[j]!;
    if (p !== pj) return p < pj;
    return s < this.seq[j]!;
  }

  private lessThan(j: number, t: number, p: number, s: number): boolean {
    const tj = this.time[j]!;
    if (tj !== t) return tj < t;
    const pj = this.prio[j]!;
    if (pj !== p) return pj < p;
    return this.seq[j]! < s;
  }

  private lessIdx(i: number, j: number): boolean {
    return this.less(this.time[i]!, this.prio[i]!, this.seq[i]!, j);
  }

  private copy(from: number, to: number): void {
    this.time[to] = this.time[from]!;
    this.prio[to] = this.prio[from]!;
    this.seq[to] = this.seq[from]!;
    this.kind[to] = this.kind[from]!;
    this.a[to] = this.a[from]!;
    this.b[to] = this.b[from]!;
  }

  private set(i: number, t: number, p: number, s: number, k: number, a: number, b: number): void {
    this.time[i] = t;
    this.prio[i] = p;
    this.seq[i] = s;
    this.kind[i] = k;
    this.a[i] = a;
    this.b[i] = b;
  }

  private grow(): void {
    const cap = this.time.length * 2;
    const growF = (x: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => {
      const y = new Float64Array(cap);
      y.set(x);
      return y;
    };
    const growI = (x: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
      const y = new Int32Array(cap);
      y.set(x);
      return y;
    };
    this.time = growF(this.time);
    this.prio = growI(this.prio);
    this.seq = growF(this.seq);
    this.kind = growI(this.kind);
    this.a = growF(this.a);
    this.b = growF(this.b);
  }
}
