import { describe, expect, it } from 'vitest';
import { KeyedBuckets, TokenBucket } from './tokenBucket.ts';

describe('token buckets', () => {
  it('spends a burst, then refills at the rate, and says when the next token comes', () => {
    let now = 0;
    const b = new TokenBucket(2, 3, () => now);
    expect([b.take(), b.take(), b.take(), b.take()]).toEqual([true, true, true, false]);
    expect(b.retryAfterMs()).toBe(500);
    now += 500;
    expect(b.take()).toBe(true);
    expect(b.take()).toBe(false);
    now += 10_000;
    expect(b.full()).toBe(true);
  });

  it('keeps at most maxKeys buckets, dropping full ones first', () => {
    let now = 0;
    const k = new KeyedBuckets(1, 1, 4, () => now);
    k.get('busy').take();
    for (let i = 0; i < 20; i++) k.get(`ip${i}`);
    expect(k.limited('busy')).toBe(true);
    now += 1000;
    expect(k.limited('busy')).toBe(false);
  });
});
