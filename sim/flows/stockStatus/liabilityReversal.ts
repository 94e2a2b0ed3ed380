import type { World } from '../../engine/world.ts';
import type { DocRefs } from '../../journal/journalEvent.ts';
import { stockStatusState } from './stockStatusState.ts';
import { bookConsignmentLiability } from './liabilityBooking.ts';

/**
 * Consumed consigned units that come back unshipped are the vendor's again (consigned stock):
 * the liability their consumption posted is reversed here, so consuming them once more (the
 * next allocation) does not make the site owe the vendor twice for the same goods.
 */
export function reverseConsignmentLiability(
  w: World,
  itemIndex: number,
  lot: string,
  qty: number,
  docs: DocRefs | undefined,
): void {
  if (qty <= 0) return;
  bookConsignmentLiability(w, -1, itemIndex, lot, qty, docs);
}

/** A pick task's allocation consumed `qty` consigned units (kept until the pick is confirmed). */
export function noteConsumedTask(w: World, task: number, qty: number): void {
  const c = (stockStatusState(w).consumedTasks ??= {});
  c[task] = (c[task] ?? 0) + qty;
}

/**
 * A pick task was confirmed with `short` units not found: as many of them as its allocation
 * consumed from consigned stock go back to the vendor (the short pick frees them), so their
 * liability is reversed. The task's record is dropped either way.
 */
export function settlePickTask(
  w: World,
  task: number,
  itemIndex: number,
  lot: string,
  short: number,
  docs: DocRefs | undefined,
): void {
  const c = stockStatusState(w).consumedTasks;
  const consumed = c?.[task];
  if (consumed === undefined) return;
  delete c![task];
  reverseConsignmentLiability(w, itemIndex, lot, Math.min(consumed, short), docs);
}
