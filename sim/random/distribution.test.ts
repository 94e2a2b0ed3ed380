import { describe, expect, it } from 'vitest';
import { distributionMean, distributionSchema, sampler } from './distribution.ts';
import { RandomStreams } from './randomStreams.ts';

const n = 200_000;

function moments(spec: unknown): { mean: number; sd: number; min: number; max: number } {
  const d = distributionSchema.parse(spec);
  const draw = sampler(d);
  const rng = new RandomStreams('dist').stream(JSON.stringify(spec));
  let s = 0;
  let s2 = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = draw(rng);
    s += x;
    s2 += x * x;
    min = Math.min(min, x);
    max = Math.max(max, x);
  }
  const mean = s / n;
  return { mean, sd: Math.sqrt(s2 / n - mean * mean), min, max };
}

describe('distributions', () => {
  it.each([
    [{ kind: 'uniform', min: 2, max: 6 }, 4, Math.sqrt(16 / 12)],
    [{ kind: 'triangular', min: 0, mode: 1, max: 4 }, 5 / 3, Math.sqrt((0 + 1 + 16 - 0 - 0 - 4) / 18)],
    [{ kind: 'exponential', mean: 3 }, 3, 3],
    [{ kind: 'lognormal', mean: 10, sd: 4 }, 10, 4],
    [{ kind: 'normal', mean: 50, sd: 5 }, 50, 5],
    [{ kind: 'empirical', values: [1, 2, 3], weights: [1, 1, 2] }, 2.25, Math.sqrt(5.75 - 2.25 ** 2)],
  ])('%j has the theoretical mean and sd', (spec, mean, sd) => {
    const m = moments(spec);
    // 5 standard errors of the mean: fails only if the sampler is wrong.
    expect(Math.abs(m.mean - mean)).toBeLessThan((5 * sd) / Math.sqrt(n));
    expect(Math.abs(m.sd - sd) / sd).toBeLessThan(0.02);
    expect(distributionMean(distributionSchema.parse(spec))).toBeCloseTo(mean, 10);
  });

  it('truncates the normal to its window', () => {
    const m = moments({ kind: 'normal', mean: 1, sd: 2, min: 0, max: 3 });
    expect(m.min).toBeGreaterThanOrEqual(0);
    expect(m.max).toBeLessThanOrEqual(3);
  });

  it('reads a bare number as a constant', () => {
    expect(distributionSchema.parse(7)).toEqual({ kind: 'constant', value: 7 });
  });

  it('rejects bad parameters with a path', () => {
    const r = distributionSchema.safeParse({ kind: 'triangular', min: 5, mode: 1, max: 4 });
    expect(r.success).toBe(false);
    const r2 = distributionSchema.safeParse({ kind: 'exponential', mean: -1 });
    expect(r2.success).toBe(false);
    const r3 = distributionSchema.safeParse({ kind: 'gamma', shape: 1 });
    expect(r3.success).toBe(false);
  });
});
