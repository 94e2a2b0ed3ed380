import { setup } from 'xstate';

/** Event types of the putaway task lifecycle, for the engine to send without string typos. */
export const putawayEvents = {
  directed: 'putaway.directed',
  noBinFound: 'putaway.noBinFound',
  travelStarted: 'putaway.travelStarted',
  arrived: 'putaway.arrived',
  confirmed: 'putaway.confirmed',
  overrideRequested: 'putaway.overrideRequested',
  overrideApproved: 'putaway.overrideApproved',
  overrideRejected: 'putaway.overrideRejected',
  cancelled: 'putaway.cancelled',
} as const;

/** One putaway task event type. */
export type PutawayEventType = (typeof putawayEvents)[keyof typeof putawayEvents];

/**
 * Putaway task lifecycle: one staged handling unit (pallet, case, tote) moved from staging to a
 * storage bin. The engine makes every decision and sends the matching event:
 * - the putaway rule (capacity, velocity, temperature, hazard, family) either picks a bin
 *   (`putaway.directed`) or finds none (`putaway.noBinFound`: the task is parked as an
 *   exception until capacity frees up and the rule is run again);
 * - at the directed bin, a bin scan that matches is `putaway.confirmed` (inventory becomes
 *   available there); a driver who wants another bin (bin full, blocked, damaged) sends
 *   `putaway.overrideRequested` with a reason code, and a supervisor approves or rejects it.
 *   After an approval, `putaway.confirmed` is the scan of the override bin; after a rejection
 *   the driver is back at the directed bin. A directed bin that turns out unusable with no
 *   alternative is `putaway.noBinFound` from the bin (the unit goes back to being parked).
 * The engine keeps the directed bin, the override bin and reason; override frequency is
 * counted from `putaway.overrideApproved` events (there is one `done` state either way).
 * A mis-putaway (placed in a bin other than the one scanned) is physical-only: no event here.
 *
 * | state           | meaning                                                               |
 * |-----------------|-----------------------------------------------------------------------|
 * | created         | task exists for a staged unit, no bin chosen yet                      |
 * | parked          | exception: no bin fits; the unit waits in staging for capacity        |
 * | directed        | rule chose a bin; waiting for a driver to take the unit               |
 * | travelling      | driver moving the unit to the directed bin                            |
 * | atBin           | driver at the directed bin, bin not yet confirmed                     |
 * | overridePending | driver asked to use a different bin (reason code); supervisor decides |
 * | overriding      | override approved; driver placing into the approved alternative bin   |
 * | done            | final: bin scan confirmed, inventory available in the bin             |
 * | cancelled       | final: task cancelled before the unit left staging                    |
 */
export const putawayTaskMachine = setup({
  types: {
    events: {} as { type: PutawayEventType },
  },
}).createMachine({
  id: 'putawayTask',
  initial: 'created',
  states: {
    created: {
      on: {
        'putaway.directed': 'directed',
        'putaway.noBinFound': 'parked',
        'putaway.cancelled': 'cancelled',
      },
    },
    parked: {
      on: {
        'putaway.directed': 'directed',
        'putaway.cancelled': 'cancelled',
      },
    },
    directed: {
      on: {
        'putaway.travelStarted': 'travelling',
        'putaway.cancelled': 'cancelled',
      },
    },
    travelling: { on: { 'putaway.arrived': 'atBin' } },
    atBin: {
      on: {
        'putaway.confirmed': 'done',
        'putaway.overrideRequested': 'overridePending',
        'putaway.noBinFound': 'parked',
      },
    },
    overridePending: {
      on: {
        'putaway.overrideApproved': 'overriding',
        'putaway.overrideRejected': 'atBin',
      },
    },
    overriding: { on: { 'putaway.confirmed': 'done' } },
    done: { type: 'final' },
    cancelled: { type: 'final' },
  },
});
