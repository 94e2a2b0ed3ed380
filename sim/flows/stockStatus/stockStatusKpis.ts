import type { World } from '../../engine/world.ts';
import { stockStatusState } from './stockStatusState.ts';
import { sellableStatusOf } from './statusPolicy.ts';

const money = (x: number): number => Math.round(x * 100) / 100;

/**
 * The stock-status KPI section (kpis.json `stockStatus`): inventory value at cost of the stock
 * the site owns (every status but consigned), the consigned stock it holds for the vendor and the
 * liability consuming it created, the customer-reserved stock and the key accounts' reserve hits
 * and misses (a miss: the reserve could not cover a key account's line).
 */
export function stockStatusKpis(w: World): Record<string, unknown> {
  const k = stockStatusState(w).kpi;
  const cost = new Map(w.site.items.map((it) => [it.sku, it.unitCost]));
  let ownedValue = 0;
  let consignedUnits = 0;
  let consignedValue = 0;
  let reservedUnits = 0;
  for (const r of w.system.all()) {
    const v = r.qty * (cost.get(r.sku) ?? 0);
    // Vendor-owned: booked consigned, or a consigned item's goods on a transfer's road.
    if (
      r.status === 'consigned' ||
      (r.status === 'in-transit' && sellableStatusOf(w, r.sku) === 'consigned')
    ) {
      consignedUnits += r.qty;
      consignedValue += v;
      continue;
    }
    ownedValue += v;
    if (r.status === 'customer-reserved') reservedUnits += r.qty;
  }
  // A transfer's allocation of consigned stock is booked `allocated` like an order's, but it
  // consumes nothing: until it ships it is still the vendor's (`transferHeld`, by SKU).
  for (const [sku, units] of Object.entries(k.transferHeld ?? {})) {
    const v = units * (cost.get(sku) ?? 0);
    ownedValue -= v;
    consignedUnits += units;
    consignedValue += v;
  }
  const lines = k.reserveHits + k.reserveMisses;
  return {
    inventoryValue: money(ownedValue),
    consigned: {
      units: consignedUnits,
      vendorValue: money(consignedValue),
      bookedUnits: k.consignedUnits,
      consumedUnits: k.consumedUnits,
      vendorLiability: money(k.liabilityValue),
    },
    reserves: {
      units: reservedUnits,
      heldUnits: k.reserveHeldUnits,
      keyLines: lines,
      hits: k.reserveHits,
      misses: k.reserveMisses,
      hitRate: lines > 0 ? Math.round((k.reserveHits / lines) * 10_000) / 10_000 : null,
      unitsAllocated: k.reserveUnitsAllocated,
    },
  };
}
