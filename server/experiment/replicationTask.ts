import { createEngine, scenarioSchema, type Engine, type Scenario } from '../../sim/index.ts';
import { readKpi } from './kpiPath.ts';

/** One replication to run: plain data, so it crosses to a worker thread (or a queue) unchanged. */
export interface ReplicationTask {
  variant: number;
  replication: number;
  /** The variant's full scenario as JSON text (validated again where it runs). */
  scenarioJson: string;
  seed: string;
  /** Seed of the generated site when it is held fixed across replications (`site: 'fixed'`). */
  siteSeed?: string;
  warmupMs: number;
  endMs: number;
  kpis: { path: string; over: 'run' | 'after-warmup' }[];
}

/** What one replication measured; identical wherever and whenever it ran. */
export interface ReplicationResult {
  variant: number;
  replication: number;
  seed: string;
  /** One per KPI, in the experiment's order; null where the run left the KPI undefined. */
  values: (number | null)[];
  eventsProcessed: number;
}

// A worker runs many replications of few variants: validate each scenario text once.
const parsed = new Map<string, Scenario>();

function scenarioOf(json: string): Scenario {
  let s = parsed.get(json);
  if (!s) {
    s = scenarioSchema.parse(JSON.parse(json));
    if (parsed.size > 32) parsed.clear();
    parsed.set(json, s);
  }
  return s;
}

/** The engine of one replication at time 0: its scenario, its seed, and the site seed if fixed. */
export function replicationEngine(task: ReplicationTask): Engine {
  return createEngine(scenarioOf(task.scenarioJson), {
    seed: task.seed,
    ...(task.siteSeed === undefined ? {} : { siteSeed: task.siteSeed }),
  });
}

/**
 * Runs one replication headless through the engine's public API (as `bintwin run` does, without
 * a journal): to the end of the warm-up, reads the KPIs counted from there, then to the end.
 */
export function runReplication(task: ReplicationTask): ReplicationResult {
  const engine = replicationEngine(task);
  let atWarmup: unknown = null;
  if (task.kpis.some((k) => k.over === 'after-warmup')) {
    engine.runUntil(task.warmupMs);
    atWarmup = engine.kpis();
  }
  engine.runUntil(task.endMs);
  const end = engine.kpis();
  const values = task.kpis.map((k) => {
    const v = readKpi(end, k.path);
    if (k.over === 'run' || v === null) return v;
    const w = readKpi(atWarmup, k.path) ?? 0;
    return v - w;
  });
  return {
    variant: task.variant,
    replication: task.replication,
    seed: task.seed,
    values,
    eventsProcessed: engine.eventsProcessed(),
  };
}
