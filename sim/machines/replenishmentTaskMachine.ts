import { setup } from 'xstate';
import type { ExitEvents } from './taskStepMeta.ts';

/** Event types of the replenishment task lifecycle, for the engine to send without string typos. */
export const replenishmentEvents = {
  assigned: 'replenishment.assigned',
  unassigned: 'replenishment.unassigned',
  travelStarted: 'replenishment.travelStarted',
  reservePicked: 'replenishment.reservePicked',
  shortAtReserve: 'replenishment.shortAtReserve',
  redirected: 'replenishment.redirected',
  abandoned: 'replenishment.abandoned',
  forwardTravelStarted: 'replenishment.forwardTravelStarted',
  dropped: 'replenishment.dropped',
  confirmed: 'replenishment.confirmed',
  cancelled: 'replenishment.cancelled',
} as const;

/** One replenishment task event type. */
export type ReplenishmentEventType = (typeof replenishmentEvents)[keyof typeof replenishmentEvents];

/** The event each exception exit of a step sends. */
export const replenishmentExits: ExitEvents = {
  short: replenishmentEvents.shortAtReserve,
  cancel: replenishmentEvents.cancelled,
};

/**
 * Replenishment task lifecycle: stock moved from a reserve bin to a forward pick face. The
 * task is created in `triggered` by the engine (min-max on the forward bin, or wave demand; the
 * trigger kind lives in the engine's task record). Replenishment response time is the time from
 * the start of `triggered` to `replenishment.confirmed`. The engine decides:
 * - who takes the task (`assigned` / `unassigned`) and whether it is still needed
 *   (`cancelled`, allowed until stock is picked from reserve);
 * - at the reserve bin, whether the system quantity is really there: `reservePicked` (full or
 *   partial quantity, carried in the engine's record) or `shortAtReserve`. A short at reserve
 *   is a ledger divergence the engine should answer with a count; the task then goes to
 *   another reserve bin (`redirected`), takes what is there (`reservePicked`), or is closed
 *   short with nothing moved (`abandoned`);
 * - `dropped` is the unit physically put down at the forward face; `confirmed` is the forward
 *   bin scan that moves the stock in the system ledger. The gap between them is where an
 *   unconfirmed replenishment shows up.
 *
 * | state               | meaning                                                         |
 * |---------------------|-----------------------------------------------------------------|
 * | triggered           | forward face needs stock; task waiting for a replenisher        |
 * | assigned            | replenisher assigned, not yet moving                            |
 * | travellingToReserve | replenisher on the way to the reserve bin                       |
 * | shortAtReserve      | exception: reserve bin lacks the system quantity; awaiting plan |
 * | pickedFromReserve   | stock taken from reserve; not yet moving to the forward face    |
 * | travellingToForward | replenisher carrying stock to the forward face                  |
 * | droppedAtForward    | stock put down at the forward face, bin not yet confirmed       |
 * | done                | final: forward bin confirmed, stock pickable                    |
 * | closedShort         | final: nothing to move (reserve short, no other source)         |
 * | cancelled           | final: no longer needed before stock left reserve               |
 */
export const replenishmentTaskMachine = setup({
  types: {
    events: {} as { type: ReplenishmentEventType },
  },
}).createMachine({
  id: 'replenishmentTask',
  initial: 'triggered',
  states: {
    triggered: {
      meta: {
        prompt: 'Wait for a replenisher',
        input: 'none',
        event: 'replenishment.assigned',
        exits: ['cancel'],
      },
      on: {
        'replenishment.assigned': 'assigned',
        'replenishment.cancelled': 'cancelled',
      },
    },
    assigned: {
      meta: {
        prompt: 'Start the replenishment',
        input: 'confirm',
        event: 'replenishment.travelStarted',
        exits: ['cancel'],
      },
      on: {
        'replenishment.travelStarted': 'travellingToReserve',
        'replenishment.unassigned': 'triggered',
        'replenishment.cancelled': 'cancelled',
      },
    },
    travellingToReserve: {
      meta: {
        prompt: 'At the reserve bin: scan it and the item, enter the quantity taken',
        input: 'binLabel',
        then: ['gs1Item', 'quantity'],
        event: 'replenishment.reservePicked',
        exits: ['short', 'cancel'],
      },
      on: {
        'replenishment.reservePicked': 'pickedFromReserve',
        'replenishment.shortAtReserve': 'shortAtReserve',
        'replenishment.cancelled': 'cancelled',
      },
    },
    shortAtReserve: {
      meta: { prompt: 'Reserve short: take what is there or go to the next bin', input: 'none', exits: [] },
      on: {
        'replenishment.redirected': 'travellingToReserve',
        'replenishment.reservePicked': 'pickedFromReserve',
        'replenishment.abandoned': 'closedShort',
      },
    },
    pickedFromReserve: {
      meta: {
        prompt: 'Leave for the pick face',
        input: 'confirm',
        event: 'replenishment.forwardTravelStarted',
        exits: [],
      },
      on: { 'replenishment.forwardTravelStarted': 'travellingToForward' },
    },
    travellingToForward: {
      meta: {
        prompt: 'Take the stock to the pick face and put it down',
        input: 'none',
        event: 'replenishment.dropped',
        exits: [],
      },
      on: { 'replenishment.dropped': 'droppedAtForward' },
    },
    droppedAtForward: {
      meta: {
        prompt: 'Scan the pick face label',
        input: 'binLabel',
        event: 'replenishment.confirmed',
        exits: [],
      },
      on: { 'replenishment.confirmed': 'done' },
    },
    done: { type: 'final', meta: { prompt: 'Replenished', input: 'none', exits: [] } },
    closedShort: { type: 'final', meta: { prompt: 'Closed short', input: 'none', exits: [] } },
    cancelled: { type: 'final', meta: { prompt: 'Cancelled', input: 'none', exits: [] } },
  },
});
