import { describe, expect, it } from 'vitest';
import { afterRewinds } from './rewoundRecords.ts';
import type { TrainerLogRecord } from './trainerLog.ts';
import { act } from './trainingFixtures.ts';

describe('records after a rewind', () => {
  it('drops what was done before the rewind at a later sim time, keeps the rest and what came after', () => {
    const w = (s: number): string => `2026-12-02T05:00:0${s}.000Z`;
    const actions = [
      act(100, { seq: 1, wallIso: w(1) }),
      act(900, { seq: 2, wallIso: w(2) }), // undone: after the point, before the rewind
      act(600, { seq: 3, wallIso: w(5) }), // made after the rewind
    ];
    const log: TrainerLogRecord[] = [
      { seq: 1, simMs: 800, wallIso: w(3), by: 'trainer', kind: 'message', traineeId: 'T1', text: 'x' },
      { seq: 2, simMs: 900, wallIso: w(4), by: 'trainer', kind: 'rewind', toSimMs: 500 },
    ];
    const r = afterRewinds(actions, log);
    expect(r.actions.map((a) => a.seq)).toEqual([1, 3]);
    expect(r.log.map((x) => x.seq)).toEqual([2]);
  });
});
