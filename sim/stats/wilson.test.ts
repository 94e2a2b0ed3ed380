import { describe, expect, it } from 'vitest';
import { wilsonInterval } from './wilson.ts';
import { normalQuantile } from './normalQuantile.ts';

describe('wilsonInterval', () => {
  it('matches hand-computed Wilson intervals', () => {
    // 8 of 10 at 95 %: centre (0.8 + 1.92/10)/(1.384) = 0.7168, half 0.2234 → [0.4902, 0.9433].
    const a = wilsonInterval(8, 10);
    expect(a.lo).toBeCloseTo(0.4902, 3);
    expect(a.hi).toBeCloseTo(0.9433, 3);
    // All 20 made it: the interval still says the share could be as low as 0.839.
    const b = wilsonInterval(20, 20);
    expect(b.hi).toBe(1);
    expect(b.lo).toBeCloseTo(0.8389, 3);
    expect(wilsonInterval(0, 20).lo).toBe(0);
    expect(wilsonInterval(0, 20).hi).toBeCloseTo(0.1611, 3);
  });

  it('refuses impossible counts', () => {
    expect(() => wilsonInterval(3, 2)).toThrow(/0\.\.2/);
    expect(() => wilsonInterval(0, 0)).toThrow(/positive/);
  });

  it('normal quantiles', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 5);
  });
});
