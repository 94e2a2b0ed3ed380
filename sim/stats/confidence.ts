import { studentTQuantile } from './studentT.ts';

/** A sample mean with its two-sided t-based confidence interval (independent, normal-ish observations). */
export interface MeanInterval {
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1 denominator); null below 2 observations. */
  sd: number | null;
  /** Half-width of the interval; null below 2 observations (no variance estimate). */
  halfWidth: number | null;
  lo: number | null;
  hi: number | null;
  /** Confidence level, e.g. 0.95. */
  level: number;
}

/** Mean and sample variance in one pass-pair; the two-pass form keeps cancellation small. */
function meanAndVariance(xs: readonly number[]): { mean: number; variance: number } {
  const n = xs.length;
  let s = 0;
  for (const x of xs) s += x;
  const mean = s / n;
  let ss = 0;
  for (const x of xs) ss += (x - mean) ** 2;
  return { mean, variance: n > 1 ? ss / (n - 1) : NaN };
}

/**
 * Mean and t-based CI of replication outputs: mean ± t(1 − α/2, n − 1) · s / √n. Replications
 * are independent by construction (one seed each), so unlike within-run series no batching is needed.
 */
export function meanInterval(xs: readonly number[], level = 0.95): MeanInterval {
  if (xs.length === 0) throw new Error('meanInterval: no observations');
  const n = xs.length;
  const { mean, variance } = meanAndVariance(xs);
  if (n < 2) return { n, mean, sd: null, halfWidth: null, lo: null, hi: null, level };
  const sd = Math.sqrt(variance);
  const halfWidth = studentTQuantile(1 - (1 - level) / 2, n - 1) * (sd / Math.sqrt(n));
  return { n, mean, sd, halfWidth, lo: mean - halfWidth, hi: mean + halfWidth, level };
}

/** How a paired comparison came out at its confidence level. */
export type PairedVerdict = 'higher' | 'lower' | 'no-difference-detected' | 'too-few';

/** The CI of the mean paired difference (variant − baseline) and what it says. */
export interface PairedDifference extends MeanInterval {
  verdict: PairedVerdict;
}

/**
 * Paired-t CI of the mean of `variant[i] − baseline[i]`. With common random numbers replication
 * i of both saw the same arrivals and errors, so the differences cancel the shared noise and the
 * interval is far narrower than comparing two independent CIs. An interval that covers 0 is "no
 * difference detected", never "no difference".
 */
export function pairedDifference(
  baseline: readonly number[],
  variant: readonly number[],
  level = 0.95,
): PairedDifference {
  if (baseline.length !== variant.length)
    throw new Error(
      `pairedDifference: ${baseline.length} baseline vs ${variant.length} variant observations`,
    );
  const d = variant.map((v, i) => v - baseline[i]!);
  const ci = meanInterval(d, level);
  let verdict: PairedVerdict = 'too-few';
  if (ci.lo !== null && ci.hi !== null)
    verdict = ci.lo > 0 ? 'higher' : ci.hi < 0 ? 'lower' : 'no-difference-detected';
  return { ...ci, verdict };
}
