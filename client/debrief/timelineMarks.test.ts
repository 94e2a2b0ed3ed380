import { describe, expect, it } from 'vitest';
import { markPosition, timelineMarks, type TimelineItem } from './timelineMarks.ts';

describe('debrief timeline marks', () => {
  it('marks injections, exits and refused entries, in time order, and skips plain journal lines', () => {
    const items: TimelineItem[] = [
      { simMs: 9000, source: 'handheld', record: { traineeId: 'T2', outcome: 'accepted', exit: 'short' } },
      { simMs: 1000, source: 'trainer', record: { kind: 'inject', cause: 'wrongLot', traineeId: 'T2' } },
      { simMs: 2000, source: 'journal', record: { type: 'PICK_CONFIRM', bin: 'A-01-01-A' } },
      {
        simMs: 5000,
        source: 'handheld',
        record: { traineeId: 'T2', outcome: 'refused', reason: 'wrong lot' },
      },
      { simMs: 4000, source: 'truth', record: { cause: 'wrongLot', bin: 'A-01-01-A' } },
      { simMs: 6000, source: 'trainer', record: { kind: 'message', text: 'hi' } },
    ];
    expect(timelineMarks(items).map((m) => [m.simMs, m.kind, m.label])).toEqual([
      [1000, 'injection', 'inject wrongLot → T2'],
      [4000, 'injection', 'truth: wrongLot at A-01-01-A'],
      [5000, 'error', 'T2 refused: wrong lot'],
      [9000, 'exit', 'T2 exit short'],
    ]);
  });

  it('places marks along the slider and clamps outside it', () => {
    expect(markPosition(15, 10, 20)).toBe(0.5);
    expect(markPosition(30, 10, 20)).toBe(1);
    expect(markPosition(0, 10, 20)).toBe(0);
    expect(markPosition(5, 5, 5)).toBe(0);
  });
});
