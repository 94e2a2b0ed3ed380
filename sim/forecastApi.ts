// Public entry point of fork-from-now (issue 15): the live twin's what-if. The server hands a
// live run's snapshot here and gets each replication's outcome back; the forked world stays
// inside sim/.
import type { Scenario } from './scenario/scenarioSchema.ts';
import type { EngineSnapshot } from './engine/world.ts';
import { forkEngine } from './forecast/forkEngine.ts';
import { forkOutcome, type ForkOutcome } from './forecast/forkOutcome.ts';
import type { ForkChange } from './forecast/forkChange.ts';

export { forkChangeProblems, type ForkChange, type ForkChangeProblem } from './forecast/forkChange.ts';
export { nextCutoff, type ForkOutcome } from './forecast/forkOutcome.ts';
export { forkSeed } from './forecast/forkEngine.ts';
export { roleSchema } from './scenario/scenarioSchema.ts';
export { wilsonInterval, type ShareInterval } from './stats/wilson.ts';

/** One forked replication's result. */
export interface ForkReplication extends ForkOutcome {
  replication: number;
  eventsProcessed: number;
}

/**
 * Runs replication `r` of a fork of `saved` (a snapshot of a run of `scenario`) to `horizonMs`
 * (sim time, after the snapshot's) and reads its outcome there. Deterministic: the same
 * snapshot, replication, horizon and change give the same result.
 */
export function runForkReplication(
  scenario: Scenario,
  saved: EngineSnapshot,
  replication: number,
  horizonMs: number,
  change?: ForkChange,
): ForkReplication {
  const engine = forkEngine(scenario, saved, replication, change);
  const start = engine.eventsProcessed();
  engine.runUntil(horizonMs);
  return { replication, ...forkOutcome(engine.world), eventsProcessed: engine.eventsProcessed() - start };
}
