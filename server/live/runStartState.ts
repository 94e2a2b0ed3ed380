import { existsSync } from 'node:fs';
import type { EngineSnapshot } from '../../sim/index.ts';
import { readCheckpointFile } from './checkpointFile.ts';
import { startStateFile } from './liveRun.ts';

// Where a live run began, for a reset (issue 14): a run started from a saved state (an
// exercise's start snapshot) keeps it as `start.json`, and a reset starts the run again from it
// rather than from the scenario's time 0.

/** The saved state a run began at (its `start.json`), or null when it began at the scenario's start. */
export function runStartState(runDir: string): EngineSnapshot | null {
  const file = startStateFile(runDir);
  return existsSync(file) ? readCheckpointFile(file).engine : null;
}
