import type { World } from '../../engine/world.ts';
import type { DocRefs, InventoryStatus } from '../../journal/journalEvent.ts';
import { post } from '../../engine/applyEffects.ts';
import { stockStatusState } from './stockStatusState.ts';
import { bookConsignmentLiability } from './liabilityBooking.ts';
import { noteConsumedTask } from './liabilityReversal.ts';

/** One allocation of a line from one stock record. */
export interface AllocationPosting {
  bin: string;
  /** Item index and its SKU. */
  item: number;
  sku: string;
  lot: string;
  qty: number;
  /** The record's status: available, customer-reserved (a key account's reserve) or consigned. */
  status: InventoryStatus;
  /** The journal's document references; undefined when no journal is kept. */
  docs: DocRefs | undefined;
  /** The pick task the allocation made (a consumption is reversed if its pick comes up short). */
  task?: number;
}

/**
 * Books an allocation: available stock is `stock.allocated` as ever; a key-account reserve is
 * `reserve.allocated`; consigned stock is consumed (`consignment.consumed`) and the vendor is
 * owed its cost (`consignment.liabilityPosted`).
 */
export function postAllocation(w: World, a: AllocationPosting): void {
  // One body per posting, written out (a base spread into a copy was two objects a line).
  const type =
    a.status === 'available'
      ? ('stock.allocated' as const)
      : a.status === 'customer-reserved'
        ? ('reserve.allocated' as const)
        : ('consignment.consumed' as const);
  if (a.status !== 'available' && a.status !== 'customer-reserved' && a.status !== 'consigned')
    throw new Error(`allocation from status ${a.status} (${a.sku} in ${a.bin})`);
  post(w, {
    type,
    site: w.site.name,
    bin: a.bin,
    sku: a.sku,
    lot: a.lot || undefined,
    baseQty: a.qty,
    statusFrom: a.status,
    statusTo: 'allocated',
    docs: a.docs,
  });
  if (a.status === 'available') return;
  const k = stockStatusState(w).kpi;
  if (a.status === 'customer-reserved') {
    k.reserveUnitsAllocated += a.qty;
    return;
  }
  postConsignmentLiability(w, a.item, a.lot, a.qty, a.docs);
  if (a.task !== undefined) noteConsumedTask(w, a.task, a.qty);
}

/**
 * Consigned units were consumed (allocated to an order, at a face or dock-to-dock): the vendor is
 * owed their cost, journaled as `consignment.liabilityPosted` and summed in the KPIs.
 */
export function postConsignmentLiability(
  w: World,
  itemIndex: number,
  lot: string,
  qty: number,
  docs: DocRefs | undefined,
): void {
  bookConsignmentLiability(w, 1, itemIndex, lot, qty, docs);
}

/**
 * A key account's line has drawn `took` units of its item's reserve and still lacks `lacking`:
 * a hit when the reserve covered it, else a miss, journaled so the account manager sees it.
 */
export function reserveOutcome(w: World, docs: DocRefs, sku: string, took: number, lacking: number): void {
  const k = stockStatusState(w).kpi;
  if (lacking === 0) {
    k.reserveHits++;
    return;
  }
  k.reserveMisses++;
  if (w.journalOn)
    post(w, {
      type: 'reserve.missed',
      site: w.site.name,
      sku,
      qty: lacking,
      reason: `reserve gave ${took}`,
      docs,
    });
}
