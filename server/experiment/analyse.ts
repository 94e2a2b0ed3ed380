import {
  meanInterval,
  pairedDifference,
  selectSubset,
  type MeanInterval,
  type PairedDifference,
  type KnSelection,
  type SubsetSelection,
} from '../../sim/index.ts';
import { knOver, knWords, type KnSettings } from './knRule.ts';
import type { KpiSpec } from './experimentSchema.ts';
import type { ReplicationResult } from './replicationTask.ts';

/** One KPI of one variant: its replication values and their mean CI. */
export interface VariantKpi {
  variant: string;
  /** Values by replication; null where the run left the KPI undefined. */
  values: (number | null)[];
  /** Null when no replication gave a number. */
  interval: MeanInterval | null;
  /** Paired difference against the baseline (null for the baseline itself or too few pairs). */
  vsBaseline: PairedDifference | null;
}

/** Everything the report says about one KPI. */
export interface KpiAnalysis {
  path: string;
  goal: 'max' | 'min' | null;
  over: 'run' | 'after-warmup';
  variants: VariantKpi[];
  /** Subset selection of the best variant (only for KPIs with a goal and ≥ 2 complete replications). */
  selection: SubsetSelection | null;
  /** Kim and Nelson's KN on this KPI, when the file's selection asks for it (null otherwise). */
  kn: KnSelection | null;
  /** The selection in words (KN's when it ran on this KPI). */
  selectionText: string | null;
}

/** The statistics of every KPI; `values[v][r][k]` come from the sorted replications. */
export function analyse(
  kpis: readonly KpiSpec[],
  variantNames: readonly string[],
  baseline: number,
  n: number,
  replications: readonly ReplicationResult[],
  level: number,
  /** KN settings (knSettings) when the file selects by KN; subset selection otherwise. */
  kn: KnSettings | null = null,
): KpiAnalysis[] {
  const valueOf = (v: number, r: number, k: number): number | null =>
    replications.find((x) => x.variant === v && x.replication === r)?.values[k] ?? null;
  return kpis.map((spec, k) => {
    const series = variantNames.map((_, v) => Array.from({ length: n }, (_, r) => valueOf(v, r, k)));
    const base = series[baseline]!;
    const variants = variantNames.map((name, v): VariantKpi => {
      const xs = series[v]!;
      const nums = xs.filter((x): x is number => x !== null);
      let vsBaseline: PairedDifference | null = null;
      if (v !== baseline) {
        // Only replications where both runs defined the KPI form pairs.
        const pairs = xs.flatMap((x, r) => (x !== null && base[r] !== null ? [[base[r]!, x] as const] : []));
        if (pairs.length >= 2)
          vsBaseline = pairedDifference(
            pairs.map((p) => p[0]),
            pairs.map((p) => p[1]),
            level,
          );
      }
      return {
        variant: name,
        values: xs,
        interval: nums.length > 0 ? meanInterval(nums, level) : null,
        vsBaseline,
      };
    });
    let selection: SubsetSelection | null = null;
    if (spec.goal !== undefined && variantNames.length > 1) {
      const complete = Array.from({ length: n }, (_, r) => r).filter((r) =>
        series.every((s) => s[r] !== null),
      );
      if (complete.length >= 2)
        selection = selectSubset(
          series.map((s) => complete.map((r) => s[r]!)),
          spec.goal,
          level,
        );
    }
    const knHere = kn !== null && kn.kpi === k && variantNames.length > 1 ? knOver(kn, series) : null;
    return {
      path: spec.path,
      goal: spec.goal ?? null,
      over: spec.over,
      variants,
      selection,
      kn: knHere,
      selectionText: knHere
        ? knWords(knHere, variantNames, n)
        : selection
          ? selectionWords(selection, variantNames)
          : null,
    };
  });
}

const pct = (level: number): string => `${Math.round(level * 1000) / 10}%`;

/** The selection as a statistician would state it. */
export function selectionWords(s: SubsetSelection, names: readonly string[]): string {
  const best = s.goal === 'max' ? 'highest' : 'lowest';
  const kept = s.subset.map((i) => names[i]!);
  const out = names.filter((_, i) => !s.subset.includes(i));
  const how = `subset selection, ${s.n} paired replications, Bonferroni t = ${s.t.toFixed(3)}`;
  if (kept.length === 1)
    return `${kept[0]} has the ${best} mean, selected as best at ${pct(s.level)} confidence; all others ruled out (${how}).`;
  const ruled = out.length > 0 ? `; ruled out: ${out.join(', ')}` : '; none ruled out';
  return `the ${best} mean is among {${kept.join(', ')}} at ${pct(s.level)} confidence: no difference detected between them${ruled} (${how}).`;
}

/** The comparison column of a variant's row: "baseline", its paired difference in words, or "–". */
export function comparisonWords(
  v: VariantKpi,
  isBaseline: boolean,
  baseline: string,
  digits: number,
): string {
  if (isBaseline) return 'baseline';
  return v.vsBaseline ? differenceWords(v.vsBaseline, v.variant, baseline, digits) : '–';
}

/** A paired difference in words: "… higher at 95%" or "no difference detected at 95%". */
export function differenceWords(
  d: PairedDifference,
  variant: string,
  baseline: string,
  digits: number,
): string {
  const f = (x: number | null): string => (x === null ? '–' : signed(x, digits));
  const ci = `${variant} − ${baseline} = ${f(d.mean)} [${f(d.lo)}, ${f(d.hi)}]`;
  switch (d.verdict) {
    case 'higher':
      return `${ci}: higher at ${pct(d.level)}`;
    case 'lower':
      return `${ci}: lower at ${pct(d.level)}`;
    case 'no-difference-detected':
      return `${ci}: no difference detected at ${pct(d.level)}`;
    case 'too-few':
      return 'too few paired replications for an interval';
  }
}

/** A number with an explicit sign, so a difference reads as one. */
export function signed(x: number, digits: number): string {
  const s = Math.abs(x).toFixed(digits);
  return x < 0 && Number(s) !== 0 ? `-${s}` : `+${s}`;
}

/** Decimals that show a half-width to two significant digits (values are printed to match). */
export function decimalsFor(halfWidth: number | null, value: number): number {
  const ref = halfWidth !== null && halfWidth > 0 ? halfWidth : Math.abs(value) / 1000;
  if (!(ref > 0)) return 2;
  return Math.max(0, Math.min(8, 1 - Math.floor(Math.log10(ref))));
}
