import { ENGINE_EVENT_KINDS } from './flowIds.ts';

/**
 * The event kinds the engine itself dispatches. Every other kind belongs to a flow, which
 * declares it by name (defineFlow) and gets its number when registered (flowIds.ts), so adding a
 * flow edits no central list.
 * - workerStep: a worker finished the travel and work of the current step of a job (a = worker, b = job id).
 * - shiftEdge: shift calendar (a = worker, b = ShiftEdge).
 */
export const EventKind = ENGINE_EVENT_KINDS;

/** Same-time priorities (lower first): completions free capacity before new work arrives. */
export const Priority = {
  shift: -10,
  completion: 0,
  release: 5,
  arrival: 10,
} as const;

/** Shift calendar edges, as the `b` argument of a shiftEdge event. */
export const ShiftEdge = {
  start: 0,
  end: 1,
  breakStart: 2,
  breakEnd: 3,
} as const;
