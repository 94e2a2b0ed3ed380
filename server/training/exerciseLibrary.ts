import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { listExercises, loadExercise, SHIPPED_EXERCISES_DIR, type LoadedExercise } from './loadExercise.ts';
import { ExerciseError } from './loadExercise.ts';
import { EXERCISE_NAME, exerciseName } from './exerciseSchema.ts';

// The exercises a live server offers (issue 14): the shipped ones (`scenarios/exercises/`) and
// the ones trainers saved from a session's rewind point (`<dataDir>/exercises/`, each with its
// start snapshot under `snapshots/`). A name is one or the other: saving never replaces one.

export { EXERCISE_NAME } from './exerciseSchema.ts';

/** Shipped and saved exercises, found by name. */
export class ExerciseLibrary {
  /** `savedDir` is `<dataDir>/exercises`. */
  constructor(
    readonly savedDir: string,
    readonly shippedDir: string = SHIPPED_EXERCISES_DIR,
  ) {}

  /** Every exercise name with where it comes from, shipped first, each list sorted. */
  list(): { name: string; origin: 'shipped' | 'saved' }[] {
    const shipped = listExercises(this.shippedDir);
    return [
      ...shipped.map((name) => ({ name, origin: 'shipped' as const })),
      ...listExercises(this.savedDir)
        .filter((n) => !shipped.includes(n))
        .map((name) => ({ name, origin: 'saved' as const })),
    ];
  }

  /** The folder holding `<name>.json`, or null when no exercise has that name. */
  folderOf(name: string): string | null {
    if (!EXERCISE_NAME.test(name)) return null;
    for (const dir of [this.shippedDir, this.savedDir]) if (existsSync(join(dir, `${name}.json`))) return dir;
    return null;
  }

  /** Loads and validates an exercise by name; ExerciseError when unknown or invalid. */
  load(name: string): LoadedExercise {
    const bad = exerciseName.safeParse(name);
    if (!bad.success)
      throw new ExerciseError(name, [], `${name}: not an exercise name: ${bad.error.issues[0]!.message}`);
    const dir = this.folderOf(name);
    if (dir === null) throw new ExerciseError(name, [], `${name}: cannot read exercise: no such file`);
    return loadExercise(name, { exercisesDir: dir });
  }
}

/** The library of a server whose data folder is `dataRoot`. */
export function exerciseLibrary(dataRoot: string): ExerciseLibrary {
  return new ExerciseLibrary(join(dataRoot, 'exercises'));
}
