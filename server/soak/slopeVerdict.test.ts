import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { describeVerdict, slopeVerdict } from './slopeVerdict.ts';

// A sample a minute for `minutes`, y(t) in MB with t in hours, plus seeded Gaussian noise of `sd` MB.
function series(
  minutes: number,
  y: (h: number) => number,
  sd: number,
  seed = 'soak',
): { t: number; y: number }[] {
  const rnd = seedrandom(seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  return Array.from({ length: minutes + 1 }, (_x, i) => ({ t: i * 60_000, y: y(i / 60) + sd * gauss() }));
}

describe('soak slope verdict with a confidence interval', () => {
  it('calls a steady heap flat only when the whole interval lies within ±1 MB/h', () => {
    const v = slopeVerdict(series(120, () => 55, 0.3));
    expect(v.verdict).toBe('flat');
    expect(v.lo).toBeGreaterThan(-1);
    expect(v.hi).toBeLessThan(1);
    expect(describeVerdict(v)).toMatch(/FLAT/);
  });

  it('calls a leak growing when the interval lies above the band, and shrinking below it', () => {
    const up = slopeVerdict(series(60, (h) => 40 + 5 * h, 0.3));
    expect(up.verdict).toBe('growing');
    expect(up.mbPerHour).toBeCloseTo(5, 0);
    expect(up.lo).toBeGreaterThan(1);
    expect(slopeVerdict(series(60, (h) => 60 - 5 * h, 0.3)).verdict).toBe('shrinking');
  });

  it('is inconclusive on a short noisy run and names a longer run that would settle it', () => {
    const v = slopeVerdict(series(20, () => 55, 1.5));
    expect(v.verdict).toBe('inconclusive');
    expect(v.lo).toBeLessThan(-1);
    expect(v.minutesNeeded).toBeGreaterThan(20);
    expect(describeVerdict(v)).toMatch(/INCONCLUSIVE .*a fit of ~\d+ min/);
  });

  it('fits the simulated-day swing beside the slope: neighbouring samples are not independent', () => {
    // The 2.2 h run's shape: a ~3 MB swing with a 24-minute period (a pile-up and a release:
    // two harmonics), fitted over 79 minutes with no growth at all.
    const day = 24 * 60_000;
    const swing = (h: number): number =>
      1.5 * Math.sin((2 * Math.PI * h * 60) / 24) + 0.7 * Math.sin((4 * Math.PI * h * 60) / 24);
    const flat = series(79, (h) => 56 + swing(h), 0.2);
    // Fitted on time alone the residuals are the swing itself (ρ near 1): no verdict either way.
    const plain = slopeVerdict(flat);
    expect(plain.rho).toBeGreaterThan(0.8);
    expect(plain.verdict).toBe('inconclusive');
    // With the day's cycle fitted too, the same run is flat.
    const withDay = slopeVerdict(flat, { periodMs: day });
    expect(withDay.verdict).toBe('flat');
    expect(withDay.hi - withDay.lo).toBeLessThan(plain.hi - plain.lo);
    // The same swing on top of a real 4 MB/h leak over 2 hours is caught.
    const leak = slopeVerdict(
      series(120, (h) => 40 + 4 * h + swing(h), 0.2),
      { periodMs: day },
    );
    expect(leak.verdict).toBe('growing');
    expect(leak.mbPerHour).toBeCloseTo(4, 0);
  });

  it('widens the interval for correlated noise (a random walk is not called flat early)', () => {
    // A random walk: each minute the heap moves by a step of sd 0.3 MB; over 40 minutes the
    // plain formula would claim a narrow interval, the AR(1) correction does not.
    const walk = series(40, () => 0, 0.3, 'walk');
    let level = 55;
    const y = walk.map((x) => ({ t: x.t, y: (level += x.y) }));
    const v = slopeVerdict(y);
    expect(v.rho).toBeGreaterThan(0.5);
    expect(v.nEffective).toBeLessThan(y.length / 2);
  });

  it('gives no slope with fewer than 3 samples, and skips samples that are not numbers', () => {
    expect(
      slopeVerdict([
        { t: 0, y: 1 },
        { t: 60_000, y: 2 },
      ]).mbPerHour,
    ).toBeNaN();
    expect(describeVerdict(slopeVerdict([]))).toMatch(/no verdict/);
    const s = series(60, () => 50, 0.1).map((x, i) => (i < 5 ? { ...x, y: Number.NaN } : x));
    expect(slopeVerdict(s).verdict).toBe('flat');
  });
});
