import { describe, expect, it } from 'vitest';
import type { TruthEvent } from '../../sim/index.ts';
import { exerciseSchema } from './exerciseSchema.ts';
import { scoreTrainee, type ScoreInput } from './scoring.ts';
import type { TrainerLogRecord } from './trainerLog.ts';
import { act, ev, trainee } from './trainingFixtures.ts';

const MIN = 60_000;
const exercise = exerciseSchema.parse({
  schemaVersion: 1,
  name: 'hand',
  title: 'Hand-computed',
  scenario: 'demo-dc',
  roles: [{ role: 'picker', count: 1 }],
  objectives: ['pick'],
  standards: { pickTask: 2 },
  targetTasks: 4,
  gapTolerance: 10,
  scoring: {
    weights: { throughput: 1, pace: 1, scanCompliance: 1, accuracy: 1, exceptions: 1, ledger: 1 },
    penalties: { perHint: 2, perRefused: 1 },
    passMark: 60,
  },
});
const T1 = trainee('T1', 'picker', 'P01');
const base = { seq: 0, wallIso: '2026-12-02T00:00:00.000Z' };
const log: TrainerLogRecord[] = [
  {
    ...base,
    simMs: 4.5 * MIN,
    by: 'trainer',
    kind: 'inject',
    traineeId: 'T1',
    workerCode: 'P01',
    cause: 'wrongLot',
    ok: true,
    message: '',
  },
  {
    ...base,
    simMs: 7.5 * MIN,
    by: 'cue',
    cue: 'c',
    kind: 'inject',
    traineeId: 'T1',
    workerCode: 'P01',
    cause: 'uomError',
    ok: true,
    message: '',
  },
  {
    ...base,
    simMs: 7.6 * MIN,
    by: 'trainer',
    kind: 'inject',
    traineeId: 'T2',
    workerCode: 'P02',
    cause: 'uomError',
    ok: true,
    message: '',
  },
  { ...base, simMs: 2 * MIN, by: 'trainer', kind: 'message', traineeId: 'T1', text: 'check the lot' },
  { ...base, simMs: 2 * MIN, by: 'cue', cue: 'w', kind: 'message', traineeId: 'T1', text: 'welcome' },
];
const truth = (
  id: string,
  t: number,
  cause: TruthEvent['cause'],
  worker: string | undefined,
  d: number,
  of?: string,
): TruthEvent => ({
  id,
  seq: 0,
  t,
  cause,
  ...(worker !== undefined ? { worker } : {}),
  ...(of !== undefined ? { of } : {}),
  bin: 'A',
  sku: 'S',
  changes: [],
  delta: [{ bin: 'A', sku: 'S', lot: '', status: 'available', delta: d }],
});
const input: ScoreInput = {
  trainerLog: log,
  exercise,
  trainee: T1,
  startSimMs: 0,
  journal: [
    ev(3 * MIN, 'pick.confirmed', 'P01', { docs: { task: 'PT-1' } }),
    ev(8 * MIN, 'pick.confirmed', 'P01', {
      docs: { task: 'PT-2' },
      actor: { worker: 'P01', role: 'picker', method: 'override' },
    }),
    ev(9 * MIN, 'pick.confirmed', 'P09', { docs: { task: 'PT-3' } }),
  ],
  actions: [
    act(1 * MIN, { taskId: 'PT-1', input: 'binLabel', via: 'scan' }),
    act(1.5 * MIN, { taskId: 'PT-1', input: 'gs1Item', via: 'keyed' }),
    act(2 * MIN, { taskId: 'PT-1', input: 'lot', via: 'scan', outcome: 'refused', reason: 'wrong lot' }),
    act(2.5 * MIN, { taskId: 'PT-1', input: 'lot', via: 'scan' }),
    act(5 * MIN, { taskId: 'PT-2', input: 'binLabel', via: 'kit' }),
    act(7 * MIN, { taskId: 'PT-2', input: 'exit', exit: 'changeLot', via: 'keyed' }),
    act(7 * MIN, { taskId: 'PT-9', workerCode: 'P02', input: 'lot', outcome: 'refused' }),
  ],
  truth: [
    truth('T1', 8 * MIN, 'uomError', 'P01', -3),
    truth('T2', 10 * MIN, 'consequence', undefined, 1, 'T1'),
    truth('T3', 10 * MIN, 'misPutaway', 'P05', 7),
    truth('T4', 11 * MIN, 'shrink', undefined, -2),
  ],
};

describe('scoring a trainee', () => {
  it('matches the hand computation', () => {
    const s = scoreTrainee(input);
    expect(s.tasksDone).toBe(2);
    // PT-1 1→3 min, PT-2 5→8 min: 5 min against a standard of 2 × 2 min.
    expect(s.perMachine['pickTask']).toEqual({ tasks: 2, meanMinutes: 2.5, standardMinutes: 2 });
    expect(s.scans).toEqual({ scanned: 3, keyed: 1, overridden: 1 });
    expect(s.errors).toEqual({ bin: 0, item: 0, lot: 1, quantity: 0 });
    expect(s.refused).toBe(1);
    expect(s.hints).toBe(1);
    expect(s.injections).toEqual([
      { cause: 'wrongLot', simMs: 4.5 * MIN, result: 'caught', atMs: 7 * MIN },
      { cause: 'uomError', simMs: 7.5 * MIN, result: 'missed', atMs: 8 * MIN },
    ]);
    expect(s.gap).toEqual({ net: -2, abs: 4 });
    expect(s.parts).toEqual({
      throughput: 0.5,
      pace: 0.8,
      scanCompliance: 0.6,
      accuracy: 0.5,
      exceptions: 0.5,
      ledger: 0.6,
    });
    // (0.5 + 0.8 + 0.6 + 0.5 + 0.5 + 0.6) / 6 = 0.58333 → 58.33 − 2 (hint) − 1 (refused) = 55.3
    expect(s.score).toBe(55.3);
    expect(s.pass).toBe(false);
  });

  it('weights and the pass mark come from the exercise', () => {
    const x = structuredClone(exercise);
    x.scoring.weights = { throughput: 0, pace: 1, scanCompliance: 0, accuracy: 0, exceptions: 0, ledger: 0 };
    x.scoring.penalties = { perHint: 0, perRefused: 0 };
    x.scoring.passMark = 80;
    const s = scoreTrainee({ ...input, exercise: x });
    expect(s.score).toBe(80);
    expect(s.pass).toBe(true);
  });

  it('an injection not yet met is pending, and a trainee who did nothing earns only what needs no work', () => {
    const s = scoreTrainee({ ...input, journal: [], actions: [], truth: [], trainerLog: log.slice(0, 1) });
    expect(s.injections).toEqual([{ cause: 'wrongLot', simMs: 4.5 * MIN, result: 'pending' }]);
    expect(s.parts).toEqual({
      throughput: 0,
      pace: 0,
      scanCompliance: 0,
      accuracy: 0,
      exceptions: 1,
      ledger: 1,
    });
    expect(s.score).toBe(33.3);
  });
});
