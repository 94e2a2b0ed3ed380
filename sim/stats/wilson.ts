import { normalQuantile } from './normalQuantile.ts';

/** A share of successes with its Wilson score interval. */
export interface ShareInterval {
  successes: number;
  n: number;
  share: number;
  lo: number;
  hi: number;
  level: number;
}

/**
 * The Wilson score interval for a binomial share (Wilson 1927): unlike the Wald interval
 * p ± z·√(p(1−p)/n) it stays inside [0, 1] and does not collapse to a point at 0/n or n/n, which
 * is exactly where a forecast of "all 20 replications made the cut-off" lands.
 */
export function wilsonInterval(successes: number, n: number, level = 0.95): ShareInterval {
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`wilsonInterval: n must be a positive integer, got ${n}`);
  if (!Number.isInteger(successes) || successes < 0 || successes > n)
    throw new Error(`wilsonInterval: successes must be an integer in 0..${n}, got ${successes}`);
  const z = normalQuantile(1 - (1 - level) / 2);
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return {
    successes,
    n,
    share: p,
    lo: successes === 0 ? 0 : Math.max(0, centre - half),
    hi: successes === n ? 1 : Math.min(1, centre + half),
    level,
  };
}
