import type { World } from '../../engine/world.ts';

/** One count request for a bin (the document); plain JSON inside the flow state. */
export interface CountDoc {
  id: number;
  /** Compiled cycle-count-machine state. */
  state: number;
  /** Bin index. */
  bin: number;
  created: number;
  /** Worker index of the first count (a recount must go to someone else), -1 before. */
  firstCounter: number;
  /** Worker index of the count in progress, -1 when none. */
  counter: number;
  /** When the count in progress started, -1 when none. */
  started: number;
  /** The bin's system stock when counting started (to detect a move racing the count). */
  startSignature: string;
}

/** Saved state of the counting flow. */
export interface CountingState {
  /** Open count requests by id. */
  open: Record<string, CountDoc>;
  /** Scheduled requests waiting for a counter, oldest first. */
  queue: number[];
  /** Requests out of tolerance waiting for a recount by another counter. */
  recountQueue: number[];
  scheduled: number;
  /** Blind counts submitted (first counts and recounts). */
  counted: number;
  posted: number;
  voided: number;
  rescheduled: number;
  recounts: number;
  /** Requests sent to supervisor review (still out after the recount). */
  review: number;
  adjustments: number;
  adjustedUnits: number;
  /** First tolerance decisions and how many of them were within tolerance (IRA as counted). */
  decisions: number;
  withinTolerance: number;
  /** Time on count jobs (travel and counting), ms. */
  counterMs: number;
  /** Posted counts per bin index. */
  binsCounted: Record<string, number>;
}

/** The counting flow's state inside the world, created on first use. */
export function countingState(w: World): CountingState {
  let s = w.flow['counting'] as CountingState | undefined;
  if (!s) {
    s = {
      open: {},
      queue: [],
      recountQueue: [],
      scheduled: 0,
      counted: 0,
      posted: 0,
      voided: 0,
      rescheduled: 0,
      recounts: 0,
      review: 0,
      adjustments: 0,
      adjustedUnits: 0,
      decisions: 0,
      withinTolerance: 0,
      counterMs: 0,
      binsCounted: {},
    };
    w.flow['counting'] = s;
  }
  return s;
}
