import { describe, expect, it } from 'vitest';
import { ShiftCalendar } from './shiftCalendar.ts';
import { ShiftEdge } from './eventKinds.ts';

const H = 3_600_000;
const cal = new ShiftCalendar([
  {
    id: 'day',
    start: '06:00',
    end: '14:00',
    days: [0, 1, 2, 3, 4],
    breaks: [{ start: '10:00', minutes: 30 }],
  },
  { id: 'night', start: '22:00', end: '06:00', days: [0, 1, 2, 3, 4], breaks: [] },
]);

describe('ShiftCalendar', () => {
  it('knows who is on shift and on break', () => {
    const day = { shift: 'day' };
    expect(cal.onShiftAt(day, 5 * H)).toBe(false);
    expect(cal.onShiftAt(day, 6 * H)).toBe(true);
    expect(cal.onBreakAt(day, 10.25 * H)).toBe(true);
    expect(cal.onShiftAt(day, 14 * H)).toBe(false);
    // Saturday (day 5) is off.
    expect(cal.onShiftAt(day, (5 * 24 + 8) * H)).toBe(false);
    expect(cal.onShiftAt({ shift: null }, 123)).toBe(true);
  });

  it('runs a night shift past midnight', () => {
    const night = { shift: 'night' };
    expect(cal.onShiftAt(night, 23 * H)).toBe(true);
    expect(cal.onShiftAt(night, 27 * H)).toBe(true);
    expect(cal.onShiftAt(night, 30 * H)).toBe(false);
    // Friday night runs into Saturday morning.
    expect(cal.onShiftAt(night, (5 * 24 + 2) * H)).toBe(true);
  });

  it('walks the edges in order', () => {
    const day = { shift: 'day' };
    const edges = [];
    let t = 0;
    for (let i = 0; i < 5; i++) {
      const e = cal.nextEdge(day, t)!;
      edges.push([e.t / H, e.edge]);
      t = e.t;
    }
    expect(edges).toEqual([
      [6, ShiftEdge.start],
      [10, ShiftEdge.breakStart],
      [10.5, ShiftEdge.breakEnd],
      [14, ShiftEdge.end],
      [30, ShiftEdge.start],
    ]);
  });

  it('rejects bad clock strings', () => {
    expect(
      () => new ShiftCalendar([{ id: 'x', start: '25:00', end: '06:00', days: [0], breaks: [] }]),
    ).toThrow(/HH:MM/);
  });

  it("moves a worker's break by their offset, edges included, and never out of the shift", () => {
    const late = { shift: 'day', breakOffsetMs: 20 * 60_000 };
    expect(cal.onBreakAt(late, 10.25 * H)).toBe(false);
    expect(cal.onBreakAt(late, 10.5 * H)).toBe(true);
    expect(cal.onBreakAt(late, 10.8 * H)).toBe(true);
    expect(cal.onBreakAt(late, 10.84 * H)).toBe(false);
    expect(cal.nextEdge(late, 9 * H)).toEqual({ t: 10 * H + 20 * 60_000, edge: ShiftEdge.breakStart });
    const early = { shift: 'day', breakOffsetMs: -30 * 60_000 };
    expect(cal.onBreakAt(early, 9.75 * H)).toBe(true);
    expect(cal.onBreakAt(early, 10.25 * H)).toBe(false);
    // Offsets that would leave the shift are clamped to its first and last half hour.
    expect(cal.onBreakAt({ shift: 'day', breakOffsetMs: -10 * H }, 6.25 * H)).toBe(true);
    expect(cal.onBreakAt({ shift: 'day', breakOffsetMs: 10 * H }, 13.75 * H)).toBe(true);
    expect(cal.onShiftAt({ shift: 'day', breakOffsetMs: 10 * H }, 14.1 * H)).toBe(false);
  });
});
