import { realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { restoreEngine, type Scenario } from '../../sim/index.ts';
import { readCheckpointFile, type CheckpointFile } from '../live/checkpointFile.ts';
import type { Problem } from '../scenarioProblems.ts';

// An exercise's saved start state (issue 14): `start.snapshot` names a checkpoint file — a rewind
// point of a recorded session, as "save this rewind point as an exercise" writes it — beside the
// exercise (usually `snapshots/<name>.json`). It must stay inside the exercise's folder, exist,
// be a readable checkpoint of the exercise's scenario, and restore on that scenario (with the
// overrides merged) — the same check a session's start does, done once at validation.

/** A start snapshot as validated: its file and checkpoint. */
export interface ExerciseStart {
  file: string;
  checkpoint: CheckpointFile;
}

/** Checked files, by path, size and mtime: an exercise is loaded on every scores push and listing. */
const checked = new Map<string, { key: string; result: ExerciseStart | Problem }>();

/** The folder a snapshot path is resolved in and must stay inside: the exercise file's own. */
export function exerciseFolder(source: string): string {
  return dirname(resolve(source));
}

/**
 * Validates `start.snapshot` of the exercise in `source` against its merged scenario: a problem
 * (path `start.snapshot`) or the start state.
 */
export function checkStartSnapshot(
  snapshot: string,
  source: string,
  scenarioName: string,
  scenario: Scenario,
): ExerciseStart | Problem {
  const folder = exerciseFolder(source);
  const bad = (message: string): Problem => ({ path: 'start.snapshot', message });
  if (isAbsolute(snapshot) || snapshot.includes('\\'))
    return bad(`"${snapshot}" must be a relative path inside the exercise's folder`);
  const file = resolve(folder, snapshot);
  const inside = (f: string, root: string): boolean => {
    const r = relative(root, f);
    return r !== '' && !r.startsWith('..') && !isAbsolute(r);
  };
  if (!inside(file, folder)) return bad(`"${snapshot}" leaves the exercise's folder`);
  let stat;
  try {
    stat = statSync(file);
  } catch {
    return bad(`"${snapshot}": no such file beside the exercise (${folder}${sep})`);
  }
  // A link inside the folder pointing out of it is a way out too.
  if (!inside(realpathSync(file), realpathSync(folder)))
    return bad(`"${snapshot}" leaves the exercise's folder (through a link)`);
  const key = `${stat.size}:${stat.mtimeMs}:${scenarioName}:${scenario.workers.length}`;
  const hit = checked.get(file);
  if (hit && hit.key === key) return hit.result;
  const result = check(file, snapshot, scenarioName, scenario, bad);
  checked.set(file, { key, result });
  return result;
}

function check(
  file: string,
  snapshot: string,
  scenarioName: string,
  scenario: Scenario,
  bad: (m: string) => Problem,
): ExerciseStart | Problem {
  let cp: CheckpointFile;
  try {
    cp = readCheckpointFile(file);
  } catch (err) {
    // The reader names the file; the exercise's message names the field and the path given.
    const why = (err instanceof Error ? err.message : String(err)).replace(`${file}: `, '');
    return bad(`"${snapshot}" is not a readable checkpoint: ${why.replace(/; start a new run.*$/, '')}`);
  }
  if (cp.scenario !== scenarioName || cp.engine.scenario !== scenarioName)
    return bad(`"${snapshot}" is a snapshot of scenario "${cp.engine.scenario}", not "${scenarioName}"`);
  try {
    restoreEngine(scenario, cp.engine, {});
  } catch (err) {
    return bad(
      `"${snapshot}" does not restore on scenario "${scenarioName}" with the overrides: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  return { file, checkpoint: cp };
}
