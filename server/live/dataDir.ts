import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Where the live server keeps its state. One folder, so a backup is a copy and a fresh start
 * is a delete:
 *   settings.json            tokens and settings (lowdb, schema-versioned)
 *   runs.json                the run index and the current run (lowdb)
 *   scenarios/<name>.json    uploaded scenarios
 *   runs/<runId>/            scenario.json, journal segments (journal.ndjson, journal-<seq>.ndjson[.gz]),
 *                            checkpoint.json, kpis.json, feed log
 */
export interface DataDir {
  root: string;
  settingsFile: string;
  runIndexFile: string;
  scenariosDir: string;
  runsDir: string;
  runDir(runId: string): string;
}

/** Resolves (and creates) the data folder layout. */
export function openDataDir(root: string): DataDir {
  const abs = resolve(root);
  const dir: DataDir = {
    root: abs,
    settingsFile: join(abs, 'settings.json'),
    runIndexFile: join(abs, 'runs.json'),
    scenariosDir: join(abs, 'scenarios'),
    runsDir: join(abs, 'runs'),
    runDir: (id) => join(abs, 'runs', id),
  };
  mkdirSync(dir.scenariosDir, { recursive: true });
  mkdirSync(dir.runsDir, { recursive: true });
  return dir;
}

/** Files of one run folder. */
export function runFiles(runDir: string): {
  scenario: string;
  journal: string;
  checkpoint: string;
  kpis: string;
  /** The truth log (physical-only happenings), beside the journal as the CLI writes it. */
  truth: string;
  /** The reconciliation reports (CSV, SVG), rewritten at checkpoints and when the run closes. */
  reports: string;
} {
  return {
    truth: join(runDir, 'truth.ndjson'),
    reports: join(runDir, 'reports'),
    scenario: join(runDir, 'scenario.json'),
    journal: join(runDir, 'journal.ndjson'),
    checkpoint: join(runDir, 'checkpoint.json'),
    kpis: join(runDir, 'kpis.json'),
  };
}
