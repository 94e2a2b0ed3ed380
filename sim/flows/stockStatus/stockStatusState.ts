import { defineFlow, type FlowHost } from '../../engine/defineFlow.ts';

/** Counters for the stock-status KPI section. */
export interface StockStatusKpiState {
  /** Units moved into customer-reserved (reserve top-ups). */
  reserveHeldUnits: number;
  /** Key-account order lines the reserve covered in full, and those it could not. */
  reserveHits: number;
  reserveMisses: number;
  /** Units key accounts allocated from the reserve. */
  reserveUnitsAllocated: number;
  /** Units booked as consigned at the faces (received, or unconsumed back after a short pick). */
  consignedUnits: number;
  /** Consigned units consumed by allocation, and the vendor liability they created. */
  consumedUnits: number;
  liabilityValue: number;
  /**
   * Consigned units allocated to outgoing transfers and not shipped yet, by SKU: still the
   * vendor's (a transfer does not consume them), so left out of inventory value.
   */
  transferHeld?: Record<string, number>;
}

/** Saved state of the stock-status flow (plain JSON). */
export interface StockStatusState {
  /** Items whose face stock may need a reserve top-up or a consignment booking, unsorted. */
  dirty: number[];
  /** A top-up pass is scheduled and not yet run. */
  pending: boolean;
  kpi: StockStatusKpiState;
  /** Pick tasks (by id) whose allocation consumed consigned units, and how many (until confirmed). */
  consumedTasks?: Record<string, number>;
}

/** The stock-status flow module (key-account reserves and consignment): state and its one event. */
export const stockStatus = defineFlow({
  name: 'stockStatus',
  state: (): StockStatusState => ({
    dirty: [],
    pending: false,
    kpi: {
      reserveHeldUnits: 0,
      reserveHits: 0,
      reserveMisses: 0,
      reserveUnitsAllocated: 0,
      consignedUnits: 0,
      consumedUnits: 0,
      liabilityValue: 0,
    },
  }),
  events: ['statusTopUp'],
});

/** The stock-status flow's state inside the world, created on first use. */
export function stockStatusState(w: FlowHost): StockStatusState {
  return stockStatus.state(w);
}

/**
 * Consigned units of `sku` were allocated to an outgoing transfer (`+qty`) or left on it when it
 * shipped (`-qty`): kept so inventory value leaves them out while they wait at the source.
 */
export function holdConsignedForTransfer(w: FlowHost, sku: string, qty: number): void {
  const held = (stockStatusState(w).kpi.transferHeld ??= {});
  const n = (held[sku] ?? 0) + qty;
  if (n > 0) held[sku] = n;
  else delete held[sku];
}
