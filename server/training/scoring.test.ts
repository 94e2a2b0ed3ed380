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
  ref: string | null = `J-${id}`,
): TruthEvent => ({
  id,
  seq: 0,
  t,
  cause,
  ...(ref !== null ? { ref } : {}),
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
    act(7 * MIN, { taskId: 'PT-2', input: 'exit', exit: 'short', via: 'keyed' }),
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
  it('a counter’s count is one task however it ends: out of tolerance (recounted by another), or posted line by line', () => {
    const C = trainee('T1', 'counter', 'C01');
    const x = exerciseSchema.parse({
      ...exercise,
      roles: [{ role: 'counter', count: 1 }],
      standards: { cycleCount: 2 },
    });
    const s = scoreTrainee({
      ...input,
      exercise: x,
      trainee: C,
      trainerLog: [],
      truth: [],
      journal: [
        ev(3 * MIN, 'count.outOfTolerance', 'C01', { docs: { count: 'CC-1' } }),
        ev(6 * MIN, 'count.posted', 'C01', { docs: { count: 'CC-2' } }),
        ev(6 * MIN, 'count.posted', 'C01', { docs: { count: 'CC-2' } }),
        ev(20 * MIN, 'count.posted', 'C02', { docs: { count: 'CC-1' } }),
      ],
      actions: [
        act(1 * MIN, { workerCode: 'C01', machine: 'cycleCount', taskId: 'CC-1' }),
        act(4 * MIN, { workerCode: 'C01', machine: 'cycleCount', taskId: 'CC-2' }),
      ],
    });
    expect(s.tasksDone).toBe(2);
    // CC-1 1→3 min, CC-2 4→6 min.
    expect(s.perMachine['cycleCount']).toEqual({ tasks: 2, meanMinutes: 2, standardMinutes: 2 });
  });

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

  it('the set-up of an injected wrong lot (a face swap that posts nothing) is neither a miss nor their gap', () => {
    // The face is swapped on arrival at 5 min (no system transaction); the picker declares it short at 7.
    const swap = { ...truth('T9', 5 * MIN, 'wrongLot', 'P01', 0, undefined, null) };
    swap.delta = [
      { bin: 'A', sku: 'S', lot: 'L1', status: 'available', delta: -4 },
      { bin: 'A', sku: 'S', lot: 'L2', status: 'available', delta: 4 },
    ];
    const s = scoreTrainee({ ...input, truth: [swap], trainerLog: log.slice(0, 1) });
    expect(s.injections).toEqual([{ cause: 'wrongLot', simMs: 4.5 * MIN, result: 'caught', atMs: 7 * MIN }]);
    expect(s.gap).toEqual({ net: 0, abs: 0 });
    expect(s.errors.lot).toBe(1); // the refused lot scan only
  });

  it('an exit the handheld does not offer (changeLot) does not catch a wrong lot', () => {
    const actions = input.actions.map((a) => (a.exit === 'short' ? { ...a, exit: 'changeLot' } : a));
    const s = scoreTrainee({ ...input, actions, truth: [], trainerLog: log.slice(0, 1) });
    expect(s.injections).toEqual([{ cause: 'wrongLot', simMs: 4.5 * MIN, result: 'pending' }]);
  });

  it('a receiver catches an injected short load by posting the counted line as a discrepancy', () => {
    const R1 = trainee('T1', 'receiver', 'R01');
    const inject: TrainerLogRecord = {
      ...base,
      simMs: 1 * MIN,
      by: 'trainer',
      kind: 'inject',
      traineeId: 'T1',
      workerCode: 'R01',
      cause: 'shortReceipt',
      ok: true,
      message: '',
    };
    const line = (t: number, reason: string) =>
      ev(t, 'receipt.lineReceived', 'R01', { reason, docs: { receipt: 'RC-1' } });
    const caught = scoreTrainee({
      ...input,
      trainee: R1,
      journal: [line(2 * MIN, 'asn handheld'), line(3 * MIN, 'discrepancy:short asn handheld')],
      actions: [],
      truth: [],
      trainerLog: [inject],
    });
    expect(caught.injections).toEqual([
      { cause: 'shortReceipt', simMs: MIN, result: 'caught', atMs: 3 * MIN },
    ]);
    const missed = scoreTrainee({
      ...input,
      trainee: R1,
      journal: [line(2 * MIN, 'asn handheld')],
      actions: [],
      truth: [{ ...truth('T8', 2 * MIN, 'shortReceipt', 'R01', -3) }],
      trainerLog: [inject],
    });
    expect(missed.injections).toEqual([
      { cause: 'shortReceipt', simMs: MIN, result: 'missed', atMs: 2 * MIN },
    ]);
  });

  it('a refused item scan whose batch is the wrong lot is a lot error (the handheld names it)', () => {
    const actions = [
      act(1 * MIN, { taskId: 'PT-1', input: 'gs1Item', outcome: 'refused', reason: 'wrong lot: L2 scanned' }),
      act(1.2 * MIN, {
        taskId: 'PT-1',
        input: 'gs1Item',
        outcome: 'refused',
        reason: 'expected the item label',
      }),
    ];
    const s = scoreTrainee({ ...input, actions, truth: [], trainerLog: [] });
    expect(s.errors).toEqual({ bin: 0, item: 1, lot: 1, quantity: 0 });
  });

  it('counts only while the trainee drove: nothing of the worker after the hand-back (or a later rewind before it)', () => {
    // Handed back at 6 min: PT-2's confirmation at 8 min (by the simulation, an override), the
    // uomError armed at 7.5 min and its truth at 8 min, are the simulated worker's, not theirs.
    const back = { ...T1, handedBackAt: '2026-12-02T00:10:00.000Z', handedBackSimMs: 6 * MIN };
    const s = scoreTrainee({ ...input, trainee: back });
    expect(s.tasksDone).toBe(1);
    expect(s.perMachine['pickTask']).toEqual({ tasks: 1, meanMinutes: 2, standardMinutes: 2 });
    expect(s.scans).toEqual({ scanned: 3, keyed: 1, overridden: 0 });
    // The wrong lot (4.5 min) was theirs; its catch (the short exit at 7 min) came after: pending.
    expect(s.injections).toEqual([{ cause: 'wrongLot', simMs: 4.5 * MIN, result: 'pending' }]);
    expect(s.errors).toEqual({ bin: 0, item: 0, lot: 1, quantity: 0 });
    expect(s.gap).toEqual({ net: 0, abs: 0 });
    // A rewind to 2.75 min made after the hand-back: the worker was simulated from there on too
    // (a handed-back worker is not given back), so only PT-1's first steps stay theirs.
    const rewind: TrainerLogRecord = {
      seq: 9,
      simMs: 9 * MIN,
      wallIso: '2026-12-02T00:11:00.000Z',
      by: 'trainer',
      kind: 'rewind',
      toSimMs: 2.75 * MIN,
    };
    const r = scoreTrainee({ ...input, trainee: back, trainerLog: [...log, rewind] });
    expect(r.tasksDone).toBe(0);
    expect(r.injections).toEqual([]);
    // A rewind made before the hand-back does not end their driving.
    const early = { ...rewind, wallIso: '2026-12-02T00:09:00.000Z' };
    expect(scoreTrainee({ ...input, trainee: back, trainerLog: [...log, early] }).tasksDone).toBe(1);
  });
});
