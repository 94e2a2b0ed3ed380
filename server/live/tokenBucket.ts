/**
 * A token bucket: `burst` tokens, refilled at `perSecond`. `take()` spends one if there is one;
 * `retryAfterMs()` says when the next will be there. Time comes from the caller-supplied clock
 * (wall ms), so tests can drive it.
 */
export class TokenBucket {
  private tokens: number;
  private at: number;

  /** Starts full. */
  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.at = now();
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.at) / 1000) * this.perSecond);
    this.at = t;
  }

  /** Spends a token; false when the bucket is empty. */
  take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Whether the bucket is full again (an idle key can be forgotten). */
  full(): boolean {
    this.refill();
    return this.tokens >= this.burst;
  }

  /** Milliseconds until a token is available (0 when one is). */
  retryAfterMs(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.perSecond) * 1000);
  }
}

/**
 * Token buckets by key (an IP address), bounded: at most `maxKeys` are kept, full buckets are
 * dropped first and then the oldest, so a flood of addresses cannot grow memory without bound.
 */
export class KeyedBuckets {
  private readonly buckets = new Map<string, TokenBucket>();

  /** Each key gets its own `perSecond`/`burst` bucket. */
  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly maxKeys = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The bucket of a key (created full). */
  get(key: string): TokenBucket {
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxKeys) this.prune();
      b = new TokenBucket(this.perSecond, this.burst, this.now);
      this.buckets.set(key, b);
    }
    return b;
  }

  /** Whether a key's bucket is empty right now (without spending). */
  limited(key: string): boolean {
    return this.buckets.get(key)?.retryAfterMs() ? true : false;
  }

  private prune(): void {
    for (const [k, b] of this.buckets) if (b.full()) this.buckets.delete(k);
    // Still full of active keys: forget the oldest half (Map keeps insertion order).
    if (this.buckets.size >= this.maxKeys) {
      let n = Math.floor(this.maxKeys / 2);
      for (const k of this.buckets.keys()) {
        if (n-- <= 0) break;
        this.buckets.delete(k);
      }
    }
  }
}
