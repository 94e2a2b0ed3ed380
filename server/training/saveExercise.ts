import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { HttpError } from '../http/httpErrors.ts';
import { writeFileAtomic } from '../live/atomicWrite.ts';
import { readCheckpointFile } from '../live/checkpointFile.ts';
import { listRewindPoints } from '../live/rewindPoints.ts';
import type { ExerciseLibrary } from './exerciseLibrary.ts';
import { exerciseName } from './exerciseSchema.ts';
import { ExerciseError } from './loadExercise.ts';
import type { TrainingSession } from './trainingTypes.ts';

// "Save this rewind point as a new exercise" (issue 14): one of a session's automatic rewind
// points becomes the start state of a new exercise in `<dataDir>/exercises/`: the point's
// checkpoint is copied to `snapshots/<name>.json` and the exercise file keeps the session's
// exercise (scenario, overrides, roles, objectives, cues, standards, scoring) with the new name
// and title and `start.snapshot`. A name already used (shipped or saved) is refused: nothing is
// overwritten; the name allows no path. The new file is validated as any exercise before it is
// kept.

/** `POST /api/training/sessions/:id/save-exercise`: which point, and the new exercise's name and title. */
export const saveExerciseBody = z.strictObject({
  simMs: z.number().int().nonnegative(),
  name: exerciseName,
  title: z.string().min(1).max(120).optional(),
});

/** What a save needs: the session, the live run's folder (its rewind points), the library. */
export interface SaveExerciseInput {
  session: TrainingSession;
  liveRunId: string;
  runFolder: string;
  library: ExerciseLibrary;
  body: z.output<typeof saveExerciseBody>;
}

const hm = (ms: number): string =>
  `${Math.floor(ms / 3_600_000)}:${String(Math.floor(ms / 60_000) % 60).padStart(2, '0')}`;

/** Writes the new exercise and its snapshot; HttpError (400/404/409) says what was wrong. */
export function saveRewindPointAsExercise(i: SaveExerciseInput): {
  name: string;
  file: string;
  snapshot: string;
} {
  const { session: s, body: b, library } = i;
  const problem = (status: number, path: string, message: string): HttpError =>
    new HttpError(status, 'cannot save the exercise', { ok: false, problems: [{ path, message }] });
  if (s.exercise === null)
    throw problem(409, 'session', `session ${s.id} is free play: there is no exercise to copy`);
  if (s.runId !== undefined && s.runId !== i.liveRunId)
    throw problem(409, 'session', `session ${s.id} ran on run ${s.runId}; its rewind points are gone`);
  const point = listRewindPoints(i.runFolder).find((p) => p.simMs === b.simMs);
  if (!point) throw problem(404, 'simMs', `no rewind point at sim ${b.simMs} ms`);
  if (library.folderOf(b.name) !== null)
    throw problem(409, 'name', `an exercise named "${b.name}" exists already; choose another name`);
  const snapshotRel = `snapshots/${b.name}.json`;
  const snapshotFile = join(library.savedDir, snapshotRel);
  if (existsSync(snapshotFile))
    throw problem(409, 'name', `${snapshotRel} exists already; choose another name`);
  const { exercise: x } = library.load(s.exercise);
  const text = readFileSync(point.file, 'utf8');
  readCheckpointFile(point.file);
  const doc = {
    ...x,
    name: b.name,
    title: b.title ?? `${x.title} from ${hm(b.simMs)}`,
    description: `Saved from session ${s.id} (exercise ${s.exercise}) at sim ${hm(b.simMs)}.${x.description ? ` ${x.description}` : ''}`,
    start: { minutes: b.simMs / 60_000, snapshot: snapshotRel },
  };
  const file = join(library.savedDir, `${b.name}.json`);
  mkdirSync(join(library.savedDir, 'snapshots'), { recursive: true });
  writeFileAtomic(snapshotFile, text);
  writeFileAtomic(file, JSON.stringify(doc, null, 2) + '\n');
  try {
    library.load(b.name);
  } catch (err) {
    rmSync(file, { force: true });
    rmSync(snapshotFile, { force: true });
    if (err instanceof ExerciseError)
      throw new HttpError(400, err.message, { ok: false, problems: err.problems });
    throw err;
  }
  return { name: b.name, file, snapshot: snapshotFile };
}
