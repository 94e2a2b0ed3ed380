import { knSelect, type KnSelection } from '../../sim/index.ts';
import type { Experiment, KpiSpec, SelectionSpec } from './experimentSchema.ts';
import type { ReplicationResult } from './replicationTask.ts';

/** The KN settings an experiment file resolves to, or null when it selects by subset. */
export interface KnSettings {
  /** Index of the KPI selected on. */
  kpi: number;
  goal: 'max' | 'min';
  indifference: number;
  confidence: number;
  n0: number;
}

/** Resolves `selection: {procedure: 'kn', …}` against the file's KPIs and replications. */
export function knSettings(
  e: Pick<Experiment, 'kpis' | 'replications' | 'confidence'> & { selection: SelectionSpec },
): KnSettings | null {
  const sel = e.selection;
  if (sel.procedure !== 'kn') return null;
  const kpi =
    sel.kpi === undefined
      ? e.kpis.findIndex((k) => k.goal !== undefined)
      : e.kpis.findIndex((k) => k.path === sel.kpi);
  const spec: KpiSpec | undefined = e.kpis[kpi];
  if (!spec?.goal)
    throw new Error('selection: KN needs a KPI with a goal (the file check should have said so)');
  const r = e.replications;
  return {
    kpi,
    goal: spec.goal,
    indifference: sel.indifference,
    confidence: sel.confidence ?? e.confidence,
    n0: sel.n0 ?? (typeof r === 'number' ? r : r.initial),
  };
}

/**
 * KN over the replications so far: per variant, the KPI's values of the replications every
 * variant defined (in replication order, so they stay paired); null while fewer than n0 exist.
 */
export function knOver(s: KnSettings, series: readonly (readonly (number | null)[])[]): KnSelection | null {
  const n = Math.min(...series.map((xs) => xs.length));
  const complete = Array.from({ length: n }, (_, r) => r).filter((r) => series.every((xs) => xs[r] !== null));
  if (complete.length < s.n0) return null;
  return knSelect(
    series.map((xs) => complete.map((r) => xs[r]!)),
    s.goal,
    s.indifference,
    s.confidence,
    s.n0,
  );
}

/** The KPI series of every variant from sorted or unsorted results. */
export function seriesOf(
  results: readonly ReplicationResult[],
  variants: number,
  n: number,
  kpi: number,
): (number | null)[][] {
  const out = Array.from({ length: variants }, () => new Array<number | null>(n).fill(null));
  for (const r of results) if (r.replication < n) out[r.variant]![r.replication] = r.values[kpi] ?? null;
  return out;
}

const pct = (level: number): string => `${Math.round(level * 1000) / 10}%`;

/** KN's outcome as a statistician would state it. */
export function knWords(s: KnSelection, names: readonly string[], n: number): string {
  const best = s.goal === 'max' ? 'highest' : 'lowest';
  const how = `KN, δ = ${s.indifference}, n0 = ${s.n0}, h² = ${s.h2.toFixed(3)}`;
  if (s.decided) {
    const out = names.flatMap((nm, i) => (i === s.best ? [] : [`${nm} at r = ${s.eliminatedAt[i] ?? '?'}`]));
    return `${names[s.best!]} selected as having the ${best} mean at ${pct(s.confidence)} confidence of correct selection when the best is at least δ better (eliminated: ${out.join(', ') || 'none'}; ${how}).`;
  }
  const kept = s.survivors.map((i) => names[i]!).join(', ');
  return `not decided after ${n} paired replications: {${kept}} remain in contention (differences within the indifference zone cannot be ruled out yet; KN would decide by r = ${s.maxStage}; ${how}).`;
}
