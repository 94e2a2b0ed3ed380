import { setup } from 'xstate';
import type { ExitEvents } from './taskStepMeta.ts';

/** Event types of the customer return lifecycle, for the engine to send without string typos. */
export const returnEvents = {
  received: 'return.received',
  cancelled: 'return.cancelled',
  mismatchRecorded: 'return.mismatchRecorded',
  quarantined: 'return.quarantined',
  inspected: 'return.inspected',
  restockDecided: 'return.restockDecided',
  reworkDecided: 'return.reworkDecided',
  vendorReturnDecided: 'return.vendorReturnDecided',
  scrapDecided: 'return.scrapDecided',
  held: 'return.held',
  authorised: 'return.authorised',
  refused: 'return.refused',
} as const;

/** One return event type. */
export type ReturnEventType = (typeof returnEvents)[keyof typeof returnEvents];

/** The event each exception exit of a step sends. */
export const returnExits: ExitEvents = {
  cancel: returnEvents.cancelled,
  discrepancy: returnEvents.mismatchRecorded,
};

/**
 * Customer return lifecycle: goods received against a return authorisation (RMA), held in
 * quarantine, inspected, and given a disposition. The engine decides:
 * - at receipt, whether what came back matches the RMA (`mismatchRecorded` for a wrong item or
 *   quantity; legal only at the returns dock and keeps the return there);
 * - after inspection, the disposition: restock, rework, vendor return or scrap. The return
 *   ends there; the physical follow-up is other work (restock ⇒ a putaway task out of
 *   quarantine, vendor return ⇒ an outbound shipment, scrap ⇒ a disposal adjustment).
 * A return that arrives without an RMA opens its document at the desk (it passes `authorised`
 * at once) and, after the no-RMA discrepancy, is `held` in quarantine as unauthorised until
 * the desk decides: authorise it late (into the normal inspection), refuse it (shipped back
 * to the customer) or scrap it.
 * Each state's `meta` is the returns desk's handheld step (taskStepMeta.ts): scan
 * the returns location, then each item and its quantity against the RMA (into quarantine),
 * confirm the inspection, key the disposition.
 *
 * | state        | meaning                                                         |
 * |--------------|-----------------------------------------------------------------|
 * | authorised   | RMA issued, goods not yet back                                  |
 * | received     | goods at the returns dock, checked against the RMA              |
 * | quarantined  | goods in a quarantine bin (quarantine status), awaiting a check |
 * | held         | unauthorised (no RMA) goods in quarantine, awaiting a decision  |
 * | inspected    | inspection done; disposition pending                            |
 * | restock      | final: disposition restock (sellable again after putaway)       |
 * | rework       | final: disposition rework                                       |
 * | vendorReturn | final: disposition return to vendor                             |
 * | scrap        | final: disposition scrap                                        |
 * | refused      | final: unauthorised return refused and shipped back             |
 * | cancelled    | final: RMA cancelled or expired before the goods came back      |
 */
export const returnMachine = setup({
  types: {
    events: {} as { type: ReturnEventType },
  },
}).createMachine({
  id: 'return',
  initial: 'authorised',
  states: {
    authorised: {
      meta: {
        prompt: 'Scan the returns location the goods are put in',
        input: 'binLabel',
        event: 'return.received',
        exits: ['cancel'],
      },
      on: {
        'return.received': 'received',
        'return.cancelled': 'cancelled',
      },
    },
    received: {
      meta: {
        prompt: 'Scan each returned item, then its quantity (held in quarantine)',
        input: 'gs1Item',
        then: ['quantity'],
        event: 'return.quarantined',
        exits: ['discrepancy'],
      },
      // Self-targeted, not targetless: XState's `can()` rejects a targetless, action-free event.
      on: {
        'return.mismatchRecorded': 'received',
        'return.quarantined': 'quarantined',
        'return.held': 'held',
      },
    },
    held: {
      meta: {
        prompt: 'Unauthorised return: authorise, refuse or scrap',
        input: 'confirm',
        event: 'return.authorised',
        exits: [],
      },
      on: {
        'return.authorised': 'quarantined',
        'return.refused': 'refused',
        'return.scrapDecided': 'scrap',
      },
    },
    quarantined: {
      meta: {
        prompt: 'Inspect the goods and confirm',
        input: 'confirm',
        event: 'return.inspected',
        exits: [],
      },
      on: { 'return.inspected': 'inspected' },
    },
    inspected: {
      // The disposition keyed decides the event: restock, rework, vendor return or scrap.
      meta: { prompt: 'Key the disposition code', input: 'confirm', exits: [] },
      on: {
        'return.restockDecided': 'restock',
        'return.reworkDecided': 'rework',
        'return.vendorReturnDecided': 'vendorReturn',
        'return.scrapDecided': 'scrap',
      },
    },
    restock: { type: 'final', meta: { prompt: 'Restock: put away as available', input: 'none', exits: [] } },
    rework: { type: 'final', meta: { prompt: 'Rework: take to the rework area', input: 'none', exits: [] } },
    vendorReturn: {
      type: 'final',
      meta: { prompt: 'Vendor return: stage for the supplier', input: 'none', exits: [] },
    },
    scrap: { type: 'final', meta: { prompt: 'Scrap: write off and dispose', input: 'none', exits: [] } },
    refused: {
      type: 'final',
      meta: { prompt: 'Refused: ship back to the customer', input: 'none', exits: [] },
    },
    cancelled: { type: 'final', meta: { prompt: 'RMA cancelled', input: 'none', exits: [] } },
  },
});
