import type { World } from '../../engine/world.ts';
import type { DocRefs } from '../../journal/journalEvent.ts';
import { post } from '../../engine/applyEffects.ts';
import { stockStatusState } from './stockStatusState.ts';

/**
 * Books `qty` consigned units of an item as owed to the vendor (`+1`, consumed) or no longer owed
 * (`-1`, back unshipped): the KPI's units and value move by that much and the journal says so.
 * One place for both directions, so a posting and its reversal always carry the same value.
 */
export function bookConsignmentLiability(
  w: World,
  direction: 1 | -1,
  itemIndex: number,
  lot: string,
  qty: number,
  docs: DocRefs | undefined,
): void {
  const k = stockStatusState(w).kpi;
  const item = w.site.items[itemIndex]!;
  const value = Math.round(qty * item.unitCost * 100) / 100;
  k.consumedUnits += direction * qty;
  k.liabilityValue = Math.round((k.liabilityValue + direction * value) * 100) / 100;
  if (w.journalOn) {
    const vendor = w.scenario.stock.consignment!.vendor;
    post(w, {
      type: direction > 0 ? 'consignment.liabilityPosted' : 'consignment.liabilityReversed',
      site: w.site.name,
      sku: item.sku,
      lot: lot || undefined,
      qty,
      uom: item.baseUom,
      reason: `vendor:${vendor} value:${value.toFixed(2)}`,
      docs: { order: docs?.order, line: docs?.line },
    });
  }
}
