import { bintwinStep, NO_STOCK, type TransactionSpec } from './transactionSpec.ts';

/** A counting-program step: no stock moves until an adjustment is posted. */
const COUNT = {
  flow: 'counting',
  ledger: 'none',
  epcis: { notExported: NO_STOCK },
  docs: ['count'],
} as const;

/** A replenishment task step that moves nothing. */
const REPLEN_TASK = {
  flow: 'replenishment',
  ledger: 'none',
  epcis: { notExported: 'a task, not a movement' },
  docs: ['task'],
} as const;

/** Stock-keeping transactions: opening stock, replenishment, cycle counts and their adjustments. */
export const STOCK_TRANSACTIONS = {
  'stock.opening': {
    label: 'Opening stock',
    flow: 'inventory',
    ledger: 'inflow',
    epcis: { bizStep: 'commissioning', disposition: 'active' },
    alert: 'none',
    docs: [],
    openingStock: true,
  },
  'replenishment.triggered': { ...REPLEN_TASK, label: 'Replenishment triggered', alert: 'none' },
  'replenishment.shortAtReserve': { ...REPLEN_TASK, label: 'Replenishment short at reserve', alert: 'none' },
  'replenishment.cancelled': { ...REPLEN_TASK, label: 'Replenishment cancelled', alert: 'none' },
  'replenishment.closedShort': { ...REPLEN_TASK, label: 'Replenishment closed short', alert: 'none' },
  'replenishment.pickedUp': {
    label: 'Replenishment picked up',
    flow: 'replenishment',
    ledger: 'move',
    epcis: { bizStep: 'stocking', disposition: 'in_progress' },
    alert: 'none',
    docs: ['task'],
  },
  'replenishment.confirmed': {
    label: 'Replenishment confirmed',
    flow: 'replenishment',
    ledger: 'move',
    epcis: { bizStep: 'stocking', disposition: 'sellable_not_accessible' },
    alert: 'none',
    docs: ['task'],
  },
  // A scheduled count is routine work, not news: ~1,700 a week would flood a wall screen's feed.
  'count.scheduled': { ...COUNT, label: 'Count scheduled', alert: 'none' },
  'count.posted': { ...COUNT, label: 'Count posted', alert: 'info', marksCount: true },
  'count.outOfTolerance': { ...COUNT, label: 'Count out of tolerance', alert: 'info', marksCount: true },
  'count.adjustmentApproved': {
    ...COUNT,
    label: 'Count adjustment approved',
    alert: 'info',
    marksCount: true,
  },
  'count.adjustmentRejected': {
    ...COUNT,
    label: 'Count adjustment rejected',
    alert: 'info',
    marksCount: true,
  },
  'count.voided': { ...COUNT, label: 'Count voided', alert: 'info' },
  'adjustment.posted': {
    label: 'Adjustment posted',
    flow: 'counting',
    ledger: 'adjust',
    epcis: { bizStep: bintwinStep('adjustment.posted'), disposition: null },
    alert: 'info',
    docs: ['count', 'adjustment'],
  },
} as const satisfies Record<string, TransactionSpec>;
