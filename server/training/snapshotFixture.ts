import { createEngine } from '../../sim/index.ts';
import { CHECKPOINT_SCHEMA_VERSION, type CheckpointFile } from '../live/checkpointFile.ts';
import { loadScenario } from '../scenarioLoader.ts';

// A saved start state for the training tests (exercise start snapshots).

/** A demo-dc checkpoint at `minutes` sim minutes (20), as a rewind point holds it. */
export function demoCheckpoint(minutes = 20): CheckpointFile {
  const { scenario } = loadScenario('demo-dc');
  const e = createEngine(scenario, { seed: String(scenario.seed) });
  e.runUntil(minutes * 60_000);
  const engine = e.snapshot();
  return {
    schemaVersion: CHECKPOINT_SCHEMA_VERSION,
    runId: 'R-0001-demo-dc',
    scenario: 'demo-dc',
    seed: engine.seed,
    lastSeq: engine.counters.journal,
    simTime: engine.now,
    savedAt: '2026-12-02T00:00:00.000Z',
    pacing: { speed: 1, paused: true, until: null },
    inputs: 0,
    engine,
  };
}
