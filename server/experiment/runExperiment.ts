import type { LoadedExperiment } from './loadExperiment.ts';
import { replicationSeed } from './loadExperiment.ts';
import type { ReplicationPool } from './replicationPool.ts';
import type { ReplicationResult, ReplicationTask } from './replicationTask.ts';
import { halfWidthOf, replicationsToAdd } from './sequentialRule.ts';
import { knOver, knSettings, seriesOf } from './knRule.ts';

const HOUR_MS = 3_600_000;

/** Every replication of an experiment, ordered by variant then replication. */
export interface ExperimentRun {
  /** Replications per variant (the same for all: they are paired). */
  n: number;
  /** Whether a sequential rule met its half-width target (null for a fixed count). */
  targetMet: boolean | null;
  /** With KN selection and sequential replications: whether KN had decided when it stopped (else null). */
  knDecided?: boolean;
  replications: ReplicationResult[];
}

/** Reports progress: replications finished and replications planned so far (grows in sequential mode). */
export type ProgressFn = (done: number, planned: number, last: ReplicationResult) => void;

/** The tasks of replications `from` … `to − 1` of every variant. */
export function replicationTasks(loaded: LoadedExperiment, from: number, to: number): ReplicationTask[] {
  const warmupMs = Math.round(loaded.warmupHours * HOUR_MS);
  const endMs = warmupMs + Math.round(loaded.runHours * HOUR_MS);
  const kpis = loaded.experiment.kpis.map((k) => ({ path: k.path, over: k.over }));
  const tasks: ReplicationTask[] = [];
  loaded.variants.forEach((v, variant) => {
    const scenarioJson = JSON.stringify(v.document);
    for (let r = from; r < to; r++)
      tasks.push({
        variant,
        replication: r,
        scenarioJson,
        seed: replicationSeed(loaded.seed, r),
        ...(loaded.experiment.site === 'fixed' ? { siteSeed: String(loaded.seed) } : {}),
        warmupMs,
        endMs,
        kpis,
      });
  });
  return tasks;
}

/**
 * Runs the experiment on a pool (threads here, or workers on a Redis queue), and closes it: a
 * fixed count in one round, or rounds until the sequential rule is satisfied. Results are
 * sorted, so they do not depend on finishing order.
 */
export async function runExperiment(
  loaded: LoadedExperiment,
  pool: ReplicationPool,
  onProgress: ProgressFn = () => {},
): Promise<ExperimentRun> {
  const rule = loaded.experiment.replications;
  const k = loaded.variants.length;
  const results: ReplicationResult[] = [];
  let n = 0;
  let planned = (typeof rule === 'number' ? rule : rule.initial) * k;
  let targetMet: boolean | null = null;
  const kn = knSettings(loaded.experiment);
  let knDecided: boolean | undefined;
  try {
    let add = typeof rule === 'number' ? rule : rule.initial;
    while (add > 0) {
      await pool.run(replicationTasks(loaded, n, n + add), (r) => {
        results.push(r);
        onProgress(results.length, planned, r);
      });
      n += add;
      if (typeof rule === 'number') break;
      const idx = loaded.experiment.kpis.findIndex((x) => x.path === rule.kpi);
      const widths = loaded.variants.map((_, v) =>
        halfWidthOf(
          results.filter((r) => r.variant === v).map((r) => r.values[idx] ?? null),
          loaded.experiment.confidence,
        ),
      );
      targetMet = widths.every((h) => h !== null && h <= rule.halfWidth);
      if (kn && k > 1) {
        // KN decides when to stop: once one variant is left (checked after whole rounds only, so
        // the stopping point does not depend on which replications finished first).
        knDecided = knOver(kn, seriesOf(results, k, n, kn.kpi))?.decided ?? false;
        add = knDecided || n >= rule.max ? 0 : Math.min(rule.step, rule.max - n);
      } else add = replicationsToAdd(rule, n, widths);
      planned += add * k;
    }
  } finally {
    await pool.close();
  }
  results.sort((a, b) => a.variant - b.variant || a.replication - b.replication);
  return { n, targetMet, ...(knDecided === undefined ? {} : { knDecided }), replications: results };
}
