import type { SiteModel } from '../../engine/siteModel.ts';
import type { World } from '../../engine/world.ts';
import type { Ledger, StockRecord } from '../../inventory/ledger.ts';

const SEP = '\u0001';

/** Records of a ledger in one bin, sorted by SKU, lot, status (independent of insertion order). */
export function recordsAt(ledger: Ledger, bin: string): StockRecord[] {
  const out: StockRecord[] = [...ledger.recordsIn(bin)];
  return out.sort((a, b) => cmp(a.sku, b.sku) || cmp(a.lot, b.lot) || cmp(a.status, b.status));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A bin's stock as one string: equal strings ⇔ the same records and quantities. */
export function binSignature(ledger: Ledger, bin: string): string {
  return recordsAt(ledger, bin)
    .map((r) => r.sku + SEP + r.lot + SEP + r.status + SEP + r.qty)
    .join('\n');
}

/** Quantity per SKU and lot in a bin, all statuses together (what a counter can see), sorted by key. */
export function totalsAt(ledger: Ledger, bin: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of recordsAt(ledger, bin)) {
    const k = r.sku + SEP + r.lot;
    m.set(k, (m.get(k) ?? 0) + r.qty);
  }
  return m;
}

/** The `totalsAt` key of a SKU and lot. */
export function stockKey(sku: string, lot: string): string {
  return sku + SEP + lot;
}

/** Splits a `totalsAt` key into SKU and lot. */
export function splitKey(key: string): { sku: string; lot: string } {
  const i = key.indexOf(SEP);
  return { sku: key.slice(0, i), lot: key.slice(i + 1) };
}

const storage = new WeakMap<SiteModel, Int32Array>();

/** Indices of the storage bins (forward, reserve, floor), ascending: what cycle counts cover. */
export function storageBins(w: World): Int32Array {
  let s = storage.get(w.site);
  if (!s) {
    const out: number[] = [];
    for (const b of w.site.layout!.bins)
      if (b.type === 'forward' || b.type === 'reserve' || b.type === 'floor') out.push(b.index);
    s = Int32Array.from(out);
    storage.set(w.site, s);
  }
  return s;
}
