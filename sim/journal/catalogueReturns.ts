import { bintwinStep, NO_STOCK, type TransactionSpec } from './transactionSpec.ts';

/** An RMA document step: the return's lines carry the stock. */
const RMA_STEP = {
  flow: 'returns',
  ledger: 'none',
  epcis: { notExported: NO_STOCK },
  docs: ['rma', 'order', 'line'],
} as const;

/**
 * Customer returns (sim/flows/returns/): the RMA, the receipt under quarantine, the inspection
 * and the four dispositions; and the disposition of QC-rejected inbound goods. EPCIS steps and
 * dispositions are CBV 2.0 words: a return is `receiving` goods that are `returned`, rework is
 * `repairing` `in_progress`, a vendor return is `shipping` `returned`, scrap `destroying`
 * `destroyed`.
 */
export const RETURNS_TRANSACTIONS = {
  'rma.issued': { ...RMA_STEP, label: 'RMA issued', alert: 'none' },
  'rma.cancelled': { ...RMA_STEP, label: 'RMA cancelled (goods never came back)', alert: 'none' },
  /** Stock re-enters the site in the returns area, in quarantine until inspected. */
  'return.received': {
    label: 'Return received',
    flow: 'returns',
    ledger: 'inflow',
    epcis: { bizStep: 'receiving', disposition: 'returned' },
    alert: 'none',
    docs: ['rma', 'order', 'line'],
  },
  'return.mismatchRecorded': {
    ...RMA_STEP,
    label: 'Return differs from its RMA',
    alert: 'info',
    epcis: { notExported: 'a discrepancy note; the receipt carries the quantity' },
  },
  /** The inspection's outcome: `reason` is the disposition code. */
  'return.inspected': {
    ...RMA_STEP,
    label: 'Return inspected',
    alert: 'none',
    epcis: { notExported: 'a decision; the disposition moves the stock' },
  },
  'return.restocked': {
    label: 'Return restocked',
    flow: 'returns',
    ledger: 'move',
    epcis: { bizStep: 'storing', disposition: 'sellable_not_accessible' },
    alert: 'none',
    docs: ['rma', 'order', 'line'],
  },
  'return.reworkStarted': {
    label: 'Return to rework',
    flow: 'returns',
    ledger: 'move',
    epcis: { bizStep: 'repairing', disposition: 'in_progress' },
    alert: 'none',
    docs: ['rma', 'order', 'line'],
  },
  /** Rework done: the goods are sound again (available in the rework area, then restocked). */
  'return.reworked': {
    label: 'Return reworked',
    flow: 'returns',
    ledger: 'status',
    epcis: { bizStep: bintwinStep('return.reworked'), disposition: 'sellable_not_accessible' },
    alert: 'none',
    docs: ['rma', 'order', 'line'],
  },
  'return.vendorReturned': {
    label: 'Return shipped to the vendor',
    flow: 'returns',
    ledger: 'outflow',
    epcis: { bizStep: 'shipping', disposition: 'returned' },
    alert: 'none',
    docs: ['rma', 'order', 'line'],
  },
  /** Written off: `docs.adjustment` is the write-off document, valued at unit cost. */
  'return.scrapped': {
    label: 'Return scrapped',
    flow: 'returns',
    ledger: 'outflow',
    epcis: { bizStep: 'destroying', disposition: 'destroyed' },
    alert: 'info',
    docs: ['rma', 'order', 'line', 'adjustment'],
  },
  /** QC-rejected inbound goods leave quarantine for their supplier. */
  'rejected.vendorReturned': {
    label: 'QC reject shipped to the vendor',
    flow: 'returns',
    ledger: 'outflow',
    epcis: { bizStep: 'shipping', disposition: 'returned' },
    alert: 'none',
    docs: ['receipt', 'line'],
  },
  'rejected.scrapped': {
    label: 'QC reject scrapped',
    flow: 'returns',
    ledger: 'outflow',
    epcis: { bizStep: 'destroying', disposition: 'destroyed' },
    alert: 'info',
    docs: ['receipt', 'line', 'adjustment'],
  },
  /** A real site's scanner booked a customer return into quarantine (the mirror's return step). */
  'scan.returned': {
    label: 'Scanned: returned',
    flow: 'mirror',
    ledger: 'inflow',
    epcis: { bizStep: 'receiving', disposition: 'returned' },
    alert: 'none',
    docs: [],
  },
} as const satisfies Record<string, TransactionSpec>;
