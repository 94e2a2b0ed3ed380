import { NO_STOCK, type TransactionSpec } from './transactionSpec.ts';

const RMA_DOCS = ['rma', 'order', 'line'] as const;

/**
 * Returns received other than their RMA says (sim/flows/returns/discrepancy.ts): the discrepancy
 * notes for a wrong item, over quantity and damaged goods are `return.mismatchRecorded`
 * (catalogueReturns.ts, `reason` = `discrepancy:<code>`); these are the events that only
 * those codes post. Damaged goods come in `damaged`, not quarantine; a return without an RMA
 * is held as unauthorised until the desk authorises it late, refuses it (shipped back to the
 * customer) or scraps it (`return.scrapped`, reason `no-rma`). EPCIS: CBV 2.0 words.
 */
export const RETURN_MISMATCH_TRANSACTIONS = {
  /** Stock re-enters the site in the returns area as damaged (the whole return). */
  'return.receivedDamaged': {
    label: 'Return received damaged',
    flow: 'returns',
    ledger: 'inflow',
    epcis: { bizStep: 'receiving', disposition: 'damaged' },
    alert: 'warning',
    docs: RMA_DOCS,
  },
  /** Goods came back with no RMA: received into quarantine and held there as unauthorised. */
  'return.unauthorisedHeld': {
    label: 'Return without RMA held',
    flow: 'returns',
    ledger: 'none',
    epcis: { notExported: NO_STOCK },
    alert: 'warning',
    docs: RMA_DOCS,
  },
  /** The desk accepts an unauthorised return: an RMA is raised after the fact, inspection follows. */
  'return.authorisedLate': {
    label: 'Return authorised after receipt',
    flow: 'returns',
    ledger: 'none',
    epcis: { notExported: 'a decision; the inspection and disposition move the stock' },
    alert: 'info',
    docs: RMA_DOCS,
  },
  /** The desk refuses an unauthorised return: it leaves quarantine, shipped back to the customer. */
  'return.refused': {
    label: 'Return refused, shipped back',
    flow: 'returns',
    ledger: 'outflow',
    epcis: { bizStep: 'shipping', disposition: 'in_transit' },
    alert: 'info',
    docs: RMA_DOCS,
  },
} as const satisfies Record<string, TransactionSpec>;
