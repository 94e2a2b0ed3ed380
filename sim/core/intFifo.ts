/**
 * A FIFO of integers on an array with a moving head: O(1) push and shift without the O(n)
 * cost of Array.shift, compacted lazily so a long run does not grow it without bound.
 */
export class IntFifo {
  private items: number[];
  private head = 0;

  /** Starts with the given entries, oldest first. */
  constructor(initial: readonly number[] = []) {
    this.items = [...initial];
  }

  /** Number of entries. */
  get size(): number {
    return this.items.length - this.head;
  }

  /** Appends an entry. */
  push(v: number): void {
    this.items.push(v);
  }

  /** Removes and returns the oldest entry, or -1 when empty. */
  shift(): number {
    if (this.head >= this.items.length) return -1;
    const v = this.items[this.head++]!;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return v;
  }

  /** The oldest entry without removing it, or -1. */
  peek(): number {
    return this.head < this.items.length ? this.items[this.head]! : -1;
  }

  /** Removes the first occurrence of v; returns whether it was present. */
  remove(v: number): boolean {
    const i = this.items.indexOf(v, this.head);
    if (i < 0) return false;
    this.items.splice(i, 1);
    return true;
  }

  /** The i-th oldest entry (0 = oldest), or -1 past the end. */
  at(i: number): number {
    const j = this.head + i;
    return j < this.items.length ? this.items[j]! : -1;
  }

  /** Whether v is queued. */
  has(v: number): boolean {
    return this.items.indexOf(v, this.head) >= 0;
  }

  /** Entries oldest first, as a plain array. */
  toArray(): number[] {
    return this.items.slice(this.head);
  }
}
