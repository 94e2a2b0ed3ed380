import { bintwinStep, NO_STOCK, type TransactionSpec } from './transactionSpec.ts';

/**
 * Transfer claims (sim/flows/transfers/transferClaims.ts, `transfers.claims`): a transfer
 * received short opens a claim at the destination; the missing units stay booked in transit at
 * the source while it is investigated, then are found (booked in at the destination, the
 * source closes them as received) or written off at the source.
 */
export const TRANSFER_CLAIM_TRANSACTIONS = {
  'transfer.claimOpened': {
    label: 'Transfer claim opened',
    flow: 'transfers',
    ledger: 'none',
    epcis: { notExported: NO_STOCK },
    alert: 'warning',
    docs: ['transfer'],
  },
  'transfer.claimFound': {
    // The carrier's investigation turned the missing units up: they are received at the destination.
    label: 'Transfer claim: units found',
    flow: 'transfers',
    ledger: 'inflow',
    epcis: { bizStep: 'receiving', disposition: 'sellable_accessible' },
    alert: 'info',
    docs: ['transfer'],
  },
  'transfer.claimWrittenOff': {
    // Never found: the source closes the missing units out of in-transit as a loss.
    label: 'Transfer claim written off',
    flow: 'transfers',
    ledger: 'outflow',
    epcis: { bizStep: bintwinStep('transfer.claimWrittenOff'), disposition: 'unknown' },
    alert: 'warning',
    docs: ['transfer'],
  },
  'transfer.claimReturned': {
    // Found, but the carrier brought them back: the source puts them back in storage, sellable.
    label: 'Transfer claim: units returned to the source',
    flow: 'transfers',
    ledger: 'move',
    epcis: { bizStep: 'receiving', disposition: 'sellable_accessible' },
    alert: 'info',
    docs: ['transfer'],
  },
} as const satisfies Record<string, TransactionSpec>;
