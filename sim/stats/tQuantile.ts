/** Two-sided 97.5% quantiles of Student's t for 1–30 degrees of freedom (standard tables). */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/**
 * t(0.975, df): the multiplier of a 95% confidence interval. Beyond 30 df the Cornish–Fisher
 * expansion around the normal quantile is accurate to 1e-4, which is far below Monte-Carlo noise.
 * simple-statistics has no Student-t quantile, hence this.
 */
export function t975(df: number): number {
  if (!Number.isFinite(df) || df < 1) throw new Error(`t975: degrees of freedom must be ≥ 1, got ${df}`);
  const exact = T975[Math.floor(df) - 1];
  if (exact !== undefined && Number.isInteger(df)) return exact;
  const z = 1.959963984540054;
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  return (
    z +
    (z3 + z) / (4 * df) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * df * df) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3)
  );
}
