import { studentTQuantile } from './studentT.ts';

/** Whether larger or smaller is better for a KPI. */
export type Goal = 'max' | 'min';

/** Result of screening k systems for the best one. */
export interface SubsetSelection {
  goal: Goal;
  level: number;
  /** Replications per system (paired). */
  n: number;
  /** Indices of the systems kept: the best is among them with probability ≥ `level`. */
  subset: number[];
  /** The t multiplier used: t(1 − α/(k − 1), n − 1), Bonferroni over the k − 1 comparisons. */
  t: number;
  /** Sample means, by system. */
  means: number[];
}

/**
 * Subset selection by screening (Nelson, Swann, Goldsman and Song 2001, with Bonferroni so it
 * stays valid under common random numbers): system i is kept unless some j beats it by more than
 * W_ij = t · S_ij / √n, S_ij the sample sd of the paired differences X_i − X_j. The subset
 * contains the true best with probability ≥ `level` whatever the means, assuming normal outputs;
 * no indifference zone is needed. `data[i][r]` is system i's output in replication r.
 */
export function selectSubset(
  data: readonly (readonly number[])[],
  goal: Goal,
  level = 0.95,
): SubsetSelection {
  const k = data.length;
  if (k === 0) throw new Error('selectSubset: no systems');
  const n = data[0]!.length;
  if (data.some((xs) => xs.length !== n)) throw new Error('selectSubset: systems need equal replications');
  const sign = goal === 'max' ? 1 : -1;
  const means = data.map((xs) => xs.reduce((a, x) => a + x, 0) / n);
  if (k === 1) return { goal, level, n, subset: [0], t: 0, means };
  if (n < 2) throw new Error('selectSubset: needs at least 2 replications');
  const t = studentTQuantile(1 - (1 - level) / (k - 1), n - 1);
  const subset: number[] = [];
  for (let i = 0; i < k; i++) {
    let kept = true;
    for (let j = 0; j < k && kept; j++) {
      if (j === i) continue;
      const d = data[i]!.map((x, r) => x - data[j]![r]!);
      const dm = (means[i]! - means[j]!) * sign;
      const s2 = d.reduce((a, x) => a + (x - (means[i]! - means[j]!)) ** 2, 0) / (n - 1);
      const w = (t * Math.sqrt(s2)) / Math.sqrt(n);
      // Kept when X̄_i ≥ X̄_j − W_ij (for max); a tie with zero variance keeps both.
      if (dm < -w) kept = false;
    }
    if (kept) subset.push(i);
  }
  return { goal, level, n, subset, t, means };
}
