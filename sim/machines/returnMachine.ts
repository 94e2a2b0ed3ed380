import { setup } from 'xstate';

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
} as const;

/** One return event type. */
export type ReturnEventType = (typeof returnEvents)[keyof typeof returnEvents];

/**
 * Customer return lifecycle: goods received against a return authorisation (RMA), held in
 * quarantine, inspected, and given a disposition. The engine decides:
 * - at receipt, whether what came back matches the RMA (`mismatchRecorded` for a wrong item or
 *   quantity; legal only at the returns dock and keeps the return there);
 * - after inspection, the disposition: restock, rework, vendor return or scrap. The return
 *   ends there; the physical follow-up is other work (restock ⇒ a putaway task out of
 *   quarantine, vendor return ⇒ an outbound shipment, scrap ⇒ a disposal adjustment).
 * A return that arrives without an RMA is the engine's call (create an RMA, or refuse it).
 *
 * | state        | meaning                                                         |
 * |--------------|-----------------------------------------------------------------|
 * | authorised   | RMA issued, goods not yet back                                  |
 * | received     | goods at the returns dock, checked against the RMA              |
 * | quarantined  | goods in a quarantine bin (quarantine status), awaiting a check |
 * | inspected    | inspection done; disposition pending                            |
 * | restock      | final: disposition restock (sellable again after putaway)       |
 * | rework       | final: disposition rework                                       |
 * | vendorReturn | final: disposition return to vendor                             |
 * | scrap        | final: disposition scrap                                        |
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
      on: {
        'return.received': 'received',
        'return.cancelled': 'cancelled',
      },
    },
    received: {
      // Self-targeted, not targetless: XState's `can()` rejects a targetless, action-free event.
      on: {
        'return.mismatchRecorded': 'received',
        'return.quarantined': 'quarantined',
      },
    },
    quarantined: { on: { 'return.inspected': 'inspected' } },
    inspected: {
      on: {
        'return.restockDecided': 'restock',
        'return.reworkDecided': 'rework',
        'return.vendorReturnDecided': 'vendorReturn',
        'return.scrapDecided': 'scrap',
      },
    },
    restock: { type: 'final' },
    rework: { type: 'final' },
    vendorReturn: { type: 'final' },
    scrap: { type: 'final' },
    cancelled: { type: 'final' },
  },
});
