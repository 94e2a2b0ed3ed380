import { describe, expect, it } from 'vitest';
import { abcClasses, topShareOf, zipfExponentFor, zipfWeights } from './demandCurve.ts';

describe('demand curve', () => {
  it('solves the Zipf exponent so the top 20% of SKUs carry 80% of lines', () => {
    for (const n of [10, 100, 1000, 20_000]) {
      const s = zipfExponentFor(n);
      const share = topShareOf(zipfWeights(n, s), 0.2);
      expect(share).toBeGreaterThan(0.75);
      expect(share).toBeLessThan(0.85);
      expect(share).toBeCloseTo(0.8, 6);
    }
    expect(zipfExponentFor(1000)).toBeCloseTo(1.02, 2);
    expect(zipfExponentFor(1000, 0.2, 0.1)).toBe(0); // a flatter target than uniform cannot be met
  });

  it('normalises weights and ranks them descending', () => {
    const w = zipfWeights(50, 1.1);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    for (let i = 1; i < w.length; i++) expect(w[i]).toBeLessThan(w[i - 1] as number);
  });

  it('classes A = top 80% of lines (the crossing item included), B next 15%, C rest', () => {
    // shares 0.5, 0.25, 0.1, 0.06, 0.05, 0.04 — cumulative before: 0, .5, .75, .85, .91, .96
    expect(abcClasses([0.06, 0.5, 0.04, 0.25, 0.05, 0.1])).toEqual(['B', 'A', 'C', 'A', 'B', 'A']);
    const classes = abcClasses(zipfWeights(1000, zipfExponentFor(1000)));
    const a = classes.filter((c) => c === 'A').length;
    expect(a).toBeGreaterThan(180);
    expect(a).toBeLessThan(220);
  });
});
