import type { World } from '../../engine/world.ts';
import type { Order } from '../../engine/entities.ts';
import type { InventoryStatus } from '../../journal/journalEvent.ts';

const AVAILABLE: readonly InventoryStatus[] = ['available'];
const KEY_ACCOUNT: readonly InventoryStatus[] = ['customer-reserved', 'available'];
const CONSIGNED: readonly InventoryStatus[] = ['consigned', 'available'];

/**
 * Whether an order is a key account's: a fixed share of order numbers, picked by a hash of the
 * number (reproducible, no random draw, so turning reserves on changes no other stream).
 */
export function isKeyAccount(w: World, orderId: number): boolean {
  const r = w.scenario.stock.reserves;
  if (!r?.enabled) return false;
  let h = Math.imul(orderId ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296 < r.keyAccountShare;
}

/** Units of an item held for key accounts at its pick face (0 = none, or reserves off). */
export function reserveTarget(w: World, item: number): number {
  const r = w.scenario.stock.reserves;
  // A consigned item's face stock is the vendor's: none of it is held for key accounts.
  if (!r?.enabled || w.site.forwardBinOf[item]! < 0 || isConsigned(w, item)) return 0;
  const it = w.site.items[item]!;
  return r.units[it.sku] ?? r.byClass[it.velocityClass];
}

/** Whether an item is vendor-consigned (its face stock is booked consigned). */
export function isConsigned(w: World, item: number): boolean {
  const c = w.scenario.stock.consignment;
  if (!c?.enabled) return false;
  const it = w.site.items[item]!;
  return c.skus.length > 0 ? c.skus.includes(it.sku) : c.classes.includes(it.velocityClass);
}

/**
 * The statuses an order line may allocate, in the order it draws them: a key account's line
 * takes its item's customer-reserved stock first, a consigned item's line its consigned stock
 * first; everything else allocates available stock only. Reserved stock is never offered to an
 * order that is not a key account's — that guard is this function's first condition.
 */
export function allocationStatuses(w: World, o: Order, item: number): readonly InventoryStatus[] {
  if (isKeyAccount(w, o.id) && reserveTarget(w, item) > 0) return KEY_ACCOUNT;
  if (isConsigned(w, item)) return CONSIGNED;
  return AVAILABLE;
}

/**
 * The status an item's unallocated sellable stock is booked in wherever it sits — at receipt, in
 * reserve, on a replenishment truck, at the face, on a transfer: consigned for a vendor-owned
 * item (counted, never valued), else available. Ownership is the item's, not the bin's.
 */
export function sellableStatus(w: World, item: number): 'available' | 'consigned' {
  return w.tracked && isConsigned(w, item) ? 'consigned' : 'available';
}

// Item index by SKU, per item master (the site's items array is fixed for a run).
const bySku = new WeakMap<World['site']['items'], Map<string, number>>();

/** `sellableStatus` of a SKU's item (available for a SKU the site does not know). */
export function sellableStatusOf(w: World, sku: string): 'available' | 'consigned' {
  const c = w.scenario.stock.consignment;
  if (!c?.enabled) return 'available';
  let m = bySku.get(w.site.items);
  if (!m) {
    m = new Map(w.site.items.map((it, i) => [it.sku, i]));
    bySku.set(w.site.items, m);
  }
  const item = m.get(sku);
  return item === undefined ? 'available' : sellableStatus(w, item);
}

/** Whether a status is unallocated sellable stock (available, or its consigned counterpart). */
export function isSellable(status: InventoryStatus): boolean {
  return status === 'available' || status === 'consigned';
}
