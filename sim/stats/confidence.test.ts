import { describe, expect, it } from 'vitest';
import { meanInterval, pairedDifference } from './confidence.ts';

describe('meanInterval', () => {
  it('gives mean ± t(0.975, n−1)·s/√n, computed by hand', () => {
    // 1..5: mean 3, s² = 10/4 = 2.5, s/√n = √0.5, t(0.975, 4) = 2.776445105197799.
    const ci = meanInterval([1, 2, 3, 4, 5]);
    expect(ci.mean).toBe(3);
    expect(ci.sd).toBeCloseTo(Math.sqrt(2.5), 14);
    expect(ci.halfWidth).toBeCloseTo(2.776445105197799 * Math.sqrt(0.5), 12);
    expect(ci.halfWidth).toBeCloseTo(1.9632431614775572, 12);
    expect(ci.lo).toBeCloseTo(3 - 1.9632431614775572, 12);
    expect(ci.hi).toBeCloseTo(3 + 1.9632431614775572, 12);
  });

  it('has no interval from one observation, and none from zero', () => {
    expect(meanInterval([4])).toMatchObject({ n: 1, mean: 4, halfWidth: null, lo: null });
    expect(() => meanInterval([])).toThrow(/no observations/);
  });
});

describe('pairedDifference', () => {
  it('finds a difference the unpaired intervals hide', () => {
    const base = [10, 12, 11, 13];
    const variant = [11, 14, 12, 15];
    // d = 1, 2, 1, 2: mean 1.5, s = √(1/3), t(0.975, 3) = 3.182446305284263 → ± 0.9186931155185393.
    const d = pairedDifference(base, variant);
    expect(d.mean).toBe(1.5);
    expect(d.halfWidth).toBeCloseTo((3.182446305284263 * Math.sqrt(1 / 3)) / 2, 12);
    expect(d.halfWidth).toBeCloseTo(0.9186931155185393, 12);
    expect(d.verdict).toBe('higher');
    // The two separate CIs overlap, so an unpaired look would see nothing.
    const a = meanInterval(base);
    const b = meanInterval(variant);
    expect(a.hi!).toBeGreaterThan(b.lo!);
    expect(pairedDifference(variant, base).verdict).toBe('lower');
  });

  it('says no difference detected when the interval covers zero', () => {
    const d = pairedDifference([5, 5, 5, 5], [6, 4, 7, 3]);
    expect(d.mean).toBe(0);
    expect(d.verdict).toBe('no-difference-detected');
    expect(pairedDifference([1], [2]).verdict).toBe('too-few');
    expect(() => pairedDifference([1, 2], [1])).toThrow(/2 baseline vs 1 variant/);
  });
});
