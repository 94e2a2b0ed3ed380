import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCheckpoint } from './snapshotFixture.ts';
import { ExerciseError, loadExercise } from './loadExercise.ts';

// `start.snapshot` of an exercise: a checkpoint beside it, checked at validation (inside the
// folder, present, a checkpoint, of the exercise's scenario, restorable on it).

let dir: string;
let outside: string;
const exercise = (snapshot: string, scenario = 'demo-dc'): Record<string, unknown> => ({
  schemaVersion: 1,
  name: 'from-snapshot',
  title: 'From a snapshot',
  scenario,
  start: { snapshot },
  roles: [{ role: 'picker', count: 1 }],
  objectives: ['pick'],
  standards: { pickTask: 1.5 },
  scoring: { passMark: 60 },
});

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bintwin-ex-'));
  outside = mkdtempSync(join(tmpdir(), 'bintwin-out-'));
  mkdirSync(join(dir, 'snapshots'));
  writeFileSync(join(dir, 'snapshots', 'at-20.json'), JSON.stringify(demoCheckpoint()));
  writeFileSync(join(dir, 'snapshots', 'torn.json'), '{"schemaVersion":1,');
  writeFileSync(join(outside, 'at-20.json'), JSON.stringify(demoCheckpoint()));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

function problemsOf(doc: Record<string, unknown>): string[] {
  writeFileSync(join(dir, 'from-snapshot.json'), JSON.stringify(doc));
  try {
    loadExercise('from-snapshot', { exercisesDir: dir });
  } catch (err) {
    if (err instanceof ExerciseError) return err.problems.map((p) => `${p.path}: ${p.message}`);
    throw err;
  }
  return [];
}

describe('exercise start.snapshot', () => {
  it('loads a checkpoint beside the exercise', () => {
    writeFileSync(join(dir, 'from-snapshot.json'), JSON.stringify(exercise('snapshots/at-20.json')));
    const x = loadExercise('from-snapshot', { exercisesDir: dir });
    expect(x.start?.checkpoint.simTime).toBe(20 * 60_000);
    expect(x.start?.file).toBe(join(dir, 'snapshots', 'at-20.json'));
  });

  it('refuses a path out of the folder, a missing file, a torn file, with path and message', () => {
    const rel = join('..', outside.split('/').at(-1)!, 'at-20.json');
    expect(problemsOf(exercise(rel))).toEqual([`start.snapshot: "${rel}" leaves the exercise's folder`]);
    expect(problemsOf(exercise(join(outside, 'at-20.json')))).toEqual([
      expect.stringMatching(/^start\.snapshot: ".*" must be a relative path inside the exercise's folder$/),
    ]);
    expect(problemsOf(exercise('snapshots/none.json'))).toEqual([
      expect.stringMatching(/^start\.snapshot: "snapshots\/none\.json": no such file beside the exercise/),
    ]);
    expect(problemsOf(exercise('snapshots/torn.json'))).toEqual([
      expect.stringMatching(
        /^start\.snapshot: "snapshots\/torn\.json" is not a readable checkpoint: not valid JSON/,
      ),
    ]);
  });

  it('refuses a snapshot of another scenario', () => {
    expect(problemsOf(exercise('snapshots/at-20.json', 'demo-dc-waves'))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^start\.snapshot: .* is a snapshot of scenario "demo-dc", not "demo-dc-waves"$/,
        ),
      ]),
    );
  });
});
