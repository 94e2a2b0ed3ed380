import type { SiteModel } from '../../engine/siteModel.ts';
import type { World } from '../../engine/world.ts';
import type { Ledger, StockRecord } from '../../inventory/ledger.ts';
import { unitsThatFit } from '../../engine/slotting.ts';
import { reserveOrder } from './reserveOrder.ts';
import { sellableStatus } from '../stockStatus/statusPolicy.ts';

/** Static lookups derived from the site (rebuilt identically after a restore). */
interface SiteIndex {
  itemOfSku: Map<string, number>;
  /** Capacity of each item's face in base units (0 without a face). */
  faceCapacity: Int32Array;
}

const cache = new WeakMap<SiteModel, SiteIndex>();

function siteIndex(site: SiteModel): SiteIndex {
  let x = cache.get(site);
  if (!x) {
    const faceCapacity = new Int32Array(site.items.length);
    for (const item of site.items) {
      const face = site.forwardBinOf[item.index]!;
      if (face >= 0) faceCapacity[item.index] = unitsThatFit(item, site.layout!.bins[face]!);
    }
    x = { itemOfSku: new Map(site.items.map((i) => [i.sku, i.index])), faceCapacity };
    cache.set(site, x);
  }
  return x;
}

/** Item index of a SKU, -1 if unknown. */
export function itemOfSku(w: World, sku: string): number {
  return siteIndex(w.site).itemOfSku.get(sku) ?? -1;
}

/** Base units of the item that fit its forward face. */
export function faceCapacity(w: World, item: number): number {
  return siteIndex(w.site).faceCapacity[item] ?? 0;
}

/** Min and max of an item's face in base units. */
export function faceLevels(w: World, item: number): { min: number; max: number } {
  const r = w.scenario.replenishment!;
  const cap = faceCapacity(w, item);
  return { min: Math.floor(r.min * cap), max: Math.floor(r.max * cap) };
}

/** Stock of a SKU in a bin, by status (all statuses when none given). */
export function qtyAt(ledger: Ledger, bin: string, sku: string, statuses?: readonly string[]): number {
  let q = 0;
  for (const r of ledger.recordsOf(sku))
    if (r.bin === bin && (!statuses || statuses.includes(r.status))) q += r.qty;
  return q;
}

// Reserved and consigned face stock is on the shelf too (sim/flows/stockStatus): it fills the face.
const ON_HAND = ['available', 'allocated', 'customer-reserved', 'consigned'] as const;

/** On-hand (available, allocated, reserved, consigned) of the item at its face in the system ledger. */
export function faceOnHand(w: World, item: number): number {
  const face = w.site.forwardBinOf[item]!;
  return qtyAt(w.system, w.site.layout!.bins[face]!.code, w.site.items[item]!.sku, ON_HAND);
}

/** Is this bin index a reserve or floor storage location? */
function isReserve(w: World, bin: number): boolean {
  const t = w.site.layout!.bins[bin]!.type;
  return t === 'reserve' || t === 'floor';
}

/**
 * Available reserve records of an item, best source first: by the removal strategy of the
 * source bin's zone (`reserveOrder`; the default FEFO, then the smallest quantity, then bin index).
 */
export function reserveSources(w: World, item: number, exclude = -1): { bin: number; r: StockRecord }[] {
  // Each source is also a removal candidate (lot, qty, bin) for the zone's strategy.
  const out: { bin: number; r: StockRecord; lot: string; qty: number }[] = [];
  const status = sellableStatus(w, item);
  for (const r of w.system.recordsOf(w.site.items[item]!.sku)) {
    if (r.status !== status) continue;
    const bin = w.site.binIndex.get(r.bin);
    if (bin === undefined || bin === exclude || !isReserve(w, bin)) continue;
    out.push({ bin, r, lot: r.lot, qty: r.qty });
  }
  return out.sort(reserveOrder(w));
}

/** Does reserve hold available stock of the item? */
export function reserveHasStock(w: World, item: number): boolean {
  const status = sellableStatus(w, item);
  for (const r of w.system.recordsOf(w.site.items[item]!.sku)) {
    if (r.status !== status) continue;
    const bin = w.site.binIndex.get(r.bin);
    if (bin !== undefined && isReserve(w, bin)) return true;
  }
  return false;
}

/**
 * Units to move: what fits below max (`room`), at most what is at the source; when only part
 * of the source is taken and the item has cases, whole cases.
 */
export function replenishQty(w: World, item: number, room: number, atSource: number): number {
  if (room <= 0 || atSource <= 0) return 0;
  if (atSource <= room) return atSource;
  const cs = w.site.items[item]!.uoms.find((u) => u.uom === 'CS')?.factor ?? 1;
  if (cs > 1 && room >= cs) return Math.floor(room / cs) * cs;
  return room;
}
