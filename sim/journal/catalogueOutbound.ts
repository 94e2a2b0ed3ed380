import { bintwinStep, NO_STOCK, type TransactionSpec } from './transactionSpec.ts';

/** Order documents: their lifecycle moves no stock (the lines' allocations, picks and shipments do). */
const ORDER = {
  flow: 'picking',
  ledger: 'none',
  epcis: { notExported: 'an order document step; its lines move the stock' },
  docs: ['order'],
} as const;

/** Outbound transactions: orders, waves, allocation, picking, packing and shipping. */
export const OUTBOUND_TRANSACTIONS = {
  'order.created': { ...ORDER, label: 'Order created', alert: 'none' },
  'order.allocated': { ...ORDER, label: 'Order allocated', alert: 'none' },
  'order.backordered': { ...ORDER, label: 'Order backordered', alert: 'info' },
  'order.cancelled': { ...ORDER, label: 'Order cancelled', alert: 'info' },
  'order.released': { ...ORDER, label: 'Order released', alert: 'none', docs: ['order', 'wave'] },
  'order.consolidated': { ...ORDER, label: 'Order consolidated', alert: 'none' },
  'order.picked': { ...ORDER, label: 'Order picked', alert: 'none' },
  'order.packed': { ...ORDER, label: 'Order packed', alert: 'none' },
  'order.shipped': { ...ORDER, label: 'Order shipped', alert: 'none' },
  'order.shortShipped': { ...ORDER, label: 'Order shipped short', alert: 'none' },
  'wave.released': {
    label: 'Wave released',
    flow: 'picking',
    ledger: 'none',
    epcis: { notExported: NO_STOCK },
    alert: 'none',
    docs: ['wave'],
  },
  'tour.started': {
    label: 'Pick tour started',
    flow: 'picking',
    ledger: 'none',
    epcis: { notExported: NO_STOCK },
    alert: 'none',
    docs: ['tour', 'order'],
  },
  'stock.allocated': {
    label: 'Stock allocated',
    flow: 'picking',
    ledger: 'status',
    epcis: { bizStep: 'reserving', disposition: 'reserved' },
    alert: 'none',
    docs: ['order', 'line', 'task'],
  },
  /** A move to the pack station; untracked runs (the mmc case) keep no stock and book it without quantities. */
  'pick.confirmed': {
    label: 'Pick confirmed',
    flow: 'picking',
    ledger: 'move',
    epcis: { bizStep: 'picking', disposition: 'reserved' },
    alert: 'none',
    docs: ['order', 'line', 'task', 'tour'],
  },
  'pick.short': {
    label: 'Short pick',
    flow: 'picking',
    ledger: 'status',
    epcis: { bizStep: bintwinStep('pick.short'), disposition: 'sellable_not_accessible' },
    alert: 'warning',
    docs: ['order', 'line', 'task', 'tour'],
  },
  'ship.confirmed': {
    label: 'Shipped',
    flow: 'picking',
    ledger: 'outflow',
    epcis: { bizStep: 'shipping', disposition: 'in_transit' },
    alert: 'none',
    docs: ['order', 'line'],
  },
} as const satisfies Record<string, TransactionSpec>;
