/**
 * A hash map from int32 keys to values, by open addressing (linear probing) on a typed key array,
 * with backward-shift deletion (no tombstones). The engine's in-flight orders and tasks churn one
 * insert and one delete per customer over a handful of live entries; a `Map` under that churn
 * keeps reallocating its hash table and drags every entry into the old generation, while this
 * table only ever grows to its high-water mark and allocates nothing per operation.
 *
 * Iteration (values(), entries(), keys()) is in ascending key order. The engine's keys are id
 * counters inserted in increasing order, so this is also the insertion order a `Map` would give:
 * code that iterates (snapshots, KPIs, views) sees exactly what it saw before.
 */
export class IntMap<V> {
  private keysArr: Int32Array;
  private vals: (V | undefined)[];
  private mask: number;
  private shift: number;
  private n = 0;

  /** An empty map; `capacity` is a hint of how many entries it will hold. */
  constructor(capacity = 16) {
    let bits = 4;
    while (1 << bits < capacity * 2) bits++;
    this.keysArr = new Int32Array(1 << bits);
    this.vals = new Array<V | undefined>(1 << bits).fill(undefined);
    this.mask = (1 << bits) - 1;
    this.shift = 32 - bits;
  }

  /** Number of entries. */
  get size(): number {
    return this.n;
  }

  /** Table slots allocated (the high-water mark of growth, for structural tests). */
  get capacity(): number {
    return this.keysArr.length;
  }

  /** The value stored under `key`, or undefined. */
  get(key: number): V | undefined {
    const keys = this.keysArr;
    const vals = this.vals;
    const mask = this.mask;
    let i = this.slot(key);
    for (;;) {
      const v = vals[i];
      if (v === undefined) return undefined;
      if (keys[i] === key) return v;
      i = (i + 1) & mask;
    }
  }

  /** Whether `key` is present. */
  has(key: number): boolean {
    return this.get(key) !== undefined;
  }

  /** Stores `value` under `key` (an int32; `value` must not be undefined). */
  set(key: number, value: V): this {
    if ((key | 0) !== key) throw new RangeError(`IntMap key ${key} is not a 32-bit integer`);
    if (value === undefined) throw new TypeError(`IntMap value for key ${key} is undefined`);
    const keys = this.keysArr;
    const vals = this.vals;
    let i = this.slot(key);
    for (;;) {
      if (vals[i] === undefined) break;
      if (keys[i] === key) {
        vals[i] = value;
        return this;
      }
      i = (i + 1) & this.mask;
    }
    keys[i] = key;
    vals[i] = value;
    // Load ≤ 1/2 keeps probe runs short.
    if (++this.n * 2 > keys.length) this.grow();
    return this;
  }

  /** Removes `key`; returns whether it was present. */
  delete(key: number): boolean {
    const keys = this.keysArr;
    const vals = this.vals;
    const mask = this.mask;
    let i = this.slot(key);
    for (;;) {
      const v = vals[i];
      if (v === undefined) return false;
      if (keys[i] === key) break;
      i = (i + 1) & mask;
    }
    // Backward shift: pull later entries of the probe run into the hole when their home slot
    // allows, so lookups never need tombstones.
    let hole = i;
    let j = i;
    for (;;) {
      j = (j + 1) & mask;
      const v = vals[j];
      if (v === undefined) break;
      const home = this.slot(keys[j]!);
      // Move j to hole unless its home lies cyclically in (hole, j].
      const inRun = hole <= j ? hole < home && home <= j : hole < home || home <= j;
      if (inRun) continue;
      keys[hole] = keys[j]!;
      vals[hole] = v;
      hole = j;
    }
    vals[hole] = undefined;
    this.n--;
    return true;
  }

  /** Removes every entry (capacity is kept). */
  clear(): void {
    this.vals.fill(undefined);
    this.n = 0;
  }

  /** Keys in ascending order. */
  keys(): number[] {
    return Array.from(this.sortedKeys());
  }

  /** Values in ascending key order. */
  values(): V[] {
    const keys = this.sortedKeys();
    const out = new Array<V>(keys.length);
    for (let i = 0; i < keys.length; i++) out[i] = this.get(keys[i]!)!;
    return out;
  }

  /** [key, value] pairs in ascending key order. */
  entries(): [number, V][] {
    return Array.from(this.sortedKeys(), (k) => [k, this.get(k)!]);
  }

  /**
   * Calls `fn` for every entry in table order (not key order): for scans that filter or sum
   * and do not care about order, with no allocation and no sort.
   */
  forEachUnordered(fn: (value: V, key: number) => void): void {
    const vals = this.vals;
    for (let i = 0; i < vals.length; i++) {
      const v = vals[i];
      if (v !== undefined) fn(v, this.keysArr[i]!);
    }
  }

  /** The keys, sorted by the typed array's native numeric sort (no comparator callback). */
  private sortedKeys(): Int32Array {
    const out = new Int32Array(this.n);
    const vals = this.vals;
    let j = 0;
    for (let i = 0; i < vals.length; i++) if (vals[i] !== undefined) out[j++] = this.keysArr[i]!;
    return out.sort();
  }

  /** Fibonacci hashing: the top bits of key × 2^32/φ. */
  private slot(key: number): number {
    return Math.imul(key, 0x9e3779b1) >>> this.shift;
  }

  private grow(): void {
    const oldKeys = this.keysArr;
    const oldVals = this.vals;
    const cap = oldKeys.length * 2;
    this.keysArr = new Int32Array(cap);
    this.vals = new Array<V | undefined>(cap).fill(undefined);
    this.mask = cap - 1;
    this.shift--;
    this.n = 0;
    for (let i = 0; i < oldVals.length; i++) {
      const v = oldVals[i];
      if (v !== undefined) this.set(oldKeys[i]!, v);
    }
  }
}
