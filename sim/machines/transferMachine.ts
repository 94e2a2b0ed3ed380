import { setup } from 'xstate';
import type { ExitEvents } from './taskStepMeta.ts';

/** Event types of the inter-site transfer lifecycle, for the engine to send without string typos. */
export const transferEvents = {
  shipped: 'transfer.shipped',
  cancelled: 'transfer.cancelled',
  arrived: 'transfer.arrived',
  declaredLost: 'transfer.declaredLost',
  receivingStarted: 'transfer.receivingStarted',
  lineScanned: 'transfer.lineScanned',
  shortRecorded: 'transfer.shortRecorded',
  overRecorded: 'transfer.overRecorded',
  damageRecorded: 'transfer.damageRecorded',
  receivedInFull: 'transfer.receivedInFull',
  receivedWithDiscrepancy: 'transfer.receivedWithDiscrepancy',
  discrepancyResolved: 'transfer.discrepancyResolved',
} as const;

/** The event each exception exit of a transfer step sends. */
export const transferExits: ExitEvents = {
  short: transferEvents.shortRecorded,
  damaged: transferEvents.damageRecorded,
  discrepancy: transferEvents.overRecorded,
  cancel: transferEvents.cancelled,
};

/** One transfer event type. */
export type TransferEventType = (typeof transferEvents)[keyof typeof transferEvents];

/**
 * Transfer order lifecycle: stock shipped from site A, in transit, received at site B. While
 * in transit the stock is in the in-transit status of the system ledger (at neither site).
 * Picking and loading at A are ordinary pick tasks; putaway at B is ordinary putaway tasks.
 * The engine decides:
 * - per scanned line at B, whether it matches what A shipped: `lineScanned`, or a discrepancy
 *   (`shortRecorded` / `overRecorded` / `damageRecorded`), all legal only while receiving;
 * - at the end of receiving, whether the transfer matched (`receivedInFull`) or not
 *   (`receivedWithDiscrepancy`), which opens a review between the two sites; a shipment that
 *   never arrives is `declaredLost` and goes to the same review;
 * - `discrepancyResolved` when the difference is written off, found or claimed.
 * Late receipt is a time KPI on `inTransit`, not a state.
 *
 * | state             | meaning                                                          |
 * |-------------------|------------------------------------------------------------------|
 * | created           | transfer order at site A, not yet shipped                        |
 * | inTransit         | shipped from A; stock in transit                                 |
 * | arrived           | at a dock door of site B, unloading not started                  |
 * | receiving         | lines being scanned at B against what A shipped                  |
 * | discrepancyReview | received short/over/damaged, or lost; sites reconcile the gap    |
 * | received          | final: received in full at B                                     |
 * | reconciled        | final: received with a discrepancy (or lost), difference settled |
 * | cancelled         | final: cancelled before shipping                                 |
 */
export const transferMachine = setup({
  types: {
    events: {} as { type: TransferEventType },
  },
}).createMachine({
  id: 'transfer',
  initial: 'created',
  states: {
    created: {
      meta: {
        prompt: 'Pick and load the transfer',
        input: 'binLabel',
        then: ['gs1Item', 'quantity'],
        event: 'transfer.shipped',
        exits: ['cancel'],
      },
      on: {
        'transfer.shipped': 'inTransit',
        'transfer.cancelled': 'cancelled',
      },
    },
    inTransit: {
      meta: { prompt: 'Goods on the road: wait for the truck', input: 'none', exits: [] },
      on: {
        'transfer.arrived': 'arrived',
        'transfer.declaredLost': 'discrepancyReview',
      },
    },
    arrived: {
      meta: {
        prompt: 'Scan the dock door and start receiving the transfer',
        input: 'binLabel',
        event: 'transfer.receivingStarted',
        exits: [],
      },
      on: { 'transfer.receivingStarted': 'receiving' },
    },
    receiving: {
      meta: {
        prompt: 'Scan each line against the transfer order: item, lot, quantity',
        input: 'gs1Item',
        then: ['quantity'],
        event: 'transfer.lineScanned',
        exits: ['short', 'damaged', 'discrepancy'],
      },
      // Self-targeted, not targetless: XState's `can()` rejects a targetless, action-free event.
      on: {
        'transfer.lineScanned': 'receiving',
        'transfer.shortRecorded': 'receiving',
        'transfer.overRecorded': 'receiving',
        'transfer.damageRecorded': 'receiving',
        'transfer.receivedInFull': 'received',
        'transfer.receivedWithDiscrepancy': 'discrepancyReview',
      },
    },
    discrepancyReview: {
      meta: { prompt: 'Sites reconcile the difference', input: 'confirm', exits: [] },
      on: { 'transfer.discrepancyResolved': 'reconciled' },
    },
    received: { type: 'final', meta: { prompt: 'Transfer received', input: 'none', exits: [] } },
    reconciled: { type: 'final', meta: { prompt: 'Difference settled', input: 'none', exits: [] } },
    cancelled: { type: 'final', meta: { prompt: 'Transfer cancelled', input: 'none', exits: [] } },
  },
});
