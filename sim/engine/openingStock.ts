import type { World } from './world.ts';
import { compatible, unitsThatFit } from './slotting.ts';

/**
 * Lot code for stock expiring on a given day: zero-padded so codes sort in expiry order, which
 * makes FEFO a plain lexical sort.
 */
export function lotCode(expiryDay: number, serial: number): string {
  return `L${String(Math.max(0, expiryDay)).padStart(5, '0')}-${String(serial).padStart(3, '0')}`;
}

/**
 * Stocks the site at time 0, through the journal (`stock.opening`), so replaying the journal
 * rebuilds the ledger from nothing: every pick face filled to capacity, and each item's reserve
 * pallets in compatible reserve locations, fastest movers first.
 */
export function placeOpeningStock(w: World): void {
  const layout = w.site.layout;
  if (!layout) throw new Error('tracked inventory needs a layout');
  const rng = w.random.stream('opening-stock');
  const reservePallets = w.scenario.stock.reservePallets;
  const reserve = layout.bins.filter((b) => b.type === 'reserve' || b.type === 'floor');
  const usedReserve = new Uint8Array(layout.bins.length);
  const items = [...w.site.items].sort((a, b) => b.demandWeight - a.demandWeight || a.index - b.index);
  for (const item of items) {
    const lotFor = (serial: number): string =>
      item.lotControlled || item.shelfLifeDays !== null
        ? lotCode(Math.floor((item.shelfLifeDays ?? 365) * (0.5 + 0.5 * rng())), serial)
        : '';
    const face = w.site.forwardBinOf[item.index]!;
    if (face >= 0) {
      const bin = layout.bins[face]!;
      const qty = unitsThatFit(item, bin);
      w.commit({
        type: 'stock.opening',
        site: w.site.name,
        bin: bin.code,
        sku: item.sku,
        lot: lotFor(1) || undefined,
        qty,
        uom: item.baseUom,
        baseQty: qty,
        statusTo: 'available',
      });
    }
    const pallet =
      item.uoms.find((u) => u.uom === 'PL')?.factor ?? item.uoms[item.uoms.length - 1]!.factor * 20;
    let placed = 0;
    for (const bin of reserve) {
      if (placed >= reservePallets) break;
      if (usedReserve[bin.index] || !compatible(item, bin)) continue;
      const qty = Math.min(pallet, unitsThatFit(item, bin));
      if (qty < 1) continue;
      usedReserve[bin.index] = 1;
      placed++;
      w.commit({
        type: 'stock.opening',
        site: w.site.name,
        bin: bin.code,
        sku: item.sku,
        lot: lotFor(placed + 1) || undefined,
        qty,
        uom: item.baseUom,
        baseQty: qty,
        statusTo: 'available',
      });
    }
  }
}
