import { describe, expect, it } from 'vitest';
import { growthOverWholeCycles } from './cycleMeans.ts';
import { growthPerHour } from './memorySlope.ts';

const DAY = 24 * 60_000;

describe('growth over whole cycles of the simulated day', () => {
  it('sees no growth in a flat heap swinging with the day, where a straight fit over a partial day leans', () => {
    // 55 MB ± 1.5 MB with a 24-minute period, sampled each minute for 79 minutes (3.3 days).
    const s = Array.from({ length: 80 }, (_x, i) => ({
      t: i * 60_000,
      y: 55 + 1.5 * Math.sin((2 * Math.PI * i * 60_000) / DAY),
    }));
    const straight = growthPerHour(
      s.map((x) => ({ t: x.t, rssMb: x.y })),
      0,
    );
    expect(Math.abs(straight)).toBeGreaterThan(0.1);
    const c = growthOverWholeCycles(s, DAY);
    expect(c.means).toHaveLength(3);
    expect(Math.abs(c.mbPerHour)).toBeLessThan(0.01);
  });

  it('finds a steady growth under the swing, and skips samples that are not numbers', () => {
    const s = Array.from({ length: 100 }, (_x, i) => ({
      t: i * 60_000,
      y: i === 3 ? Number.NaN : 40 + (2 * i) / 60 + 1.5 * Math.cos((2 * Math.PI * i * 60_000) / DAY),
    }));
    const c = growthOverWholeCycles(s, DAY);
    expect(c.means).toHaveLength(4);
    expect(c.mbPerHour).toBeCloseTo(2, 2);
  });

  it('has no slope with fewer than two whole cycles', () => {
    const s = Array.from({ length: 40 }, (_x, i) => ({ t: i * 60_000, y: i }));
    const c = growthOverWholeCycles(s, DAY);
    expect(c.means).toHaveLength(1);
    expect(c.mbPerHour).toBeNaN();
    expect(growthOverWholeCycles([], DAY).mbPerHour).toBeNaN();
  });
});
