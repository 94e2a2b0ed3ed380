import { setup } from 'xstate';
import type { ExitEvents } from './taskStepMeta.ts';

/** Event types of the cycle count lifecycle, for the engine to send without string typos. */
export const cycleCountEvents = {
  assigned: 'count.assigned',
  unassigned: 'count.unassigned',
  started: 'count.started',
  submitted: 'count.submitted',
  withinTolerance: 'count.withinTolerance',
  outOfTolerance: 'count.outOfTolerance',
  adjustmentApproved: 'count.adjustmentApproved',
  adjustmentRejected: 'count.adjustmentRejected',
  binMoved: 'count.binMoved',
  cancelled: 'count.cancelled',
} as const;

/** One cycle count event type. */
export type CycleCountEventType = (typeof cycleCountEvents)[keyof typeof cycleCountEvents];

/** The event each exception exit of a step sends. */
export const cycleCountExits: ExitEvents = {
  binMoved: cycleCountEvents.binMoved,
  cancel: cycleCountEvents.cancelled,
};

/**
 * Cycle count lifecycle: one count request for a bin (all SKUs/lots in it). Counts are blind:
 * the counter never sees the system quantity. The same `assigned` / `started` / `submitted`
 * events drive the first count and the recount (a scanner sends the same transaction either
 * way); the state says which one it is. The engine decides:
 * - after each submitted count, whether it is within the class tolerance
 *   (`withinTolerance`: the count posts, auto-adjusting any small delta) or not
 *   (`outOfTolerance`: first time ⇒ recount, second time ⇒ supervisor review);
 * - that the recount goes to a different counter than the first count (the machine has no
 *   context, so it cannot check who counts);
 * - in review, whether the adjustment is approved (posted with a root-cause code) or rejected
 *   (system quantity stands; the engine may schedule a fresh count);
 * - `count.binMoved`: a movement touched the bin between the start of counting and posting.
 *   The count is voided, never posted; the engine schedules a new count request. A movement
 *   before counting starts does not taint the count and is not sent.
 * Final states stay distinct because KPIs count them: posted, approved, rejected, voided,
 * cancelled. "IRA as counted" uses the first `withinTolerance` / `outOfTolerance` decision.
 *
 * | state           | meaning                                                               |
 * |-----------------|-----------------------------------------------------------------------|
 * | scheduled       | count requested (ABC / risk based), no counter yet                    |
 * | assigned        | counter assigned, not yet at the bin                                  |
 * | counting        | blind count in progress                                               |
 * | counted         | count submitted; tolerance check pending                              |
 * | recountPending  | first count out of tolerance; recount needs a different counter       |
 * | recountAssigned | second counter assigned                                               |
 * | recounting      | blind recount in progress                                             |
 * | recounted       | recount submitted; tolerance check pending                            |
 * | review          | still out of tolerance; supervisor / inventory control must decide    |
 * | posted          | final: within tolerance, count posted (small delta auto-adjusted)     |
 * | approved        | final: variance adjustment approved and posted with a root cause      |
 * | rejected        | final: variance adjustment rejected; system quantity unchanged        |
 * | voided          | final: bin moved during the count; count discarded, a new one follows |
 * | cancelled       | final: count withdrawn before counting started                        |
 */
export const cycleCountMachine = setup({
  types: {
    events: {} as { type: CycleCountEventType },
  },
}).createMachine({
  id: 'cycleCount',
  initial: 'scheduled',
  states: {
    scheduled: {
      meta: { prompt: 'Wait for a counter', input: 'none', exits: ['cancel'] },
      on: {
        'count.assigned': 'assigned',
        'count.cancelled': 'cancelled',
      },
    },
    assigned: {
      meta: { prompt: 'Go to the bin and start the count', input: 'binLabel', exits: ['cancel'] },
      on: {
        'count.started': 'counting',
        'count.unassigned': 'scheduled',
        'count.cancelled': 'cancelled',
      },
    },
    counting: {
      meta: {
        prompt: 'Scan each item and enter the quantity counted',
        input: 'quantity',
        exits: ['binMoved'],
      },
      on: {
        'count.submitted': 'counted',
        'count.binMoved': 'voided',
      },
    },
    counted: {
      meta: { prompt: 'Wait for the tolerance check', input: 'none', exits: ['binMoved'] },
      on: {
        'count.withinTolerance': 'posted',
        'count.outOfTolerance': 'recountPending',
        'count.binMoved': 'voided',
      },
    },
    recountPending: {
      meta: { prompt: 'Wait for a second counter', input: 'none', exits: ['binMoved'] },
      on: {
        'count.assigned': 'recountAssigned',
        'count.binMoved': 'voided',
      },
    },
    recountAssigned: {
      meta: { prompt: 'Go to the bin and start the recount', input: 'binLabel', exits: ['binMoved'] },
      on: {
        'count.started': 'recounting',
        'count.unassigned': 'recountPending',
        'count.binMoved': 'voided',
      },
    },
    recounting: {
      meta: {
        prompt: 'Scan each item and enter the quantity recounted',
        input: 'quantity',
        exits: ['binMoved'],
      },
      on: {
        'count.submitted': 'recounted',
        'count.binMoved': 'voided',
      },
    },
    recounted: {
      meta: { prompt: 'Wait for the tolerance check', input: 'none', exits: ['binMoved'] },
      on: {
        'count.withinTolerance': 'posted',
        'count.outOfTolerance': 'review',
        'count.binMoved': 'voided',
      },
    },
    review: {
      meta: { prompt: 'Approve or reject the adjustment', input: 'confirm', exits: ['binMoved'] },
      on: {
        'count.adjustmentApproved': 'approved',
        'count.adjustmentRejected': 'rejected',
        'count.binMoved': 'voided',
      },
    },
    posted: { type: 'final', meta: { prompt: 'Count posted', input: 'none', exits: [] } },
    approved: { type: 'final', meta: { prompt: 'Adjustment approved', input: 'none', exits: [] } },
    rejected: { type: 'final', meta: { prompt: 'Adjustment rejected', input: 'none', exits: [] } },
    voided: { type: 'final', meta: { prompt: 'Count voided: the bin moved', input: 'none', exits: [] } },
    cancelled: { type: 'final', meta: { prompt: 'Cancelled', input: 'none', exits: [] } },
  },
});
