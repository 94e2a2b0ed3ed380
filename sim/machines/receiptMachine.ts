import { setup } from 'xstate';
import type { ExitEvents } from './taskStepMeta.ts';

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

/** The event each exception exit of a step sends. */
export const receiptExits: ExitEvents = {
  short: receiptEvents.shortRecorded,
  damaged: receiptEvents.damageRecorded,
  discrepancy: receiptEvents.wrongItemRecorded,
  cancel: receiptEvents.cancelled,
};

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
      meta: { prompt: 'Wait for the load', input: 'none', event: 'receipt.arrived', exits: ['cancel'] },
      on: {
        'receipt.arrived': 'arrived',
        'receipt.noShowRecorded': 'noShow',
        'receipt.cancelled': 'cancelled',
      },
    },
    arrived: {
      meta: {
        prompt: 'Scan the dock door and start unloading',
        input: 'binLabel',
        event: 'receipt.receivingStarted',
        exits: [],
      },
      on: {
        'receipt.receivingStarted': 'receiving',
        'receipt.refused': 'refused',
      },
    },
    receiving: {
      meta: {
        prompt: 'Scan each line: item, lot, quantity',
        input: 'gs1Item',
        then: ['quantity'],
        event: 'receipt.lineScanned',
        exits: ['short', 'damaged', 'discrepancy'],
      },
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
      meta: { prompt: 'QC: release or reject the receipt', input: 'confirm', exits: [] },
      on: {
        'receipt.released': 'released',
        'receipt.rejected': 'rejected',
      },
    },
    released: {
      meta: { prompt: 'Move the goods to staging', input: 'binLabel', event: 'receipt.staged', exits: [] },
      on: { 'receipt.staged': 'staged' },
    },
    staged: {
      meta: { prompt: 'Wait for putaway tasks', input: 'none', exits: [] },
      on: { 'receipt.putawayTasksCreated': 'putaway' },
    },
    putaway: {
      meta: { prompt: 'Put away every unit', input: 'none', exits: [] },
      on: { 'receipt.closed': 'closed' },
    },
    closed: { type: 'final', meta: { prompt: 'Closed', input: 'none', exits: [] } },
    rejected: { type: 'final', meta: { prompt: 'Rejected: return to vendor', input: 'none', exits: [] } },
    refused: { type: 'final', meta: { prompt: 'Refused at the door', input: 'none', exits: [] } },
    noShow: { type: 'final', meta: { prompt: 'No show', input: 'none', exits: [] } },
    cancelled: { type: 'final', meta: { prompt: 'Cancelled', input: 'none', exits: [] } },
  },
});
