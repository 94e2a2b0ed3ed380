import { describe, expect, it } from 'vitest';
import { growthPerHour, rssOf } from './memorySlope.ts';

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
});
