import { describe, expect, it } from 'vitest';
import { selectSubset } from './subsetSelection.ts';

describe('selectSubset', () => {
  it('drops a system beaten by more than W = t·S/√n (hand-computed)', () => {
    // A − B = 1, 0, 1, 1: mean 0.75, S = 0.5; k = 2 → t(0.95, 3) = 2.353363434801823, W = 0.5883.
    const r = selectSubset(
      [
        [1, 2, 3, 4],
        [0, 2, 2, 3],
      ],
      'max',
    );
    expect(r.t).toBeCloseTo(2.353363434801823, 12);
    expect(r.subset).toEqual([0]);
    // Minimising, the same data keep only B.
    expect(
      selectSubset(
        [
          [1, 2, 3, 4],
          [0, 2, 2, 3],
        ],
        'min',
      ).subset,
    ).toEqual([1]);
  });

  it('keeps both when the gap is within W', () => {
    // A − B = 1, 0, 1, 0: mean 0.5, S = √(1/3), W = 2.3534 · 0.57735 / 2 = 0.6794 > 0.5.
    expect(
      selectSubset(
        [
          [1, 2, 3, 4],
          [0, 2, 2, 4],
        ],
        'max',
      ).subset,
    ).toEqual([0, 1]);
  });

  it('uses the Bonferroni t over k − 1 comparisons and keeps a noisy tie', () => {
    const a = [10, 11, 12];
    const b = a.map((x) => x - 0.1); // always just behind A: eliminated
    const c = [5, 20, 8]; // same mean as A, very noisy: cannot be ruled out
    const r = selectSubset([a, b, c], 'max');
    expect(r.t).toBeCloseTo(4.302652729749462, 10); // t(1 − 0.05/2, 2)
    expect(r.subset).toEqual([0, 2]);
  });
});
