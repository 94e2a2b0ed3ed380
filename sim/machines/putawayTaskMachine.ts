import { setup } from 'xstate';
import type { ExitEvents } from './taskStepMeta.ts';

/** Event types of the putaway task lifecycle, for the engine to send without string typos. */
export const putawayEvents = {
  directed: 'putaway.directed',
  noBinFound: 'putaway.noBinFound',
  travelStarted: 'putaway.travelStarted',
  arrived: 'putaway.arrived',
  confirmed: 'putaway.confirmed',
  binScanned: 'putaway.binScanned',
  overrideRequested: 'putaway.overrideRequested',
  overrideApproved: 'putaway.overrideApproved',
  overrideRejected: 'putaway.overrideRejected',
  cancelled: 'putaway.cancelled',
} as const;

/** One putaway task event type. */
export type PutawayEventType = (typeof putawayEvents)[keyof typeof putawayEvents];

/** A bin label scanned at the drop: the chart's guards compare it with the directed and approved bins. */
export interface PutawayBinScan {
  type: 'putaway.binScanned';
  bin: string;
  directedBin: string;
  approvedBin?: string;
}

/** The event each exception exit of a putaway step sends. */
export const putawayExits: ExitEvents = {
  overrideRequest: putawayEvents.binScanned,
  wrongBin: putawayEvents.binScanned,
  noBin: putawayEvents.noBinFound,
  cancel: putawayEvents.cancelled,
};

/**
 * Putaway task lifecycle: one staged handling unit (pallet, case, tote) moved from staging to a
 * storage bin. The engine makes every decision and sends the matching event:
 * - the putaway rule (capacity, velocity, temperature, hazard, family) either picks a bin
 *   (`putaway.directed`) or finds none (`putaway.noBinFound`: the task is parked as an
 *   exception until capacity frees up and the rule is run again);
 * - at the directed bin the driver scans a bin label (`putaway.binScanned`): the guard
 *   `scannedDirectedBin` confirms it (inventory becomes available there); any other bin is an
 *   override request (bin full, blocked, damaged), which waits in `overridePending` for a
 *   supervisor (entry action `requestSupervisorDecision`) who approves or rejects it. After an
 *   approval only the approved bin confirms (`scannedApprovedBin`; another bin is refused as
 *   wrong); after a rejection the driver is back at the directed bin. A directed bin that turns
 *   out unusable with no alternative is `putaway.noBinFound` from the bin (the unit goes back to
 *   being parked). `putaway.confirmed` / `putaway.overrideRequested` are the same steps for a
 *   driver whose bin check was made elsewhere. The live scanner feed sends the meta's
 *   `putaway.binScanned` with `scannedDirectedBin` holding (the site's WMS directed the drop).
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
    events: {} as { type: Exclude<PutawayEventType, 'putaway.binScanned'> } | PutawayBinScan,
  },
  guards: {
    // The handheld's own check; the engine, which holds the task, evaluates the same names.
    scannedDirectedBin: ({ event }) => event.type === 'putaway.binScanned' && event.bin === event.directedBin,
    scannedApprovedBin: ({ event }) => event.type === 'putaway.binScanned' && event.bin === event.approvedBin,
  },
  actions: {
    // Implemented by the engine (putaway.ts: a supervisor's desk); a no-op in a bare actor.
    requestSupervisorDecision: () => undefined,
  },
}).createMachine({
  id: 'putawayTask',
  initial: 'created',
  states: {
    created: {
      meta: {
        prompt: 'Wait for a bin to be directed',
        input: 'none',
        event: 'putaway.directed',
        exits: ['noBin', 'cancel'],
      },
      on: {
        'putaway.directed': 'directed',
        'putaway.noBinFound': 'parked',
        'putaway.cancelled': 'cancelled',
      },
    },
    parked: {
      meta: { prompt: 'No bin fits: leave the unit in staging', input: 'none', exits: ['cancel'] },
      on: {
        'putaway.directed': 'directed',
        'putaway.cancelled': 'cancelled',
      },
    },
    directed: {
      meta: {
        prompt: 'Scan the staging location and the unit, enter the quantity taken',
        input: 'binLabel',
        then: ['gs1Item', 'quantity'],
        event: 'putaway.travelStarted',
        exits: ['cancel'],
      },
      on: {
        'putaway.travelStarted': 'travelling',
        'putaway.cancelled': 'cancelled',
      },
    },
    travelling: {
      meta: {
        prompt: 'Take the unit to the directed bin',
        input: 'none',
        event: 'putaway.arrived',
        exits: [],
      },
      on: { 'putaway.arrived': 'atBin' },
    },
    atBin: {
      meta: {
        prompt: 'Scan the directed bin label',
        input: 'binLabel',
        event: 'putaway.binScanned',
        exits: ['overrideRequest', 'noBin'],
        exitInputs: { overrideRequest: 'binLabel' },
      },
      on: {
        'putaway.binScanned': [
          { guard: 'scannedDirectedBin', target: 'done' },
          { target: 'overridePending' },
        ],
        'putaway.confirmed': 'done',
        'putaway.overrideRequested': 'overridePending',
        'putaway.noBinFound': 'parked',
      },
    },
    overridePending: {
      meta: { prompt: 'Wait for the supervisor to decide the override', input: 'none', exits: [] },
      entry: 'requestSupervisorDecision',
      on: {
        'putaway.overrideApproved': 'overriding',
        'putaway.overrideRejected': 'atBin',
      },
    },
    overriding: {
      meta: {
        prompt: 'Scan the approved bin label',
        input: 'binLabel',
        event: 'putaway.binScanned',
        exits: ['wrongBin'],
      },
      on: {
        'putaway.binScanned': { guard: 'scannedApprovedBin', target: 'done' },
        'putaway.confirmed': 'done',
      },
    },
    done: { type: 'final', meta: { prompt: 'Put away', input: 'none', exits: [] } },
    cancelled: { type: 'final', meta: { prompt: 'Cancelled', input: 'none', exits: [] } },
  },
});
