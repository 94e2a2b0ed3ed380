import { t975 } from './tQuantile.ts';

/** A mean with its 95% confidence interval. */
export interface MeanCI {
  mean: number;
  lo: number;
  hi: number;
  halfWidth: number;
  batches: number;
  n: number;
}

/**
 * Mean and 95% CI of a steady-state output series by non-overlapping batch means: consecutive
 * observations are correlated (one customer's wait shapes the next), so a naive CI is far too
 * narrow; means of long batches are nearly independent. Observations left over after equal
 * batches are dropped from the CI but kept in `n`. Null when there are fewer than 2 per batch.
 */
export function batchMeans(xs: ArrayLike<number>, batches = 20, from = 0, to = xs.length): MeanCI | null {
  const n = to - from;
  const size = Math.floor(n / batches);
  if (batches < 2 || size < 2) return null;
  const means: number[] = [];
  for (let b = 0; b < batches; b++) {
    let s = 0;
    for (let i = from + b * size; i < from + (b + 1) * size; i++) s += xs[i]!;
    means.push(s / size);
  }
  const mean = means.reduce((a, x) => a + x, 0) / batches;
  const variance = means.reduce((a, x) => a + (x - mean) ** 2, 0) / (batches - 1);
  const halfWidth = t975(batches - 1) * Math.sqrt(variance / batches);
  return { mean, lo: mean - halfWidth, hi: mean + halfWidth, halfWidth, batches, n };
}
