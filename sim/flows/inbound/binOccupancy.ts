import type { Item } from '../../items/types.ts';
import type { Bin, Layout } from '../../layout/types.ts';
import { unitsThatFit } from '../../engine/slotting.ts';

/** A quantity of one item and lot in one bin (stock on hand, or stock directed there). */
export interface BinStock {
  bin: number;
  item: number;
  lot: string;
  qty: number;
}

/** How full one bin is. */
export interface BinLoad {
  /**
   * Σ qty ÷ unitsThatFit(item, bin) over its contents: the share of the bin's volume/weight in
   * use. Each item's own fit is the tighter of its volume and weight limits, so a sum ≤ 1
   * keeps both limits, whatever the mix.
   */
  fill: number;
  /** Quantity per `item|lot`: one group occupies whole pallet positions of its own. */
  groups: Map<string, number>;
  /** Pallet positions in use (Σ over groups of ⌈qty ÷ pallet quantity⌉). */
  pallets: number;
}

const EPS = 1e-9;

/** Base units on one full pallet of an item (its PL level, else 20 of its largest level). */
export function palletQty(item: Item): number {
  return item.uoms.find((u) => u.uom === 'PL')?.factor ?? item.uoms[item.uoms.length - 1]!.factor * 20;
}

/** Base units in one case of an item (its CS level, else 1). */
export function caseQty(item: Item): number {
  return item.uoms.find((u) => u.uom === 'CS')?.factor ?? 1;
}

/** The `BinLoad.groups` key of an item and lot. */
export const groupKey = (item: number, lot: string): string => `${item}|${lot}`;

/** A bin with nothing in it. */
export function emptyLoad(): BinLoad {
  return { fill: 0, groups: new Map(), pallets: 0 };
}

/** A copy that can be changed without touching the original. */
export function copyLoad(l: BinLoad): BinLoad {
  return { fill: l.fill, groups: new Map(l.groups), pallets: l.pallets };
}

/**
 * Adds (negative: removes) stock of an item and lot to a bin's load. Every occupancy, built at
 * once or kept per bin, goes through this one step in the same order (the bin's records in ledger
 * order, then stock directed by tasks in task order), so `fill` sums the same floating-point
 * terms in the same order and putaway decisions cannot drift with how occupancy was obtained.
 */
export function addToLoad(load: BinLoad, b: Bin, it: Item, lot: string, qty: number): void {
  const key = groupKey(it.index, lot);
  const before = load.groups.get(key) ?? 0;
  const after = Math.max(0, before + qty);
  if (after === 0) load.groups.delete(key);
  else load.groups.set(key, after);
  const pq = palletQty(it);
  load.pallets += Math.ceil(after / pq) - Math.ceil(before / pq);
  load.fill += (after - before) / Math.max(1, unitsThatFit(it, b));
  if (load.groups.size === 0) load.fill = 0; // no drift on an emptied bin
}

/**
 * Base units of an item and lot that still fit in a bin with `load` (undefined: nothing there):
 * volume/weight share left and, for bins with pallet positions, positions left (the same item and
 * lot may top up its own part-pallet). Temperature and hazard are the caller's business.
 */
export function freeIn(b: Bin, load: BinLoad | undefined, item: Item, lot: string): number {
  const fit = unitsThatFit(item, b);
  if (fit < 1) return 0;
  if (!load) return b.capacity.pallets > 0 ? Math.min(fit, b.capacity.pallets * palletQty(item)) : fit;
  let free = Math.floor((1 - load.fill) * fit + EPS);
  if (b.capacity.pallets > 0) {
    const pq = palletQty(item);
    const own = load.groups.get(groupKey(item.index, lot)) ?? 0;
    const others = load.pallets - Math.ceil(own / pq);
    free = Math.min(free, (b.capacity.pallets - others) * pq - own);
  }
  return Math.max(0, free);
}

/** What putaway and receiving ask of an occupancy (built at once, or kept up to date per bin). */
export interface SpaceView {
  /** Adds (or, negative, removes) stock of an item and lot in a bin. */
  add(bin: number, item: number, lot: string, qty: number): void;
  /** The load of a bin (an empty load when nothing is there; do not mutate). */
  load(bin: number): BinLoad;
  /** Quantity of an item and lot in a bin (stock plus directed). */
  qtyOf(bin: number, item: number, lot: string): number;
  /** Does the aisle already hold this item's family? */
  aisleHasFamilyOf(aisle: number, item: Item): boolean;
  /** Base units of an item and lot that still fit in a bin. */
  freeFor(bin: number, item: Item, lot: string): number;
  /**
   * Every bin where `qtyOf(bin, item, lot) > 0` (and maybe a few more; duplicates allowed), for a
   * search that need not look at every bin. Absent: the view cannot tell, the search reads all.
   */
  binsHolding?(item: Item, lot: string): Iterable<number>;
}

