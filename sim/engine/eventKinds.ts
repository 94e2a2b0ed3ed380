/**
 * Kinds of future events, as integers for the event queue. Priorities order simultaneous
 * events: completions before new arrivals, so a worker freed at t can take work released at t.
 */
export const EventKind = {
  orderArrival: 1,
  pickStopDone: 2,
  tourDone: 3,
} as const;

/** One event kind. */
export type EventKindId = (typeof EventKind)[keyof typeof EventKind];

/** Same-time priorities (lower first). */
export const Priority = {
  completion: 0,
  arrival: 10,
} as const;
