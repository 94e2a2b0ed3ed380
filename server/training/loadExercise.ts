import { DRIVER_EXITS } from '../../sim/handheldApi.ts';
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Scenario } from '../../sim/index.ts';
import { formatIssues, locateJsonError, problemsMessage, type Problem } from '../scenarioProblems.ts';
import { mergeScenario, resolveExtends, ExtendsError } from '../scenarioExtends.ts';
import { baseReader, parseScenarioText, ScenarioError, SHIPPED_SCENARIOS_DIR } from '../scenarioLoader.ts';
import { exerciseSchema, MACHINE_OF_ROLE, type Exercise } from './exerciseSchema.ts';
import { checkStartSnapshot, type ExerciseStart } from './exerciseStart.ts';

/** The shipped exercises folder. */
export const SHIPPED_EXERCISES_DIR = join(SHIPPED_SCENARIOS_DIR, 'exercises');

/** The scenario role a trainee role takes a worker of (receivers, putaway drivers …). */
export const WORKER_ROLE_OF: Readonly<Record<string, string>> = {
  receiver: 'receiver',
  putaway: 'putaway',
  picker: 'picker',
  replenisher: 'replenisher',
  counter: 'counter',
};

/** An exercise file that cannot be used; the message lists every problem as `path: message`. */
export class ExerciseError extends Error {
  override readonly name = 'ExerciseError';

  /** `problems` stay available for callers (the trainer console shows them). */
  constructor(
    readonly source: string,
    readonly problems: readonly Problem[],
    headline?: string,
  ) {
    super(problemsMessage(source, problems, headline));
  }
}

/** A validated exercise with its scenario resolved (overrides merged, validated). */
export interface LoadedExercise {
  exercise: Exercise;
  source: string;
  scenario: Scenario;
  /** The saved start state `start.snapshot` names, checked against the scenario; null without one. */
  start: ExerciseStart | null;
}

/** `name` is a shipped exercise (`picker-wrong-lot`) or a path to a `.json` file. */
export function exercisePath(name: string, dir: string = SHIPPED_EXERCISES_DIR): string {
  return name.includes('/') || name.endsWith('.json') ? resolve(name) : join(dir, `${name}.json`);
}

/** Names of the shipped exercises, sorted. */
export function listExercises(dir: string = SHIPPED_EXERCISES_DIR): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => basename(f, '.json'))
      .sort();
  } catch {
    return [];
  }
}

/** Reads and validates an exercise and its scenario; throws ExerciseError listing every problem. */
export function loadExercise(
  name: string,
  dirs: { exercisesDir?: string; scenariosDir?: string } = {},
): LoadedExercise {
  const source = exercisePath(name, dirs.exercisesDir);
  let text: string;
  try {
    text = readFileSync(source, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ExerciseError(
      name,
      [],
      `${name}: cannot read exercise: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`,
    );
  }
  return parseExerciseText(text, source, dirs.scenariosDir);
}

/** Validates exercise JSON text (`source` labels the messages). */
export function parseExerciseText(
  text: string,
  source: string,
  scenariosDir = SHIPPED_SCENARIOS_DIR,
): LoadedExercise {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const { line, column, reason } = locateJsonError(text, err);
    throw new ExerciseError(source, [], `${source}:${line}:${column}: JSON syntax error: ${reason}`);
  }
  const parsed = exerciseSchema.safeParse(data);
  if (!parsed.success) throw new ExerciseError(source, formatIssues(parsed.error.issues, data));
  const exercise = parsed.data;
  const read = baseReader(scenariosDir);
  let scenario: Scenario;
  try {
    const base = read(exercise.scenario, source);
    const doc = mergeScenario(resolveExtends(base.data, base.source, read), exercise.overrides);
    scenario = parseScenarioText(JSON.stringify(doc), exercise.scenario).scenario;
  } catch (err) {
    if (err instanceof ScenarioError)
      throw new ExerciseError(
        source,
        err.problems.length > 0
          ? err.problems.map((p) => ({
              path: `overrides.${p.path}`,
              message: `scenario "${exercise.scenario}" with the overrides: ${p.message}`,
            }))
          : [{ path: 'scenario', message: err.message.replace(/\n\s*/g, '; ') }],
      );
    if (err instanceof ExtendsError)
      throw new ExerciseError(source, [{ path: 'scenario', message: err.message }]);
    throw err;
  }
  const problems = crossCheck(exercise, scenario);
  let start: ExerciseStart | null = null;
  if (exercise.start.snapshot !== undefined) {
    const r = checkStartSnapshot(exercise.start.snapshot, source, exercise.scenario, scenario);
    if ('path' in r) problems.push(r);
    else start = r;
  }
  if (problems.length > 0) throw new ExerciseError(source, problems);
  return { exercise, source, scenario, start };
}

/** What the schema alone cannot see: enough workers for the roles, cues naming trainees who exist. */
function crossCheck(x: Exercise, s: Scenario): Problem[] {
  const out: Problem[] = [];
  x.roles.forEach((r, i) => {
    const have = s.workers.filter((w) => w.role === WORKER_ROLE_OF[r.role]).reduce((a, w) => a + w.count, 0);
    if (have < r.count)
      out.push({
        path: `roles[${i}].count`,
        message: `${r.count} ${r.role}(s) wanted but scenario "${x.scenario}" has ${have} ${WORKER_ROLE_OF[r.role]} worker(s)`,
      });
  });
  x.roles.forEach((r, i) => {
    const m = MACHINE_OF_ROLE[r.role];
    if (x.standards[m] === undefined)
      out.push({
        path: 'standards',
        message: `no engineered standard for ${m}, the task of roles[${i}] (${r.role})`,
      });
  });
  const seats = x.roles.reduce((a, r) => a + r.count, 0);
  const roles = new Set<string>(x.roles.map((r) => r.role));
  x.cues.forEach((c, i) => {
    for (const [where, who] of [
      ['when', 'who' in c.when ? c.when.who : undefined],
      ['do', c.do.who],
    ] as const) {
      if (who === undefined) continue;
      if (/^T\d+$/.test(who) ? Number(who.slice(1)) > seats : !roles.has(who))
        out.push({
          path: `cues[${i}].${where}.who`,
          message: `"${who}" is not among the exercise's trainees (roles: ${[...roles].join(', ')}; ${seats} seat(s))`,
        });
    }
  });
  const offered = new Set(Object.values(DRIVER_EXITS).flat());
  for (const [cause, exits] of Object.entries(x.catchExits))
    (exits ?? []).forEach((e, i) => {
      if (!offered.has(e))
        out.push({
          path: `catchExits.${cause}[${i}]`,
          message: `"${e}" is not an exit the handheld offers (${[...offered].join(', ')})`,
        });
    });
  return out;
}
