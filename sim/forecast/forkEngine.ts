import type { Scenario } from '../scenario/scenarioSchema.ts';
import type { EngineSnapshot } from '../engine/world.ts';
import { reseededState } from '../random/randomStreams.ts';
import { restoreEngine, type SimEngine } from '../engineApi.ts';
import type { ForkChange } from './forkChange.ts';
import { addWorkers } from './addWorkers.ts';
import { lockAisle } from '../engine/aisleLockCommands.ts';

/** The seed a fork's replication `r` re-seeds the live run's streams with. */
export function forkSeed(seed: string, replication: number): string {
  return `${seed}-fork-${replication}`;
}

/**
 * A what-if copy of a live run at its snapshot's time, without a journal: every random stream
 * the run has used is re-seeded from `<seed>-fork-<r>` (and streams first used later derive from
 * it too), so each replication draws its own future from the same present, and replication r
 * draws the same numbers with or without the change (common random numbers: a paired
 * comparison). The change is applied at the fork's time; the live run is not touched.
 */
export function forkEngine(
  scenario: Scenario,
  saved: EngineSnapshot,
  replication: number,
  change: ForkChange = {},
): SimEngine {
  const seed = forkSeed(saved.seed, replication);
  const forked: EngineSnapshot = { ...saved, random: reseededState(saved.random, seed), streamSeed: seed };
  const s =
    change.waveMinutes === undefined
      ? scenario
      : { ...scenario, release: { ...scenario.release, waveMinutes: change.waveMinutes } };
  const engine = restoreEngine(s, forked);
  if (change.addWorkers) addWorkers(engine.world, change.addWorkers.role, change.addWorkers.count);
  for (const a of change.lockAisles ?? []) {
    const r = lockAisle(engine.world, a);
    // An aisle locked in the live run already stays locked: that is the change asked for.
    if (!r.ok && !/locked already/.test(r.message)) throw new Error(`change.lockAisles: ${r.message}`);
  }
  return engine;
}
