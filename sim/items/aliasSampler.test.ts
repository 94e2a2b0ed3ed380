import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { createAliasSampler } from './aliasSampler.ts';

describe('alias sampler', () => {
  it('draws in proportion to the weights', () => {
    const weights = [5, 0, 1, 3, 1];
    const sampler = createAliasSampler(weights);
    const rng = seedrandom('alias');
    const counts = new Array<number>(weights.length).fill(0);
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const k = sampler.sample(rng);
      counts[k] = (counts[k] as number) + 1;
    }
    weights.forEach((w, i) => {
      const p = w / 10;
      const se = Math.sqrt((p * (1 - p)) / n);
      expect(Math.abs((counts[i] as number) / n - p)).toBeLessThanOrEqual(4 * se + 1e-12);
    });
    expect(counts[1]).toBe(0);
  });

  it('uses exactly one uniform per draw and is deterministic', () => {
    let calls = 0;
    const rng = seedrandom('one');
    const counted = () => {
      calls++;
      return rng();
    };
    const sampler = createAliasSampler([1, 2, 3]);
    for (let i = 0; i < 100; i++) sampler.sample(counted);
    expect(calls).toBe(100);
    const a = seedrandom('same');
    const b = seedrandom('same');
    for (let i = 0; i < 100; i++) expect(sampler.sample(a)).toBe(sampler.sample(b));
    expect(sampler.sample(() => 0.999999999999)).toBeLessThan(3);
  });

  it('rejects empty, negative and all-zero weights', () => {
    expect(() => createAliasSampler([])).toThrow(/at least one/);
    expect(() => createAliasSampler([1, -1])).toThrow(/≥ 0/);
    expect(() => createAliasSampler([0, 0])).toThrow(/all be zero/);
  });
});
