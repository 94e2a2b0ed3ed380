import { setup } from 'xstate';
import type { ExitEvents } from './taskStepMeta.ts';

/** Event types of the cycle count lifecycle, for the engine to send without string typos. */
export const cycleCountEvents = {
  assigned: 'count.assigned',
  unassigned: 'count.unassigned',
  started: 'count.started',
  submitted: 'count.submitted',
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

/** The chart's guards, by name: what the engine (or a handheld) evaluates when a count is submitted. */
export const cycleCountGuards = {
  binMovedSinceStart: 'binMovedSinceStart',
  withinTolerance: 'withinTolerance',
  approvalNeeded: 'approvalNeeded',
} as const;

/** A submitted count with its guard inputs (for a bare actor; the engine passes a guard mask). */
export interface CountSubmission {
  type: 'count.submitted';
  /** The bin's system stock moved between the start of counting and the submission. */
  binMoved: boolean;
  /** Every SKU/lot counted is within the class tolerance of the system quantity. */
  within: boolean;
  /** A recount still out needs a signature: counts disagree, value above the approval limit, or scanned. */
  approval: boolean;
}

/**
 * Cycle count lifecycle: one count request for a bin (all SKUs/lots in it). Counts are blind:
 * the counter never sees the system quantity. The same `assigned` / `started` / `submitted`
 * events drive the first count and the recount (a scanner sends the same transaction either
 * way); the state says which one it is. The submission is one step whose target the chart's
 * named guards decide (evaluated by whoever holds the count: the engine from both ledgers):
 * - `binMovedSinceStart`: a movement touched the bin between the start of counting and the
 *   submission. The count is voided, never posted; the engine schedules a new count request.
 *   A movement before counting starts does not taint the count. `count.binMoved` is the same
 *   void sent by a driver that learns of the move while counting or in review;
 * - `withinTolerance`: every SKU/lot within the class tolerance ⇒ posted (small deltas
 *   auto-adjusted). Out of tolerance, a first count ⇒ recount by a different counter (the
 *   machine has no context, so it cannot check who counts);
 * - `approvalNeeded`, on a recount still out: the two blind counts disagree, or the confirmed
 *   adjustment is worth more than `counting.review.approvalLimit`, or the count was scanned
 *   (a person reviews every scanned count) ⇒ `review`, waiting for a controller or a supervisor;
 *   else `confirmed`: no signature needed, the system decides at once.
 * In review (or confirmed) the adjustment is approved (posted with a root-cause code) or
 * rejected (system quantity stands; the engine may schedule a fresh count).
 * Final states stay distinct because KPIs count them: posted, approved, rejected, voided,
 * cancelled. "IRA as counted" uses the first count's tolerance decision.
 *
 * | state           | meaning                                                               |
 * |-----------------|-----------------------------------------------------------------------|
 * | scheduled       | count requested (ABC / risk based), no counter yet                    |
 * | assigned        | counter assigned, not yet at the bin                                  |
 * | counting        | blind count in progress                                               |
 * | recountPending  | first count out of tolerance; recount needs a different counter       |
 * | recountAssigned | second counter assigned                                               |
 * | recounting      | blind recount in progress                                             |
 * | review          | still out of tolerance; supervisor / inventory control must decide    |
 * | confirmed       | still out, confirmed by the recount, below the approval limit         |
 * | posted          | final: within tolerance, count posted (small delta auto-adjusted)     |
 * | approved        | final: variance adjustment approved and posted with a root cause      |
 * | rejected        | final: variance adjustment rejected; system quantity unchanged        |
 * | voided          | final: bin moved during the count; count discarded, a new one follows |
 * | cancelled       | final: count withdrawn before counting started                        |
 */
export const cycleCountMachine = setup({
  types: {
    events: {} as { type: Exclude<CycleCountEventType, 'count.submitted'> } | CountSubmission,
  },
  guards: {
    binMovedSinceStart: ({ event }) => event.type === 'count.submitted' && event.binMoved,
    withinTolerance: ({ event }) => event.type === 'count.submitted' && event.within,
    approvalNeeded: ({ event }) => event.type === 'count.submitted' && event.approval,
  },
}).createMachine({
  id: 'cycleCount',
  initial: 'scheduled',
  states: {
    scheduled: {
      meta: { prompt: 'Wait for a counter', input: 'none', event: 'count.assigned', exits: ['cancel'] },
      on: {
        'count.assigned': 'assigned',
        'count.cancelled': 'cancelled',
      },
    },
    assigned: {
      meta: {
        prompt: 'Go to the bin and scan it to start the count',
        input: 'binLabel',
        event: 'count.started',
        exits: ['cancel'],
      },
      on: {
        'count.started': 'counting',
        'count.unassigned': 'scheduled',
        'count.cancelled': 'cancelled',
      },
    },
    counting: {
      meta: {
        prompt: 'Scan each item and enter the quantity counted',
        input: 'gs1Item',
        then: ['quantity'],
        event: 'count.submitted',
        exits: ['binMoved'],
      },
      on: {
        'count.submitted': [
          { guard: 'binMovedSinceStart', target: 'voided' },
          { guard: 'withinTolerance', target: 'posted' },
          { target: 'recountPending' },
        ],
        'count.binMoved': 'voided',
      },
    },
    recountPending: {
      meta: {
        prompt: 'Wait for a second counter',
        input: 'none',
        event: 'count.assigned',
        exits: ['binMoved'],
      },
      on: {
        'count.assigned': 'recountAssigned',
        'count.binMoved': 'voided',
      },
    },
    recountAssigned: {
      meta: {
        prompt: 'Go to the bin and scan it to start the recount',
        input: 'binLabel',
        event: 'count.started',
        exits: ['binMoved'],
      },
      on: {
        'count.started': 'recounting',
        'count.unassigned': 'recountPending',
        'count.binMoved': 'voided',
      },
    },
    recounting: {
      meta: {
        prompt: 'Scan each item and enter the quantity recounted',
        input: 'gs1Item',
        then: ['quantity'],
        event: 'count.submitted',
        exits: ['binMoved'],
      },
      on: {
        'count.submitted': [
          { guard: 'binMovedSinceStart', target: 'voided' },
          { guard: 'withinTolerance', target: 'posted' },
          { guard: 'approvalNeeded', target: 'review' },
          { target: 'confirmed' },
        ],
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
    confirmed: {
      meta: { prompt: 'Recount confirmed: the adjustment is being decided', input: 'none', exits: [] },
      on: {
        'count.adjustmentApproved': 'approved',
        'count.adjustmentRejected': 'rejected',
      },
    },
    posted: { type: 'final', meta: { prompt: 'Count posted', input: 'none', exits: [] } },
    approved: { type: 'final', meta: { prompt: 'Adjustment approved', input: 'none', exits: [] } },
    rejected: { type: 'final', meta: { prompt: 'Adjustment rejected', input: 'none', exits: [] } },
    voided: { type: 'final', meta: { prompt: 'Count voided: the bin moved', input: 'none', exits: [] } },
    cancelled: { type: 'final', meta: { prompt: 'Cancelled', input: 'none', exits: [] } },
  },
});
