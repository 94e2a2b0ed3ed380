import { Priority } from '../../engine/eventKinds.ts';
import type { World } from '../../engine/world.ts';
import type { Item } from '../../items/types.ts';
import type { JournalEventBody } from '../../journal/journalEvent.ts';
import { post, schedule } from '../../engine/applyEffects.ts';
import { isConsigned, reserveTarget } from './statusPolicy.ts';
import { stockStatusKpis } from './stockStatusKpis.ts';
import { stockStatus, stockStatusState } from './stockStatusState.ts';

/** Whether the scenario turns reserves or consignment on (else the flow does nothing). */
export function statusesOn(w: World): boolean {
  return (
    w.tracked &&
    (w.scenario.stock.reserves?.enabled === true || w.scenario.stock.consignment?.enabled === true)
  );
}

// Item index by SKU, per item master (the site's items array is fixed for a run).
const bySkuCache = new WeakMap<readonly Item[], Map<string, number>>();
function itemOf(w: World, sku: string): number | undefined {
  let m = bySkuCache.get(w.site.items);
  if (!m) {
    m = new Map(w.site.items.map((it, i) => [it.sku, i]));
    bySkuCache.set(w.site.items, m);
  }
  return m.get(sku);
}

/** Whether the item's stock is managed by this flow (consigned anywhere, or a face reserve to hold). */
function managed(w: World, item: number): boolean {
  return isConsigned(w, item) || (w.site.forwardBinOf[item]! >= 0 && reserveTarget(w, item) > 0);
}

/** Storage locations, where stock rests (in-process bins are booked by the flow moving it). */
function storage(w: World, bin: number): boolean {
  const t = w.site.layout!.bins[bin]!.type;
  return t === 'forward' || t === 'reserve' || t === 'floor';
}

/** Marks an item for the next top-up pass and schedules one (never inside another flow's commit). */
function markDirty(w: World, item: number): void {
  const st = stockStatusState(w);
  if (!st.dirty.includes(item)) st.dirty.push(item);
  if (st.pending) return;
  st.pending = true;
  schedule(w, w.now, Priority.release, stockStatus.ev.statusTopUp);
}

/**
 * Journal hook: stock became available at a pick face of a managed item, or in any storage bin
 * of a consigned one (a restock, a freed allocation, a count gain …).
 */
function onStockAvailable(w: World, e: JournalEventBody): void {
  if (e.sku === undefined || e.statusTo !== 'available' || !statusesOn(w)) return;
  const bin = w.site.binIndex.get(e.toBin ?? e.bin ?? '');
  if (bin === undefined) return;
  const item = itemOf(w, e.sku);
  if (item === undefined || !managed(w, item)) return;
  if (isConsigned(w, item) ? !storage(w, bin) : w.site.forwardBinOf[item] !== bin) return;
  markDirty(w, item);
}

/**
 * The top-up pass: a consigned item's available stock in every storage bin is booked consigned
 * (vendor-owned), and at each marked item's face a reserve below its target is held for key
 * accounts from the available stock there (FEFO by lot). Items in index order, so the pass is
 * reproducible.
 */
function onTopUp(w: World): void {
  const st = stockStatusState(w);
  st.pending = false;
  const items = st.dirty.sort((a, b) => a - b);
  st.dirty = [];
  for (const item of items) {
    const it = w.site.items[item]!;
    if (isConsigned(w, item)) {
      bookConsigned(w, item);
      continue;
    }
    const code = w.site.layout!.bins[w.site.forwardBinOf[item]!]!.code;
    const recs = w.system.recordsIn(code).filter((r) => r.sku === it.sku);
    const available = recs
      .filter((r) => r.status === 'available')
      .sort((a, b) => (a.lot < b.lot ? -1 : a.lot > b.lot ? 1 : 0));
    const base = {
      site: w.site.name,
      bin: code,
      sku: it.sku,
      uom: it.baseUom,
      statusFrom: 'available' as const,
    };
    let deficit = reserveTarget(w, item);
    for (const r of recs) if (r.status === 'customer-reserved') deficit -= r.qty;
    for (const r of available) {
      if (deficit <= 0) break;
      const qty = Math.min(deficit, r.qty);
      post(w, {
        ...base,
        type: 'reserve.held',
        lot: r.lot || undefined,
        qty,
        baseQty: qty,
        statusTo: 'customer-reserved',
      });
      st.kpi.reserveHeldUnits += qty;
      deficit -= qty;
    }
  }
}

/** Books a consigned item's available stock in storage bins consigned (bins, then lots, in order). */
function bookConsigned(w: World, item: number): void {
  const st = stockStatusState(w);
  const it = w.site.items[item]!;
  const recs = [...w.system.recordsOf(it.sku)]
    .filter((r) => r.status === 'available' && r.qty > 0)
    .map((r) => ({ r, bin: w.site.binIndex.get(r.bin) }))
    .filter((x): x is { r: (typeof x)['r']; bin: number } => x.bin !== undefined && storage(w, x.bin))
    .sort((a, b) => a.bin - b.bin || (a.r.lot < b.r.lot ? -1 : a.r.lot > b.r.lot ? 1 : 0));
  for (const { r } of recs) {
    post(w, {
      type: 'consignment.received',
      site: w.site.name,
      bin: r.bin,
      sku: it.sku,
      lot: r.lot || undefined,
      uom: it.baseUom,
      qty: r.qty,
      baseQty: r.qty,
      statusFrom: 'available',
      statusTo: 'consigned',
    });
    st.kpi.consignedUnits += r.qty;
  }
}

/**
 * Stock statuses the field guide names, used on the floor: key-account reserves
 * (customer-reserved face stock only key accounts allocate, drawn first) and vendor consignment
 * (consigned face stock: allocated, picked and shipped like any other, not valued; allocating it
 * posts the vendor's liability). Inactive unless `stock.reserves` or `stock.consignment` is enabled.
 */
export const stockStatusFlow = stockStatus.flow({
  start(w) {
    if (!statusesOn(w)) return;
    for (let i = 0; i < w.site.items.length; i++) if (managed(w, i)) markDirty(w, i);
  },
  events: { statusTopUp: (w) => onTopUp(w) },
  stockAvailable: onStockAvailable,
  kpis: (w) => (statusesOn(w) ? stockStatusKpis(w) : null),
});