/**
 * Bin occupancy for putaway decisions: contents (any status) plus stock already directed to a
 * bin by open tasks, so two tasks never count on the same space. Built from the physical
 * ledger: the driver can only use space that is really free.
 */
export class Occupancy implements SpaceView {
  private readonly loads = new Map<number, BinLoad>();
  /** Families present per aisle index (for "keep families together"). */
  private readonly families = new Map<number, Set<string>>();

  /** An empty site. */
  constructor(
    readonly layout: Layout,
    readonly items: readonly Item[],
  ) {}

  /** Adds (or, negative, removes) stock of an item and lot in a bin. */
  add(bin: number, item: number, lot: string, qty: number): void {
    if (qty === 0) return;
    const b = this.layout.bins[bin]!;
    const it = this.items[item]!;
    let load = this.loads.get(bin);
    if (!load) this.loads.set(bin, (load = emptyLoad()));
    addToLoad(load, b, it, lot, qty);
    if (qty > 0 && b.aisle >= 0) {
      let f = this.families.get(b.aisle);
      if (!f) this.families.set(b.aisle, (f = new Set()));
      f.add(it.family);
    }
  }

  /** The load of a bin (an empty load when nothing is there). */
  load(bin: number): BinLoad {
    return this.loads.get(bin) ?? emptyLoad();
  }

  /** Quantity of an item and lot in a bin (stock plus directed). */
  qtyOf(bin: number, item: number, lot: string): number {
    return this.loads.get(bin)?.groups.get(groupKey(item, lot)) ?? 0;
  }

  /** Does the aisle already hold this family? */
  aisleHasFamily(aisle: number, family: string): boolean {
    return this.families.get(aisle)?.has(family) ?? false;
  }

  /** Does the aisle already hold this item's family? */
  aisleHasFamilyOf(aisle: number, item: Item): boolean {
    return this.aisleHasFamily(aisle, item.family);
  }

  /**
   * Base units of an item and lot that still fit in a bin: volume/weight share left and,
   * for bins with pallet positions, positions left (the same item and lot may top up its own
   * part-pallet). Temperature and hazard are the caller's business (`compatible`).
   */
  freeFor(bin: number, item: Item, lot: string): number {
    return freeIn(this.layout.bins[bin]!, this.loads.get(bin), item, lot);
  }

  /** Bins with a group of the item and lot (a walk over the occupied bins). */
  binsHolding(item: Item, lot: string): number[] {
    const key = groupKey(item.index, lot);
    const out: number[] = [];
    for (const [bin, load] of this.loads) if ((load.groups.get(key) ?? 0) > 0) out.push(bin);
    return out;
  }

  /** Is a bin over its volume/weight share or its pallet positions? */
  overCapacity(bin: number): boolean {
    const load = this.loads.get(bin);
    if (!load) return false;
    const b: Bin = this.layout.bins[bin]!;
    return load.fill > 1 + 1e-6 || (b.capacity.pallets > 0 && load.pallets > b.capacity.pallets);
  }

  /** Bins holding anything, in no particular order. */
  occupiedBins(): number[] {
    return [...this.loads.keys()];
  }
}

/**
 * Full builds made by `buildOccupancy` in this process: a diagnostic for tests that pin that a
 * run keeps occupancy per bin instead (never run state, never saved).
 */
export const occupancyBuilds = { count: 0 };

/**
 * Builds the occupancy of a site from stock records (bin codes; codes that are not bins, such
 * as a forklift's `MHE-…`, are skipped) and from stock directed to bins by open tasks.
 */
export function buildOccupancy(
  layout: Layout,
  items: readonly Item[],
  binIndex: ReadonlyMap<string, number>,
  itemIndex: ReadonlyMap<string, number>,
  records: Iterable<{ bin: string; sku: string; lot: string; qty: number }>,
  pending: Iterable<BinStock>,
): Occupancy {
  occupancyBuilds.count++;
  const occ = new Occupancy(layout, items);
  for (const r of records) {
    const bin = binIndex.get(r.bin);
    const item = itemIndex.get(r.sku);
    if (bin === undefined || item === undefined) continue;
    occ.add(bin, item, r.lot, r.qty);
  }
  for (const p of pending) occ.add(p.bin, p.item, p.lot, p.qty);
  return occ;
}
