import { ShiftEdge } from './eventKinds.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** A shift as a scenario writes it (times 'HH:MM', days 0 = Monday). */
export interface ShiftSpec {
  id: string;
  start: string;
  end: string;
  days: number[];
  breaks: { start: string; minutes: number }[];
}

/** Who is where in the calendar: a worker's shift id (null = always on) and personal break offset. */
export interface HasShift {
  shift: string | null;
  /** Breaks start this many ms after the scheduled time (negative: before); kept inside the shift. */
  breakOffsetMs?: number;
}

/** Parses 'HH:MM' into minutes after midnight. */
export function parseClock(s: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(s);
  if (!m) throw new Error(`bad time "${s}", expected HH:MM`);
  return Number(m[1]) * 60 + Number(m[2]);
}

interface Interval {
  from: number;
  to: number;
}

/**
 * Shift and break times over the simulated calendar (t = 0 is Monday 00:00). A shift whose end
 * is not after its start runs past midnight; a break is inside its shift.
 */
export class ShiftCalendar {
  private readonly byId = new Map<
    string,
    { spec: ShiftSpec; start: number; len: number; breaks: Interval[] }
  >();

  /** Compiles the scenario's shifts. */
  constructor(shifts: readonly ShiftSpec[]) {
    for (const s of shifts) {
      const start = parseClock(s.start) * MINUTE;
      let end = parseClock(s.end) * MINUTE;
      if (end <= start) end += DAY;
      const breaks = s.breaks.map((b) => {
        let from = parseClock(b.start) * MINUTE;
        if (from < start) from += DAY;
        return { from: from - start, to: from - start + b.minutes * MINUTE };
      });
      this.byId.set(s.id, { spec: s, start, len: end - start, breaks });
    }
  }

  /** Is there a shift with this id? */
  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Shift intervals of a worker's shift around t, with the worker's own break times. */
  private shiftsAround(w: HasShift, t: number): { from: number; to: number; breaks: Interval[] }[] {
    const id = w.shift!;
    const s = this.byId.get(id);
    if (!s) throw new Error(`unknown shift "${id}"`);
    const offset = w.breakOffsetMs ?? 0;
    const day = Math.floor(t / DAY);
    const out = [];
    for (let d = day - 1; d <= day + 8; d++) {
      const dow = ((d % 7) + 7) % 7;
      if (!s.spec.days.includes(dow)) continue;
      const from = d * DAY + s.start;
      out.push({
        from,
        to: from + s.len,
        breaks: s.breaks.map((b) => {
          // Staggered, but never starting before the shift or running past its end.
          const start = Math.min(Math.max(b.from + offset, 0), s.len - (b.to - b.from));
          return { from: from + start, to: from + start + (b.to - b.from) };
        }),
      });
    }
    return out;
  }

  /** On shift at t (breaks count as on shift: they are paid). */
  onShiftAt(w: HasShift, t: number): boolean {
    if (w.shift === null) return true;
    return this.shiftsAround(w, t).some((i) => t >= i.from && t < i.to);
  }

  /** On a break at t. */
  onBreakAt(w: HasShift, t: number): boolean {
    if (w.shift === null) return false;
    return this.shiftsAround(w, t).some((i) => i.breaks.some((b) => t >= b.from && t < b.to));
  }

  /** The first calendar edge strictly after t, or null for workers without a shift. */
  nextEdge(w: HasShift, t: number): { t: number; edge: number } | null {
    if (w.shift === null) return null;
    let best: { t: number; edge: number } | null = null;
    const consider = (at: number, edge: number): void => {
      if (at > t && (!best || at < best.t)) best = { t: at, edge };
    };
    for (const i of this.shiftsAround(w, t)) {
      consider(i.from, ShiftEdge.start);
      consider(i.to, ShiftEdge.end);
      for (const b of i.breaks) {
        consider(b.from, ShiftEdge.breakStart);
        consider(b.to, ShiftEdge.breakEnd);
      }
    }
    return best;
  }
}
