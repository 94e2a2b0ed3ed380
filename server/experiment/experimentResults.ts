import type { KpiAnalysis } from './analyse.ts';
import type { LoadedExperiment } from './loadExperiment.ts';
import type { ExperimentRun } from './runExperiment.ts';
import { toCsv } from '../reports/csv.ts';

/** Everything an experiment produced, as written to results.json: identical for any worker count. */
export interface ExperimentResults {
  experiment: string;
  description: string;
  base: string;
  settings: {
    seedRoot: number | string;
    seeds: string;
    warmupHours: number;
    runHours: number;
    confidence: number;
    replications: LoadedExperiment['experiment']['replications'];
    commonRandomNumbers: string;
  };
  n: number;
  targetMet: boolean | null;
  baseline: string;
  variants: { name: string; description: string }[];
  kpis: KpiAnalysis[];
  replications: {
    variant: string;
    replication: number;
    seed: string;
    eventsProcessed: number;
    kpis: Record<string, number | null>;
  }[];
}

/** Assembles results.json's content from the loaded file, the run and the statistics. */
export function experimentResults(
  loaded: LoadedExperiment,
  run: ExperimentRun,
  kpis: KpiAnalysis[],
  baseLabel: string,
): ExperimentResults {
  const e = loaded.experiment;
  return {
    experiment: e.name,
    description: e.description,
    base: baseLabel,
    settings: {
      seedRoot: loaded.seed,
      seeds: `replication r uses seed "${loaded.seed}-<r>" ("${loaded.seed}-1", "${loaded.seed}-2", …) in every variant`,
      warmupHours: loaded.warmupHours,
      runHours: loaded.runHours,
      confidence: e.confidence,
      replications: e.replications,
      commonRandomNumbers:
        'yes: replication r of every variant runs with the same seed, and each random purpose (arrivals, errors, …) has its own stream, so differences are paired',
    },
    n: run.n,
    targetMet: run.targetMet,
    baseline: loaded.variants[loaded.baseline]!.name,
    variants: loaded.variants.map((v) => ({ name: v.name, description: v.description })),
    kpis,
    replications: run.replications.map((r) => ({
      variant: loaded.variants[r.variant]!.name,
      replication: r.replication + 1,
      seed: r.seed,
      eventsProcessed: r.eventsProcessed,
      kpis: Object.fromEntries(e.kpis.map((k, i) => [k.path, r.values[i] ?? null])),
    })),
  };
}

/** replications.csv: one row per replication, one column per KPI. */
export function replicationsCsv(results: ExperimentResults): string {
  const paths = results.kpis.map((k) => k.path);
  return toCsv(
    ['variant', 'replication', 'seed', 'eventsProcessed', ...paths],
    results.replications.map((r) => ({
      variant: r.variant,
      replication: r.replication,
      seed: r.seed,
      eventsProcessed: r.eventsProcessed,
      ...r.kpis,
    })),
  );
}
