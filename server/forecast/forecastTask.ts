import { runForkReplication, type ForkChange, type ForkReplication } from '../../sim/forecastApi.ts';
import { readSnapshot, scenarioSchema, type Scenario } from '../../sim/index.ts';

/** One forked replication to run on a worker thread: plain data. */
export interface ForecastTask {
  /** The live scenario as JSON text. */
  scenarioJson: string;
  /** The live run's snapshot at the fork, as JSON text (parsed afresh per task: the run mutates it). */
  snapshotJson: string;
  replication: number;
  horizonMs: number;
  change: ForkChange | null;
}

// A worker serves many replications of one forecast: validate the scenario text once.
let lastScenario: { json: string; scenario: Scenario } | null = null;

/** Runs one forked replication (see sim/forecastApi.ts). */
export function runForecastTask(t: ForecastTask): ForkReplication {
  if (lastScenario?.json !== t.scenarioJson)
    lastScenario = { json: t.scenarioJson, scenario: scenarioSchema.parse(JSON.parse(t.scenarioJson)) };
  const saved = readSnapshot(JSON.parse(t.snapshotJson));
  return runForkReplication(lastScenario.scenario, saved, t.replication, t.horizonMs, t.change ?? undefined);
}
