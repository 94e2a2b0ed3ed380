import type { Goal } from './subsetSelection.ts';

/** Where Kim and Nelson's procedure stands after the replications it was given. */
export interface KnSelection {
  goal: Goal;
  /** Probability of correct selection guaranteed when the best is ≥ `indifference` better (1 − α). */
  confidence: number;
  /** The indifference zone δ, in the KPI's units. */
  indifference: number;
  /** First-stage replications n0. */
  n0: number;
  /** h² = 2η(n0 − 1), η = ½[(2α/(k − 1))^(−2/(n0 − 1)) − 1]. */
  h2: number;
  /** True once one system survives: the best is selected. */
  decided: boolean;
  /** The selected system (decided), else null. */
  best: number | null;
  /** Systems still in contention after the last stage looked at. */
  survivors: number[];
  /** Stage r (replications) at which each system was eliminated; null if never. */
  eliminatedAt: (number | null)[];
  /** The stage it decided at, or the last stage looked at. */
  r: number;
  /** Sample means at stage r, by system. */
  means: number[];
  /** Replications after which the procedure must have decided (c = 1): ⌊h² max S²/δ²⌋ + 1. */
  maxStage: number;
}

/**
 * Kim and Nelson's (2001) fully sequential indifference-zone procedure KN (c = 1), for paired
 * (common random numbers) normal outputs: after n0 first-stage replications, system i is
 * eliminated at stage r when some surviving l has X̄_l(r) − W_il(r) > X̄_i(r), with
 * W_il(r) = max(0, (δ / 2r)(h² S²_il / δ² − r)), S²_il the first-stage variance of X_i − X_l.
 * It stops when one system is left, which is the best with probability ≥ 1 − α whenever the
 * best is at least δ better than the rest. `data[i][r]` is system i's output in replication r;
 * the stages n0, n0 + 1, … are replayed over the data given, using no replication of a system
 * after its elimination, so the result is the one the procedure run one replication at a time
 * would reach.
 */
export function knSelect(
  data: readonly (readonly number[])[],
  goal: Goal,
  indifference: number,
  confidence: number,
  n0: number,
): KnSelection {
  const k = data.length;
  if (k === 0) throw new Error('knSelect: no systems');
  if (!(indifference > 0)) throw new Error(`knSelect: indifference must be > 0, got ${indifference}`);
  if (!(confidence > 0 && confidence < 1)) throw new Error(`knSelect: confidence must be in (0, 1)`);
  if (!Number.isInteger(n0) || n0 < 2) throw new Error(`knSelect: n0 must be an integer ≥ 2, got ${n0}`);
  const n = Math.min(...data.map((xs) => xs.length));
  if (n < n0) throw new Error(`knSelect: needs ${n0} first-stage replications of every system, got ${n}`);
  const sign = goal === 'max' ? 1 : -1;
  if (k === 1) {
    const m = data[0]!.slice(0, n0).reduce((a, v) => a + v, 0) / n0;
    return {
      goal,
      confidence,
      indifference,
      n0,
      h2: 0,
      decided: true,
      best: 0,
      survivors: [0],
      eliminatedAt: [null],
      r: n0,
      means: [m],
      maxStage: n0,
    };
  }
  const alpha = 1 - confidence;
  const eta = 0.5 * (((2 * alpha) / (k - 1)) ** (-2 / (n0 - 1)) - 1);
  const h2 = 2 * eta * (n0 - 1);
  const x = (i: number, r: number): number => sign * data[i]![r]!;
  // First-stage variances of the paired differences.
  const s2: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let maxS2 = 0;
  for (let i = 0; i < k; i++)
    for (let l = i + 1; l < k; l++) {
      let m = 0;
      for (let r = 0; r < n0; r++) m += x(i, r) - x(l, r);
      m /= n0;
      let ss = 0;
      for (let r = 0; r < n0; r++) ss += (x(i, r) - x(l, r) - m) ** 2;
      s2[i]![l] = s2[l]![i] = ss / (n0 - 1);
      maxS2 = Math.max(maxS2, ss / (n0 - 1));
    }
  // The epsilon keeps h² = 18 computed as 17.999… from moving the bound a stage.
  const maxStage = Math.floor((h2 * maxS2) / indifference ** 2 + 1e-9) + 1;
  const sums = new Array<number>(k).fill(0);
  for (let i = 0; i < k; i++) for (let r = 0; r < n0 - 1; r++) sums[i]! += x(i, r);
  let survivors = Array.from({ length: k }, (_, i) => i);
  const eliminatedAt: (number | null)[] = new Array<number | null>(k).fill(null);
  let r = n0 - 1;
  while (survivors.length > 1 && r < n) {
    for (const i of survivors) sums[i]! += x(i, r);
    r++;
    const mean = (i: number): number => sums[i]! / r;
    const kept = survivors.filter((i) =>
      survivors.every((l) => {
        if (l === i) return true;
        const w = Math.max(0, (indifference / (2 * r)) * ((h2 * s2[i]![l]!) / indifference ** 2 - r));
        return mean(i) >= mean(l) - w;
      }),
    );
    for (const i of survivors) if (!kept.includes(i)) eliminatedAt[i] = r;
    survivors = kept;
  }
  const decided = survivors.length === 1;
  return {
    goal,
    confidence,
    indifference,
    n0,
    h2,
    decided,
    best: decided ? survivors[0]! : null,
    survivors,
    eliminatedAt,
    r,
    means: sums.map((s, i) => (sign * s) / (eliminatedAt[i] ?? r)),
    maxStage,
  };
}
