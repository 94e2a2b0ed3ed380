import { describe, expect, it } from 'vitest';
import { kthSmallest } from './kthSmallest.ts';

/** A small deterministic generator, so the cases are the same on every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('kthSmallest', () => {
  it('gives what a full sort gives at every rank, with ties, zeros and negatives', () => {
    const rnd = lcg(7);
    for (const n of [1, 2, 3, 5, 17, 100, 1000]) {
      const xs = Array.from({ length: n }, () => {
        const u = rnd();
        // A third zeros (idle servers), some repeated values, some spread.
        return u < 0.33 ? 0 : u < 0.5 ? Math.floor(u * 10) : (u - 0.6) * 1e6;
      });
      const sorted = Float64Array.from(xs).sort();
      for (let k = 0; k < n; k++) expect(kthSmallest(xs, k)).toBe(sorted[k]);
    }
  });

  it('leaves the input in its order (the wait series feeds batch means afterwards)', () => {
    const xs = new Float64Array([5, 1, 4, 2, 3]);
    expect(kthSmallest(xs, 4)).toBe(5);
    expect(Array.from(xs)).toEqual([5, 1, 4, 2, 3]);
  });

  it('handles sorted, reversed and all-equal inputs', () => {
    const up = Array.from({ length: 500 }, (_, i) => i);
    expect(kthSmallest(up, 449)).toBe(449);
    expect(kthSmallest([...up].reverse(), 449)).toBe(449);
    expect(kthSmallest(new Array<number>(500).fill(3), 123)).toBe(3);
  });

  it('orders -0 before +0 and NaN last, as the typed-array sort does', () => {
    const xs = [3, NaN, 0, -0, -2, NaN, 0, 1e-310, -1e-310];
    const sorted = Float64Array.from(xs).sort();
    for (let k = 0; k < xs.length; k++) expect(Object.is(kthSmallest(xs, k), sorted[k])).toBe(true);
  });

  it('finds the rank inside one crowded bucket (values that differ only in low bits)', () => {
    const xs = Array.from({ length: 2000 }, (_, i) => 65536 + ((i * 7919) % 2000) / 1024);
    const sorted = Float64Array.from(xs).sort();
    for (const k of [0, 1, 999, 1800, 1999]) expect(kthSmallest(xs, k)).toBe(sorted[k]);
  });

  it('refuses a rank outside the values', () => {
    expect(() => kthSmallest([1, 2], 2)).toThrow(/k=2 outside 0..1/);
    expect(() => kthSmallest([], 0)).toThrow(RangeError);
  });
});
