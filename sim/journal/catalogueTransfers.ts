import { bintwinStep, NO_STOCK, type TransactionSpec } from './transactionSpec.ts';

/** A transfer-order step that moves no stock (the document's own lifecycle). */
const TRANSFER_DOC = {
  flow: 'transfers',
  ledger: 'none',
  epcis: { notExported: NO_STOCK },
  docs: ['transfer'],
} as const;

/**
 * Transfers between the sites of a network run (sim/flows/transfers/). The goods leave the
 * source as in-transit stock in a transit location of the source (`TRANSIT-<transfer>`) and are
 * received at the destination through its ordinary receiving (`receipt.*` events against the
 * transfer order); the source closes the in-transit stock when the destination confirms.
 * `reason` carries `from=<site> to=<site>` so an export can name both ends.
 */
export const TRANSFER_TRANSACTIONS = {
  'transfer.requested': { ...TRANSFER_DOC, label: 'Transfer requested', alert: 'none' },
  'transfer.created': { ...TRANSFER_DOC, label: 'Transfer order created', alert: 'none' },
  'transfer.cancelled': { ...TRANSFER_DOC, label: 'Transfer cancelled', alert: 'info' },
  'transfer.allocated': {
    label: 'Transfer stock allocated',
    flow: 'transfers',
    ledger: 'status',
    epcis: { bizStep: 'reserving', disposition: 'reserved' },
    alert: 'none',
    docs: ['transfer'],
  },
  'transfer.picked': {
    label: 'Transfer picked',
    flow: 'transfers',
    ledger: 'move',
    epcis: { bizStep: 'picking', disposition: 'in_progress' },
    alert: 'none',
    docs: ['transfer'],
  },
  'transfer.shipped': {
    label: 'Transfer shipped',
    flow: 'transfers',
    ledger: 'move',
    epcis: { bizStep: 'shipping', disposition: 'in_transit' },
    alert: 'none',
    docs: ['transfer'],
  },
  'transfer.arrived': { ...TRANSFER_DOC, label: 'Transfer arrived', alert: 'none' },
  'transfer.received': {
    // The quantity received at the destination, for the network's records; the stock itself is
    // booked by the receipt lines, so this moves nothing (an EPCIS import must not book it twice).
    label: 'Transfer received',
    flow: 'transfers',
    ledger: 'none',
    epcis: { bizStep: 'receiving', disposition: 'in_progress' },
    alert: 'none',
    docs: ['transfer'],
  },
  'transfer.discrepancy': {
    ...TRANSFER_DOC,
    label: 'Transfer received with discrepancy',
    alert: 'warning',
  },
  'transfer.closed': {
    label: 'Transfer in-transit closed',
    flow: 'transfers',
    ledger: 'outflow',
    // The source closing its in-transit record (the receipt lines are the destination's movement).
    epcis: { bizStep: bintwinStep('transfer.closed'), disposition: null },
    alert: 'none',
    docs: ['transfer'],
  },
} as const satisfies Record<string, TransactionSpec>;
