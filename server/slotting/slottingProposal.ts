import type { Item } from '../../sim/slottingApi.ts';
import type { Bin, Layout, Point } from '../../sim/slottingApi.ts';
import { compatible, unitsThatFit } from '../../sim/slottingApi.ts';
import type { PickLine } from './pickHistory.ts';

/** How the proposal ranks items: ABC by picks, or COI (cube-per-order index, low first). */
export type SlottingMethod = 'abc' | 'coi';

/** What the history says about one item with a pick face. */
export interface ItemHistory {
  sku: string;
  /** Pick lines (visits to its face) in the history. */
  picks: number;
  units: number;
  /** ABC class by picks: A the items carrying the first 80% of picks, B the next 15%, C the rest. */
  abc: 'A' | 'B' | 'C';
  /** Litres of stock its face holds (the item's required space; at least one unit). */
  spaceL: number;
  /** Cube-per-order index: required space ÷ picks; Infinity with no picks. Low COI goes nearest. */
  coi: number;
}

/** One re-slot: an item's face changes. */
export interface SlotMove {
  sku: string;
  from: string;
  to: string;
}

/** A re-slot proposal: the new face of every item that had one, and the moves it takes. */
export interface SlottingProposal {
  method: SlottingMethod;
  items: ItemHistory[];
  /** SKU → bin code of its proposed face (every item with a face, moved or not). */
  faces: Record<string, string>;
  moves: SlotMove[];
}

/** Distance rank of a face for slotting: walking metres from the depot plus half a metre a level (as `slotItems`). */
export type FaceRank = (b: Bin) => number;

/** Walking distance from the depot plus the level term `slotItems` uses, for face ranking. */
export function faceRank(depot: Point, distance: (a: Point, b: Point) => number): FaceRank {
  return (b) => distance(depot, b) + b.level * 0.5;
}

/**
 * Picks, units, ABC class and COI of each item that has a face (by SKU order). `unitsOnFace`
 * gives the stock its face holds (SKU, bin code): the space the item needs at the face.
 */
export function itemHistories(
  layout: Layout,
  picks: readonly PickLine[],
  items: readonly Item[],
  faces: readonly number[],
  unitsOnFace: (sku: string, bin: string) => number,
): ItemHistory[] {
  const bySku = new Map<string, { picks: number; units: number }>();
  for (const p of picks) {
    const h = bySku.get(p.sku) ?? { picks: 0, units: 0 };
    h.picks++;
    h.units += p.qty;
    bySku.set(p.sku, h);
  }
  const withFace = items.filter((i) => (faces[i.index] ?? -1) >= 0);
  const hs = withFace.map((i) => {
    const h = bySku.get(i.sku) ?? { picks: 0, units: 0 };
    const ea = i.uoms[0]!;
    const litres = (ea.lengthCm * ea.widthCm * ea.heightCm) / 1000;
    const spaceL = litres * Math.max(1, unitsOnFace(i.sku, layout.bins[faces[i.index]!]!.code));
    return {
      sku: i.sku,
      picks: h.picks,
      units: h.units,
      abc: 'C' as const,
      spaceL,
      coi: h.picks > 0 ? spaceL / h.picks : Infinity,
    };
  });
  const total = hs.reduce((s, h) => s + h.picks, 0);
  const ranked = [...hs].sort((a, b) => b.picks - a.picks || (a.sku < b.sku ? -1 : 1));
  let cum = 0;
  const cls = new Map<string, 'A' | 'B' | 'C'>();
  for (const h of ranked) {
    // The class is decided by the share before the item: the item that crosses 80% is still A.
    const before = total > 0 ? cum / total : 1;
    cls.set(h.sku, h.picks === 0 ? 'C' : before < 0.8 ? 'A' : before < 0.95 ? 'B' : 'C');
    cum += h.picks;
  }
  return hs.map((h) => ({ ...h, abc: cls.get(h.sku)! })).sort((a, b) => (a.sku < b.sku ? -1 : 1));
}

/** Ranking of items for the nearest faces under a method: the first gets the nearest face. */
function rankItems(hs: readonly ItemHistory[], method: SlottingMethod): ItemHistory[] {
  const bySku = (a: ItemHistory, b: ItemHistory): number => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0);
  if (method === 'abc')
    return [...hs].sort(
      (a, b) => (a.abc < b.abc ? -1 : a.abc > b.abc ? 1 : 0) || b.picks - a.picks || bySku(a, b),
    );
  return [...hs].sort(
    (a, b) => (a.coi === b.coi ? 0 : a.coi < b.coi ? -1 : 1) || b.picks - a.picks || bySku(a, b),
  );
}

/**
 * Re-slots the faces the items already hold (a permutation: no item gains or loses a face):
 * items in the method's order take the nearest free face that holds them (temperature, hazard,
 * at least one unit); an item left without one keeps its own face when free, else the first
 * free face that holds it.
 */
export function proposeSlotting(
  layout: Layout,
  items: readonly Item[],
  faces: readonly number[],
  picks: readonly PickLine[],
  method: SlottingMethod,
  rank: FaceRank,
  unitsOnFace: (sku: string, bin: string) => number,
): SlottingProposal {
  const hs = itemHistories(layout, picks, items, faces, unitsOnFace);
  const bySku = new Map(items.map((i) => [i.sku, i]));
  const pool = items
    .map((i) => faces[i.index] ?? -1)
    .filter((b) => b >= 0)
    .map((b) => layout.bins[b]!);
  const r = new Map(pool.map((b) => [b.index, rank(b)]));
  pool.sort((a, b) => r.get(a.index)! - r.get(b.index)! || a.index - b.index);
  const used = new Set<number>();
  const out: Record<string, string> = {};
  const holds = (it: Item, b: Bin): boolean => compatible(it, b) && unitsThatFit(it, b) >= 1;
  const left: Item[] = [];
  for (const h of rankItems(hs, method)) {
    const it = bySku.get(h.sku)!;
    const b = pool.find((x) => !used.has(x.index) && holds(it, x));
    if (!b) {
      left.push(it);
      continue;
    }
    used.add(b.index);
    out[it.sku] = b.code;
  }
  for (const it of left) {
    const own = layout.bins[faces[it.index]!]!;
    const b = !used.has(own.index) ? own : pool.find((x) => !used.has(x.index) && holds(it, x));
    if (!b) continue;
    used.add(b.index);
    out[it.sku] = b.code;
  }
  const moves = hs
    .map((h) => ({ sku: h.sku, from: layout.bins[faces[bySku.get(h.sku)!.index]!]!.code, to: out[h.sku] }))
    .filter((m): m is SlotMove => m.to !== undefined && m.to !== m.from);
  return { method, items: hs, faces: out, moves };
}
