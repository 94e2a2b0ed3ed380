import { describe, expect, it } from 'vitest';
import { growthAtConstantRate, growthPerHour, rssOf } from './memorySlope.ts';

/** The flat band the soak's verdict uses (slopeVerdict.ts), MB/h. */
const FLAT_MB_PER_HOUR = 1;

describe('soak memory slope', () => {
  it('fits MB per hour after the warm-up and reads VmRSS', () => {
    const flat = Array.from({ length: 10 }, (_x, i) => ({ t: i * 60_000, rssMb: 100 + (i === 0 ? 50 : 0) }));
    expect(growthPerHour(flat)).toBeCloseTo(0, 6);
    const rising = Array.from({ length: 10 }, (_x, i) => ({ t: i * 60_000, rssMb: 100 + i }));
    expect(growthPerHour(rising)).toBeCloseTo(60, 6);
    expect(rssOf(1, () => 'Name: x\nVmRSS:\t  2048 kB\n')).toBe(2);
    expect(
      rssOf(1, () => {
        throw new Error('no proc');
      }),
    ).toBeNaN();
  });

  it('fits another figure (heap after GC), skipping samples before it is first reported', () => {
    const s = Array.from({ length: 10 }, (_x, i) => ({
      t: i * 60_000,
      rssMb: 100 + 10 * i,
      heapMb: i < 3 ? Number.NaN : 40 + 0.5 * i,
    }));
    expect(growthPerHour(s, 0, (x) => x.heapMb ?? Number.NaN)).toBeCloseTo(30, 6);
    expect(growthPerHour(s)).toBeCloseTo(600, 6);
  });

  it('fits only the tail once the bounded structures have filled', () => {
    // Fills for 30 min (a bounded cache), then flat for 30 min: the whole-run fit sees growth, the tail does not.
    const s = Array.from({ length: 61 }, (_x, i) => ({
      t: i * 60_000,
      rssMb: 0,
      heapMb: 30 + Math.min(i, 30),
    }));
    const heap = (x: { heapMb?: number }): number => x.heapMb ?? Number.NaN;
    expect(growthPerHour(s, 0, heap)).toBeGreaterThan(20);
    expect(growthPerHour(s, 0.5, heap)).toBeCloseTo(0, 6);
  });

  it('separates a level that follows the feed rate from growth with time', () => {
    // The rate climbs over the run; the heap holds 0.1 MB per scan/s and no growth with time:
    // a plain fit calls that growth, the rate-adjusted one does not.
    const rate = (i: number): number => 20 + i + 15 * Math.sin(i / 3);
    const level = Array.from({ length: 40 }, (_x, i) => ({
      t: i * 60_000,
      y: 50 + 0.1 * rate(i),
      rate: rate(i),
    }));
    const plain = growthPerHour(
      level.map((x) => ({ t: x.t, rssMb: x.y })),
      0,
    );
    expect(plain).toBeGreaterThan(FLAT_MB_PER_HOUR);
    const fit = growthAtConstantRate(level);
    expect(fit.mbPerHour).toBeCloseTo(0, 6);
    expect(fit.mbPerRate).toBeCloseTo(0.1, 6);
    // A real leak of 3 MB/h on top still shows.
    const leak = level.map((x) => ({ ...x, y: x.y + (3 * x.t) / 3_600_000 }));
    expect(growthAtConstantRate(leak).mbPerHour).toBeCloseTo(3, 6);
    // A constant rate cannot be separated from time.
    expect(growthAtConstantRate(level.map((x) => ({ ...x, rate: 60 }))).mbPerHour).toBeNaN();
  });
});
