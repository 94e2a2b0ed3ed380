import { describe, expect, it } from 'vitest';
import { advanceCues, newCueState } from './cueEngine.ts';
import { cueSchema, type Cue } from './exerciseSchema.ts';
import { ev, trainee } from './trainingFixtures.ts';

const cue = (x: unknown): Cue => cueSchema.parse(x);
const T1 = trainee('T1', 'picker', 'P01');
const T2 = trainee('T2', 'picker', 'P02');
const T3 = trainee('T3', 'receiver', 'R01');
const MIN = 60_000;

describe('cue engine', () => {
  const cues = [
    cue({ id: 'hello', when: { kind: 'at', minutes: 10 }, do: { kind: 'message', text: 'hi' } }),
    cue({
      id: 'lot',
      when: { kind: 'tasksDone', who: 'picker', count: 2, machine: 'pickTask' },
      do: { kind: 'inject', cause: 'wrongLot' },
    }),
    cue({
      id: 'rcv',
      when: { kind: 'journalCount', who: 'T3', type: 'receipt.lineReceived', count: 1 },
      do: { kind: 'message', who: 'picker', text: 'truck in' },
    }),
  ];
  const events = [
    ev(5 * MIN, 'pick.confirmed', 'P01'),
    ev(6 * MIN, 'pick.confirmed', 'P02'),
    ev(9 * MIN, 'pick.short', 'P01'), // P01's second task: fires "lot" for T1 at 9 min
    ev(11 * MIN, 'pick.confirmed', 'P09'), // not a trainee: counts nothing
    ev(12 * MIN, 'receipt.lineReceived', 'R01'), // fires "rcv" for both pickers
    ev(13 * MIN, 'pick.confirmed', 'P01'), // "lot" already fired for T1
  ];

  it('fires what a hand count says, in time order, once per trainee', () => {
    const { fired, state } = advanceCues(cues, newCueState(0), [T1, T2, T3], events, 20 * MIN);
    expect(fired.map((f) => `${f.cue}@${f.traineeId ?? '*'}:${f.simMs / MIN}`)).toEqual([
      'lot@T1:9',
      'hello@*:10',
      'rcv@T1:12',
      'rcv@T2:12',
    ]);
    expect(fired[0]).toMatchObject({ workerCode: 'P01', action: { kind: 'inject', cause: 'wrongLot' } });
    expect(state.tasks['P01']).toEqual({ '*': 3, pickTask: 3 });
    expect(state.tasks['P02']).toEqual({ '*': 1, pickTask: 1 });
    expect(state.tasks['P09']).toBeUndefined();
  });

  it('gives the same firings however the stream is batched, and never twice', () => {
    const whole = advanceCues(cues, newCueState(0), [T1, T2, T3], events, 20 * MIN).fired;
    let s = newCueState(0);
    const pieces = [];
    for (let i = 0; i < events.length; i++) {
      const r = advanceCues(cues, s, [T1, T2, T3], [events[i]!], events[i]!.t);
      s = r.state;
      pieces.push(...r.fired);
    }
    const r = advanceCues(cues, s, [T1, T2, T3], [], 20 * MIN);
    pieces.push(...r.fired);
    expect(pieces).toEqual(whole);
    expect(advanceCues(cues, r.state, [T1, T2, T3], [], 30 * MIN).fired).toEqual([]);
  });

  it('counts time cues from the exercise start and does not change its input', () => {
    const s0 = newCueState(60 * MIN);
    const early = advanceCues(cues, s0, [T1], [], 69 * MIN);
    expect(early.fired).toEqual([]);
    expect(advanceCues(cues, s0, [T1], [], 70 * MIN).fired.map((f) => f.cue)).toEqual(['hello']);
    expect(s0.fired).toEqual([]);
  });

  it('fires floor changes (start a wave, lock an aisle) at their time, once; bad aisle codes are refused', () => {
    const floor = [
      cue({ id: 'wave', when: { kind: 'at', minutes: 3 }, do: { kind: 'wave' } }),
      cue({ id: 'lock', when: { kind: 'at', minutes: 4 }, do: { kind: 'lockAisle', aisle: 'F-02' } }),
      cue({
        id: 'open',
        when: { kind: 'at', minutes: 8 },
        do: { kind: 'lockAisle', aisle: 'F-02', unlock: true },
      }),
    ];
    const r = advanceCues(floor, newCueState(0), [T1, T2], [ev(5 * MIN, 'pick.confirmed', 'P01')], 6 * MIN);
    expect(r.fired.map((f) => [f.cue, f.simMs, f.action])).toEqual([
      ['wave', 3 * MIN, { kind: 'wave' }],
      ['lock', 4 * MIN, { kind: 'lockAisle', aisle: 'F-02', unlock: false }],
    ]);
    const later = advanceCues(floor, r.state, [T1, T2], [], 9 * MIN);
    expect(later.fired.map((f) => f.cue)).toEqual(['open']);
    expect(() =>
      cue({ id: 'x', when: { kind: 'at', minutes: 1 }, do: { kind: 'lockAisle', aisle: 'aisle 3' } }),
    ).toThrow(/aisle code like A-03/);
  });
});
