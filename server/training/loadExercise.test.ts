import { describe, expect, it } from 'vitest';
import { ExerciseError, listExercises, loadExercise, parseExerciseText } from './loadExercise.ts';

const good = {
  schemaVersion: 1,
  name: 'x',
  title: 'X',
  scenario: 'demo-dc',
  roles: [{ role: 'picker', count: 1 }],
  objectives: ['pick'],
  standards: { pickTask: 1.5 },
  scoring: { passMark: 60 },
};

function problems(doc: unknown): string[] {
  try {
    parseExerciseText(JSON.stringify(doc), 'x.json');
  } catch (err) {
    if (err instanceof ExerciseError) return err.problems.map((p) => `${p.path}: ${p.message}`);
    throw err;
  }
  return [];
}

describe('exercise files', () => {
  it('ships exercises that validate', () => {
    expect(listExercises()).toEqual(expect.arrayContaining(['picker-wrong-lot', 'receiving-short']));
    for (const n of listExercises()) expect(loadExercise(n).exercise.name).toBe(n);
  });

  it('fills defaults', () => {
    const x = parseExerciseText(JSON.stringify(good), 'x.json').exercise;
    expect(x).toMatchObject({ speed: 1, start: { minutes: 0 }, targetTasks: 10, cues: [] });
    expect(x.scoring.weights.exceptions).toBe(2);
  });

  it('names the path and what is wrong', () => {
    expect(problems(good)).toEqual([]);
    expect(problems({ ...good, speed: -1, colour: 'red' })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^speed: /), 'colour: unknown field']),
    );
    expect(
      problems({
        ...good,
        cues: [{ id: 'a', when: { kind: 'at', minutes: 1 }, do: { kind: 'inject', cause: 'shrink' } }],
      }),
    ).toEqual([expect.stringMatching(/^cues\[0\]\.do\.cause: /)]);
    expect(
      problems({
        ...good,
        cues: [
          { id: 'a', when: { kind: 'at', minutes: 1 }, do: { kind: 'message', text: 'x' } },
          {
            id: 'a',
            when: { kind: 'tasksDone', who: 'receiver', count: 2 },
            do: { kind: 'message', text: 'y' },
          },
        ],
      }),
    ).toEqual(['cues[1].id: duplicate cue id "a"']);
  });

  it('checks the exercise against its scenario', () => {
    expect(
      problems({
        ...good,
        roles: [
          { role: 'picker', count: 1 },
          { role: 'receiver', count: 5 },
        ],
      }),
    ).toEqual([
      'roles[1].count: 5 receiver(s) wanted but scenario "demo-dc" has 3 receiver worker(s)',
      'standards: no engineered standard for receipt, the task of roles[1] (receiver)',
    ]);
    expect(
      problems({
        ...good,
        cues: [
          { id: 'a', when: { kind: 'tasksDone', who: 'T2', count: 2 }, do: { kind: 'message', text: 'y' } },
        ],
      }),
    ).toEqual([expect.stringMatching(/^cues\[0\]\.when\.who: "T2" is not among/)]);
    expect(problems({ ...good, overrides: { demand: { arrivals: { ratePerHour: -3 } } } })).toEqual([
      expect.stringMatching(
        /^overrides\.demand\.arrivals\.ratePerHour: scenario "demo-dc" with the overrides: /,
      ),
    ]);
    expect(problems({ ...good, scenario: 'nope' })).toEqual([expect.stringMatching(/^scenario: /)]);
    expect(problems({ ...good, catchExits: { wrongLot: ['short', 'changeLot'] } })).toEqual([
      'catchExits.wrongLot[1]: "changeLot" is not an exit the handheld offers (short, overrideRequest)',
    ]);
  });
});
