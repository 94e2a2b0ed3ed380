import type { InventoryStatus } from '../journal/journalEvent.ts';
import type { Ledger, StockPosting } from './ledger.ts';

/**
 * Allocation, customer reservation and vendor ownership (consignment) are facts in the books, not
 * properties of the goods: on the floor an allocated or consigned case looks like any other. The
 * physical ledger therefore books them as available, and accuracy compares the system with this
 * same mapping.
 */
export function physicalStatus(s: InventoryStatus): InventoryStatus {
  return s === 'allocated' || s === 'customer-reserved' || s === 'consigned' ? 'available' : s;
}

/**
 * Applies a system transaction to the physical ledger, as the floor really carried it out when
 * nothing went wrong. A status change that maps to itself (allocation) is no physical change.
 * Where the source holds less than the event moves — the floor already differs from the system
 * because of an earlier exception — only what is physically there moves, and the shortfall is
 * returned so the caller can count it (the floor cannot move goods it does not have).
 */
export function applyPhysically(ledger: Ledger, e: StockPosting): number {
  if (e.baseQty === undefined || e.sku === undefined) return 0;
  const lot = e.lot ?? '';
  const from = e.statusFrom === undefined ? undefined : physicalStatus(e.statusFrom);
  const to = e.statusTo === undefined ? undefined : physicalStatus(e.statusTo);
  const toBin = e.toBin ?? e.bin;
  if (from !== undefined && to !== undefined && from === to && toBin === e.bin) return 0;
  let qty = e.baseQty;
  if (from !== undefined) {
    // Only what is physically there moves: at most baseQty, at most what the record holds.
    if (qty > 0) qty = ledger.takeUpTo(e.bin!, e.sku, lot, from, qty);
  }
  if (to !== undefined && qty > 0) ledger.add(toBin!, e.sku, lot, to, qty);
  return e.baseQty - qty;
}
