/**
 * A free list of reusable records. Hot paths that create and drop one record per customer
 * (orders, pick tasks, pick tours) take a dead record from here instead of allocating, so the
 * young generation stays quiet and nothing is promoted just for having lived a few sim-minutes.
 *
 * The free records carry no state anyone reads: a caller overwrites every field after take().
 * So a pool is not part of a run's saved state; a restored run starts with empty pools and
 * behaves identically (checkpoint-resume equality, test/determinism.test.ts).
 */
export class RecordPool<T> {
  private readonly free: T[] = [];
  private made = 0;

  /** `make` builds a blank record; at most `keep` free records are held. */
  constructor(
    private readonly make: () => T,
    private readonly keep = 4096,
  ) {}

  /** A record to overwrite: a freed one if any, else a new one. */
  take(): T {
    const r = this.free.pop();
    if (r !== undefined) return r;
    this.made++;
    return this.make();
  }

  /** Hands a dead record back; the caller must hold no reference to it any more. */
  give(r: T): void {
    if (this.free.length < this.keep) this.free.push(r);
  }

  /** Records this pool ever built (live plus free): flat once a run is warmed up. */
  get created(): number {
    return this.made;
  }

  /** Free records held now. */
  get idle(): number {
    return this.free.length;
  }
}
