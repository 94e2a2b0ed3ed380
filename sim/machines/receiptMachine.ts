import { setup } from 'xstate';

/** Event types of the receipt lifecycle, for the engine to send without string typos. */
export const receiptEvents = {
  arrived: 'receipt.arrived',
  noShowRecorded: 'receipt.noShowRecorded',
  cancelled: 'receipt.cancelled',
  refused: 'receipt.refused',
  receivingStarted: 'receipt.receivingStarted',
  lineScanned: 'receipt.lineScanned',
  shortRecorded: 'receipt.shortRecorded',
  overRecorded: 'receipt.overRecorded',
  damageRecorded: 'receipt.damageRecorded',
  wrongItemRecorded: 'receipt.wrongItemRecorded',
  unknownPoRecorded: 'receipt.unknownPoRecorded',
  labellingRecorded: 'receipt.labellingRecorded',
  inspectionHeld: 'receipt.inspectionHeld',
  released: 'receipt.released',
  rejected: 'receipt.rejected',
  staged: 'receipt.staged',
  putawayTasksCreated: 'receipt.putawayTasksCreated',
  closed: 'receipt.closed',
} as const;

/** One receipt event type. */
export type ReceiptEventType = (typeof receiptEvents)[keyof typeof receiptEvents];

/**
 * Receipt lifecycle: one inbound receipt against a purchase order or ASN, from expected to
 * closed (every putaway task of it done). The machine only says which steps are legal in which
 * order; the engine makes every data-dependent decision and sends the matching event:
 * - whether the load came at all (`receipt.arrived` or `receipt.noShowRecorded`/`cancelled`);
 * - per scanned line, whether it matches the PO: a matching line is `receipt.lineScanned`, a
 *   discrepancy is `shortRecorded` / `overRecorded` / `damageRecorded` / `wrongItemRecorded` /
 *   `unknownPoRecorded` (no PO or ASN line to receive against) / `labellingRecorded` (pallet
 *   labels missing or wrong: relabelled before putaway). These are legal only while
 *   receiving, keep the receipt there, and carry their quantities in the engine's records;
 * - whether the receipt needs QC (`receipt.inspectionHeld`) or goes straight to staging
 *   (`receipt.staged`), and what QC decided (`released` or `rejected`, whole receipt);
 * - when every putaway task of the receipt is done (`receipt.closed`). Inventory becomes
 *   available per line at putaway confirmation (putawayTaskMachine), not here.
 *
 * | state      | meaning                                                                  |
 * |------------|--------------------------------------------------------------------------|
 * | expected   | PO/ASN known, goods not yet at the site                                  |
 * | arrived    | load at a dock door, unloading not started (dock-to-stock clock starts)  |
 * | receiving  | lines being scanned and checked against the PO/ASN; discrepancies logged |
 * | inspection | QC hold: received goods in inspection status, not yet usable             |
 * | released   | QC passed; goods waiting to be staged                                    |
 * | staged     | received goods in dock staging, waiting for putaway tasks                |
 * | putaway    | putaway tasks open for the receipt's goods                               |
 * | closed     | final: every putaway task done                                           |
 * | rejected   | final: QC rejected the receipt (goods go back to the vendor)             |
 * | refused    | final: load refused at the door (not received)                           |
 * | noShow     | final: the load never came                                               |
 * | cancelled  | final: receipt cancelled before arrival                                  |
 */
export const receiptMachine = setup({
  types: {
    events: {} as { type: ReceiptEventType },
  },
}).createMachine({
  id: 'receipt',
  initial: 'expected',
  states: {
    expected: {
      on: {
        'receipt.arrived': 'arrived',
        'receipt.noShowRecorded': 'noShow',
        'receipt.cancelled': 'cancelled',
      },
    },
    arrived: {
      on: {
        'receipt.receivingStarted': 'receiving',
        'receipt.refused': 'refused',
      },
    },
    receiving: {
      // Line scans and discrepancies target the state itself: XState's `can()` treats a
      // targetless transition without actions as not accepted, and these must be legal.
      on: {
        'receipt.lineScanned': 'receiving',
        'receipt.shortRecorded': 'receiving',
        'receipt.overRecorded': 'receiving',
        'receipt.damageRecorded': 'receiving',
        'receipt.wrongItemRecorded': 'receiving',
        'receipt.unknownPoRecorded': 'receiving',
        'receipt.labellingRecorded': 'receiving',
        'receipt.inspectionHeld': 'inspection',
        'receipt.staged': 'staged',
      },
    },
    inspection: {
      on: {
        'receipt.released': 'released',
        'receipt.rejected': 'rejected',
      },
    },
    released: { on: { 'receipt.staged': 'staged' } },
    staged: { on: { 'receipt.putawayTasksCreated': 'putaway' } },
    putaway: { on: { 'receipt.closed': 'closed' } },
    closed: { type: 'final' },
    rejected: { type: 'final' },
    refused: { type: 'final' },
    noShow: { type: 'final' },
    cancelled: { type: 'final' },
  },
});
