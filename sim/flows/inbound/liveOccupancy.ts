import type { Item } from '../../items/types.ts';
import type { Layout } from '../../layout/types.ts';
import type { Ledger } from '../../inventory/ledger.ts';
import {
  addToLoad,
  copyLoad,
  emptyLoad,
  freeIn,
  groupKey,
  type BinLoad,
  type BinStock,
  type SpaceView,
} from './binOccupancy.ts';

/**
 * The physical ledger's occupancy, per bin, kept up to date from ledger changes: a bin's load is
 * computed when first asked for and dropped when one of its records changes, and the families
 * per aisle are counted as records come and go. Replaces a rebuild over every record at each
 * putaway decision (289 of them a week at bench-dc, ~17 ms each). Derived state: built from the
 * ledger on first use (also after a restore) and never saved.
 */
export class PhysicalLoads {
  /** Bin index → its load (null: nothing of a known item there; undefined: not computed yet). */
  private readonly loads: (BinLoad | null | undefined)[];
  /** Family number per item index (families are strings in the item master). */
  readonly familyOf: Int32Array;
  /** Number of distinct families: `aisle * families + family` numbers an (aisle, family) pair. */
  readonly families: number;
  /** (aisle, family) → physical records of that family in the aisle. */
  private readonly familyRecords = new Map<number, number>();
  /** Bin loads computed from the ledger (each a walk over one bin's records), for tests. */
  binLoadsComputed = 0;
  /** Bumped at every physical change: a view may only be read while nothing has moved. */
  version = 0;

  /** Follows `physical` from now on. */
  constructor(
    readonly layout: Layout,
    readonly items: readonly Item[],
    private readonly binIndex: ReadonlyMap<string, number>,
    private readonly itemIndex: ReadonlyMap<string, number>,
    private readonly physical: Ledger,
  ) {
    this.loads = new Array<BinLoad | null | undefined>(layout.bins.length);
    const numbers = new Map<string, number>();
    this.familyOf = Int32Array.from(items, (it) => {
      let f = numbers.get(it.family);
      if (f === undefined) numbers.set(it.family, (f = numbers.size));
      return f;
    });
    this.families = Math.max(1, numbers.size);
    for (const r of physical.all()) this.family(binIndex.get(r.bin), itemIndex.get(r.sku), 1);
    // The ledger's integer keys are the site's indexes; a ledger without keys gives -1.
    physical.listen((bin, sku, _lot, _status, before, after, _rec, binKey, skuKey) => {
      const b = binKey >= 0 ? binKey : binIndex.get(bin);
      this.version++;
      if (b === undefined) return;
      this.loads[b] = undefined;
      const d = before === 0 && after > 0 ? 1 : before > 0 && after === 0 ? -1 : 0;
      if (d !== 0) this.family(b, skuKey >= 0 ? skuKey : itemIndex.get(sku), d);
    });
  }

  /** The load of a bin from its records in ledger order, undefined when nothing is there. */
  load(bin: number): BinLoad | undefined {
    let l = this.loads[bin];
    if (l === undefined) {
      l = null;
      const b = this.layout.bins[bin]!;
      for (const r of this.physical.recordsIn(b.code)) {
        const item = this.itemIndex.get(r.sku);
        if (item === undefined || r.qty === 0) continue;
        addToLoad((l ??= emptyLoad()), b, this.items[item]!, r.lot, r.qty);
      }
      this.loads[bin] = l;
      this.binLoadsComputed++;
    }
    return l ?? undefined;
  }

  /** Bins with a physical record of the SKU and lot (any status), from the ledger's SKU index. */
  binsWith(sku: string, lot: string): number[] {
    const out: number[] = [];
    for (const r of this.physical.recordsOf(sku)) {
      if (r.lot !== lot) continue;
      const b = this.binIndex.get(r.bin);
      if (b !== undefined) out.push(b);
    }
    return out;
  }

  /** Does any physical record in the aisle hold the family (by number, see `familyOf`)? */
  aisleHasFamily(aisle: number, family: number): boolean {
    return (this.familyRecords.get(aisle * this.families + family) ?? 0) > 0;
  }

