import type { TransactionSpec } from './transactionSpec.ts';

/**
 * Vendor consignment's own postings beside catalogueCrossDock's (sim/flows/stockStatus): a
 * liability given back when consumed consigned units return to the vendor's stock unshipped.
 */
export const CONSIGNMENT_TRANSACTIONS = {
  'consignment.liabilityReversed': {
    // A cross-dock that expired, or a pick found short: the units are consigned stock again, so
    // the liability their consumption posted is taken back (else the next consumption posts it twice).
    label: 'Vendor liability reversed',
    flow: 'inventory',
    ledger: 'none',
    epcis: { notExported: 'a vendor invoice line, not goods' },
    alert: 'none',
    docs: ['order', 'line'],
  },
} as const satisfies Record<string, TransactionSpec>;
