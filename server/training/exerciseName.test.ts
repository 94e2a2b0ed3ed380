import { describe, expect, it } from 'vitest';
import { exerciseLibrary } from './exerciseLibrary.ts';
import { exerciseSchema } from './exerciseSchema.ts';
import { saveExerciseBody } from './saveExercise.ts';
import { createSessionSchema } from './trainingSchemas.ts';

// An exercise's name is its file's name without `.json`: every place that takes one (a session's
// exercise, a saved exercise's name, the exercise file's own `name`, a library look-up) refuses a
// `.` with an error that says so, instead of taking "a.b" and failing later on a missing file.

const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (r.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('exercise names', () => {
  it('refuse a dot everywhere, naming it', () => {
    for (const bad of ['class.receiver-picker', 'picker-wrong-lot.json', '.hidden']) {
      const session = createSessionSchema.safeParse({ scenario: 'demo-dc', exercise: bad });
      expect(session.success).toBe(false);
      expect(messages(session)[0]).toMatch(/^exercise: .*no '\.'/);
      const saved = saveExerciseBody.safeParse({ simMs: 0, name: bad });
      expect(saved.success).toBe(false);
      expect(messages(saved)[0]).toMatch(/^name: .*no '\.'/);
      expect(() => exerciseLibrary('/nonexistent').load(bad)).toThrow(/not an exercise name: .*no '\.'/);
    }
    const file = exerciseSchema.safeParse({ schemaVersion: 1, name: 'a.b' });
    expect(messages(file)).toContainEqual(expect.stringMatching(/^name: .*no '\.'/));
  });

  it('take the plain ones', () => {
    expect(
      createSessionSchema.parse({ scenario: 'demo-dc', exercise: 'class-receiver-picker' }).exercise,
    ).toBe('class-receiver-picker');
    expect(saveExerciseBody.parse({ simMs: 0, name: 'from-330' }).name).toBe('from-330');
    expect(exerciseLibrary('/nonexistent').load('class-receiver-picker').exercise.name).toBe(
      'class-receiver-picker',
    );
  });
});