  private family(b: number | undefined, item: number | undefined, d: number): void {
    if (b === undefined || item === undefined) return;
    const aisle = this.layout.bins[b]!.aisle;
    if (aisle < 0) return;
    const key = aisle * this.families + this.familyOf[item]!;
    this.familyRecords.set(key, (this.familyRecords.get(key) ?? 0) + d);
  }
}

/**
 * Occupancy for one putaway or receiving decision: the physical loads, plus stock directed by
 * open tasks, plus what this decision adds. Only bins it touches are copied; every other bin is
 * read straight from `PhysicalLoads`. Each bin's load is the same sequence of `addToLoad` steps
 * a full build (`buildOccupancy`) makes for it, so both give bit-identical answers.
 */
export class LiveOccupancy implements SpaceView {
  private readonly pendingByBin = new Map<number, BinStock[]>();
  private readonly families = new Set<number>();
  private readonly own = new Map<number, BinLoad>();
  private readonly version: number;

  /** A view over `base` with `pending` (stock directed to bins by open tasks, in task order). */
  constructor(
    private readonly base: PhysicalLoads,
    pending: readonly BinStock[],
  ) {
    this.version = base.version;
    for (const p of pending) {
      if (p.qty === 0) continue;
      const list = this.pendingByBin.get(p.bin);
      if (list) list.push(p);
      else this.pendingByBin.set(p.bin, [p]);
      this.family(p.bin, p.item, p.qty);
    }
  }

  /** Adds (or, negative, removes) stock of an item and lot in a bin. */
  add(bin: number, item: number, lot: string, qty: number): void {
    if (qty === 0) return;
    let l = this.own.get(bin);
    if (!l) {
      const shared = this.get(bin);
      this.own.set(bin, (l = shared ? copyLoad(shared) : emptyLoad()));
    }
    addToLoad(l, this.base.layout.bins[bin]!, this.base.items[item]!, lot, qty);
    this.family(bin, item, qty);
  }

  /** The load of a bin (an empty load when nothing is there; do not mutate). */
  load(bin: number): BinLoad {
    return this.get(bin) ?? emptyLoad();
  }

  /** Quantity of an item and lot in a bin (stock plus directed). */
  qtyOf(bin: number, item: number, lot: string): number {
    return this.get(bin)?.groups.get(groupKey(item, lot)) ?? 0;
  }

  /** Does the aisle already hold this item's family? */
  aisleHasFamilyOf(aisle: number, item: Item): boolean {
    const f = this.base.familyOf[item.index]!;
    return this.base.aisleHasFamily(aisle, f) || this.families.has(aisle * this.base.families + f);
  }

  /** Base units of an item and lot that still fit in a bin. */
  freeFor(bin: number, item: Item, lot: string): number {
    return freeIn(this.base.layout.bins[bin]!, this.get(bin), item, lot);
  }

  /** Bins holding the item and lot: physical records, stock directed there, this view's own adds. */
  binsHolding(item: Item, lot: string): number[] {
    const out = this.base.binsWith(item.sku, lot);
    for (const [bin, list] of this.pendingByBin)
      if (list.some((p) => p.item === item.index && p.lot === lot)) out.push(bin);
    for (const bin of this.own.keys()) out.push(bin);
    return out;
  }

  private get(bin: number): BinLoad | undefined {
    const mine = this.own.get(bin);
    if (mine) return mine;
    // A full build was a picture of one moment; reading a bin computed later would mix moments.
    if (this.base.version !== this.version)
      throw new Error('occupancy view read after the physical ledger changed');
    const shared = this.base.load(bin);
    const pending = this.pendingByBin.get(bin);
    if (!pending) return shared;
    const l = shared ? copyLoad(shared) : emptyLoad();
    const b = this.base.layout.bins[bin]!;
    for (const p of pending) addToLoad(l, b, this.base.items[p.item]!, p.lot, p.qty);
    this.own.set(bin, l);
    return l;
  }

  private family(bin: number, item: number, qty: number): void {
    const aisle = this.base.layout.bins[bin]!.aisle;
    if (qty > 0 && aisle >= 0) this.families.add(aisle * this.base.families + this.base.familyOf[item]!);
  }
}
