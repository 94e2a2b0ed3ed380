import { bintwinStep, NO_STOCK, type TransactionSpec } from './transactionSpec.ts';

/**
 * Cross-dock and stock-status transactions: received goods taken dock-to-dock to waiting orders
 * (sim/flows/crossdock), stock held for key accounts (customer-reserved) and vendor-owned stock
 * (consigned) with the liability its consumption creates (sim/flows/stockStatus).
 */
export const CROSSDOCK_TRANSACTIONS = {
  'crossdock.allocated': {
    label: 'Cross-dock allocated',
    flow: 'inbound',
    ledger: 'status',
    epcis: { bizStep: 'reserving', disposition: 'reserved' },
    alert: 'none',
    docs: ['order', 'line', 'receipt', 'task'],
  },
  'crossdock.pickedUp': {
    label: 'Cross-dock picked up',
    flow: 'inbound',
    ledger: 'move',
    epcis: { bizStep: bintwinStep('crossdock.pickedUp'), disposition: 'reserved' },
    alert: 'none',
    docs: ['order', 'line', 'receipt', 'task'],
  },
  'crossdock.delivered': {
    label: 'Cross-dock delivered to pack',
    flow: 'inbound',
    ledger: 'move',
    epcis: { bizStep: 'staging_outbound', disposition: 'reserved' },
    alert: 'none',
    docs: ['order', 'line', 'receipt', 'task'],
  },
  'crossdock.expired': {
    label: 'Cross-dock expired (to putaway)',
    flow: 'inbound',
    ledger: 'status',
    epcis: { bizStep: bintwinStep('crossdock.expired'), disposition: 'sellable_not_accessible' },
    alert: 'info',
    docs: ['order', 'line', 'receipt', 'task'],
  },
  'reserve.held': {
    label: 'Held for key account',
    flow: 'inventory',
    ledger: 'status',
    epcis: { bizStep: bintwinStep('reserve.held'), disposition: 'reserved' },
    alert: 'none',
    docs: [],
  },
  'reserve.allocated': {
    label: 'Key-account reserve allocated',
    flow: 'picking',
    ledger: 'status',
    epcis: { bizStep: 'reserving', disposition: 'reserved' },
    alert: 'none',
    docs: ['order', 'line', 'task'],
  },
  'reserve.missed': {
    label: 'Key-account reserve short',
    flow: 'picking',
    ledger: 'none',
    epcis: { notExported: NO_STOCK },
    alert: 'warning',
    docs: ['order', 'line'],
  },
  'consignment.received': {
    label: 'Booked as consigned',
    flow: 'inventory',
    ledger: 'status',
    epcis: { bizStep: bintwinStep('consignment.received'), disposition: 'sellable_accessible' },
    alert: 'none',
    docs: [],
  },
  'consignment.consumed': {
    label: 'Consigned stock allocated',
    flow: 'picking',
    ledger: 'status',
    epcis: { bizStep: 'reserving', disposition: 'reserved' },
    alert: 'none',
    docs: ['order', 'line', 'task'],
  },
  'consignment.liabilityPosted': {
    label: 'Vendor liability posted',
    flow: 'inventory',
    ledger: 'none',
    epcis: { notExported: 'a vendor invoice line, not goods' },
    alert: 'none',
    docs: ['order', 'line'],
  },
} as const satisfies Record<string, TransactionSpec>;
