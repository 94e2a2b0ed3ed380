import type { Logger } from 'pino';
import { KeyedBuckets } from './tokenBucket.ts';

/** Failed token attempts an address may make in a burst before it must wait. */
export const AUTH_FAILURE_BURST = 20;
/** Failed attempts per second an address earns back. */
export const AUTH_FAILURES_PER_SECOND = 1;

/**
 * Failed-authentication limiter per remote address, shared by HTTP and Socket.IO (viewer, trainer,
 * admin and device tokens). Guessing was 1,258 tries per second with no answer but 401; now each
 * failure spends a token, an empty bucket answers 429 with Retry-After, and the first refusal of
 * each block is logged with the address.
 */
export class AuthLimiter {
  private readonly buckets: KeyedBuckets;
  private readonly announced = new Set<string>();

  /** `now` is the wall clock (tests may drive it). */
  constructor(
    private readonly log: Logger,
    perSecond = AUTH_FAILURES_PER_SECOND,
    burst = AUTH_FAILURE_BURST,
    now: () => number = Date.now,
  ) {
    this.buckets = new KeyedBuckets(perSecond, burst, 10_000, now);
  }

  /** Milliseconds this address must wait before its next attempt is even checked (0 = go ahead). */
  blockedFor(address: string | undefined): number {
    const key = address ?? '?';
    const wait = this.buckets.limited(key) ? this.buckets.get(key).retryAfterMs() : 0;
    if (wait === 0) this.announced.delete(key);
    else if (!this.announced.has(key)) {
      this.announced.add(key);
      if (this.announced.size > 10_000) this.announced.clear();
      this.log.warn(
        { address: key, retryAfterMs: wait },
        'authentication rate-limited: too many failed tokens',
      );
    }
    return wait;
  }

  /** Records a failed attempt (`where`: which door, for the log). */
  failed(address: string | undefined, where: string): void {
    const key = address ?? '?';
    this.buckets.get(key).take();
    this.log.debug({ address: key, where }, 'failed token');
  }
}
