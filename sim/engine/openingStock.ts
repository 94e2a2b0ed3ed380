import type { World } from './world.ts';
import type { Item } from '../items/types.ts';
import type { Bin } from '../layout/types.ts';
import { compatible, unitsThatFit } from './slotting.ts';
import { distributionMean } from '../random/distribution.ts';

/**
 * Lot code for stock expiring on a given day: zero-padded so codes sort in expiry order, which
 * makes FEFO a plain lexical sort.
 */
export function lotCode(expiryDay: number, serial: number): string {
  return `L${String(Math.max(0, expiryDay)).padStart(5, '0')}-${String(serial).padStart(3, '0')}`;
}

/** Expected daily demand of an item in base units (lines per day × demand share × units per line). */
export function itemDailyDemand(w: World, item: Item): number {
  const d = w.scenario.demand;
  const linesPerDay = d.arrivals.ratePerHour * 24 * distributionMean(d.linesPerOrder);
  return item.demandWeight * linesPerDay * distributionMean(d.unitsPerLine);
}

/**
 * Days of demand an item's reorder point covers: its supplier's mean lead time plus the
 * buyer's safety days under reorder-point buying (inbound/purchasing.ts), else 0.
 */
export function reorderPointDays(w: World, item: Item): number {
  const s = w.scenario.inbound;
  if (!s || s.poPolicy !== 'reorderPoint') return 0;
  // The item's supplier, as inbound/purchasing.ts assigns it (engine code does not import flows).
  const supplier = s.suppliers[item.index % s.suppliers.length]!;
  return distributionMean(s.supplierLeadTimeDays[supplier] ?? s.leadTimeDays) + s.reorderDays;
}

/**
 * Units an item opens with ('demand' opening): its reorder point plus a cover drawn in the
 * scenario's band, in days of its demand; at least one unit.
 */
export function openingTarget(w: World, item: Item, u: number): number {
  const band = w.scenario.stock.openingCoverDays;
  const days = reorderPointDays(w, item) + band.min + u * (band.max - band.min);
  return Math.max(1, Math.ceil(days * itemDailyDemand(w, item)));
}

/**
 * Stocks the site at time 0, through the journal (`stock.opening`), so replaying the journal
 * rebuilds the ledger from nothing, fastest movers first. 'demand' opening: each item's
 * target (openingTarget) goes on its pick face up to `faceDays` of its demand and the face's
 * capacity, the rest in whole pallets in compatible reserve locations. 'full' opening: every
 * face filled to capacity plus `reservePallets` reserve pallets per item (also the opening of a
 * scenario without inbound, where nothing would restock a demand-sized site).
 */
export function placeOpeningStock(w: World): void {
  const layout = w.site.layout;
  if (!layout) throw new Error('tracked inventory needs a layout');
  const rng = w.random.stream('opening-stock');
  const stock = w.scenario.stock;
  const reserve = layout.bins.filter((b) => b.type === 'reserve' || b.type === 'floor');
  const usedReserve = new Uint8Array(layout.bins.length);
  const items = [...w.site.items].sort((a, b) => b.demandWeight - a.demandWeight || a.index - b.index);
  for (const item of items) {
    let serial = 0;
    const lotFor = (): string =>
      item.lotControlled || item.shelfLifeDays !== null
        ? lotCode(Math.floor((item.shelfLifeDays ?? 365) * (0.5 + 0.5 * rng())), ++serial)
        : '';
    const put = (bin: Bin, qty: number): void => {
      w.commit({
        type: 'stock.opening',
        site: w.site.name,
        bin: bin.code,
        sku: item.sku,
        lot: lotFor() || undefined,
        qty,
        uom: item.baseUom,
        baseQty: qty,
        statusTo: 'available',
      });
    };
    // Without an inbound flow nothing restocks the site, so it opens full whatever the option says.
    const demand = stock.opening === 'demand' && w.scenario.inbound !== undefined;
    let left = demand ? openingTarget(w, item, rng()) : Infinity;
    const face = w.site.forwardBinOf[item.index]!;
    if (face >= 0) {
      const bin = layout.bins[face]!;
      let qty = unitsThatFit(item, bin);
      if (demand)
        qty = Math.min(qty, left, Math.max(1, Math.ceil(stock.faceDays * itemDailyDemand(w, item))));
      if (qty > 0) put(bin, qty);
      left -= qty;
    }
    const pallet =
      item.uoms.find((u) => u.uom === 'PL')?.factor ?? item.uoms[item.uoms.length - 1]!.factor * 20;
    let placed = 0;
    for (const bin of reserve) {
      if (demand ? left <= 0 : placed >= stock.reservePallets) break;
      if (usedReserve[bin.index] || !compatible(item, bin)) continue;
      const qty = Math.min(pallet, unitsThatFit(item, bin), left);
      if (qty < 1) continue;
      usedReserve[bin.index] = 1;
      placed++;
      left -= qty;
      put(bin, qty);
    }
  }
}
