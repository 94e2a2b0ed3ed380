import { meanInterval } from '../../sim/index.ts';

/** The sequential replication rule of an experiment file. */
export interface SequentialRule {
  kpi: string;
  halfWidth: number;
  initial: number;
  step: number;
  max: number;
}

/** The 95% (or `level`) half-width of a KPI's non-null values; null while it cannot be estimated. */
export function halfWidthOf(values: readonly (number | null)[], level: number): number | null {
  const xs = values.filter((v): v is number => v !== null);
  return xs.length < 2 ? null : meanInterval(xs, level).halfWidth;
}

/**
 * How many more replications every variant gets after a round (0: stop). The rule looks only at
 * completed rounds of fixed size, never at which replications finished first, so the count, and
 * with it every result, is the same whatever the number of workers. All variants grow together,
 * keeping replication i paired across variants.
 */
export function replicationsToAdd(
  rule: SequentialRule,
  n: number,
  halfWidths: readonly (number | null)[],
): number {
  if (n >= rule.max) return 0;
  if (halfWidths.every((h) => h !== null && h <= rule.halfWidth)) return 0;
  return Math.min(rule.step, rule.max - n);
}
