/**
 * Kinds of future events, as integers for the event queue. Every flow's events are listed
 * here so kinds never collide; handlers are registered per flow (flowRegistry.ts).
 */
export const EventKind = {
  orderArrival: 1,
  /** A worker finished the travel and work of the current step of a job (a = worker, b = job id). */
  workerStep: 2,
  /** A suspended worker's wait timed out (a = worker, b = job id). */
  workerWaitTimeout: 3,
  /** Shift calendar (a = worker, b = ShiftEdge). */
  shiftEdge: 4,
  waveRelease: 5,
  truckArrival: 6,
  /** Generic delayed wake-up for a flow (a = flow-specific id, b = flow-specific code). */
  inboundTimer: 7,
  replenishmentTimer: 8,
  countTimer: 9,
  carrierDeparture: 10,
  inboundSchedule: 11,
  /** A site-wide exception happens (b = 0 unscanned move, 1 shrink). */
  exceptionTimer: 12,
  /** Hourly sample of inventory record accuracy (IRA over time). */
  iraSample: 13,
  /** Stock arrived for a waiting backorder: try to allocate backorders. */
  backorderRetry: 14,
  /** A backorder reached its cancellation age (a = order id). */
  backorderCancel: 15,
  /** A supervisor finished deciding a request (a = decision kind, b = the requesting document's id). */
  supervisorDecision: 16,
} as const;

/** One event kind. */
export type EventKindId = (typeof EventKind)[keyof typeof EventKind];

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
