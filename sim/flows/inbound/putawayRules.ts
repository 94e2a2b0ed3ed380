import type { Item } from '../../items/types.ts';
import type { Bin, Layout, Point } from '../../layout/types.ts';
import { compatible } from '../../engine/slotting.ts';
import { caseQty, type SpaceView } from './binOccupancy.ts';
import {
  bucketBound,
  buildBuckets,
  cheapestFitting,
  type BinBucket,
  type PutawaySearchStats,
} from './putawaySearch.ts';
import type { Rules } from '../../rules/rulesSchema.ts';
import {
  compileLimits,
  compileRules,
  freeUnder,
  matchRule,
  type BinLimits,
  type CompiledRule,
} from './putawayTable.ts';

/** Which rule chose the bin. */
export type PutawayRule = 'forward' | 'consolidate' | 'store' | 'partial';

/** A putaway direction: the bin, how much of the unit goes there (the rest is a new task), why. */
export interface PutawayDecision {
  bin: number;
  qty: number;
  rule: PutawayRule;
}

/** What to put away. */
export interface PutawayRequest {
  item: Item;
  lot: string;
  qty: number;
  /** A bin the driver cannot use (the blocked directed bin of an override), or -1. */
  exclude: number;
}

/** The static part of the rules for one site: storage locations and distances. */
export interface PutawayContext {
  layout: Layout;
  /** Forward pick face per item index, -1 when none. */
  forwardBinOf: Int32Array;
  /** Reserve and floor locations: where received pallets are stored. */
  storage: readonly Bin[];
  /** Storage locations by `temperature|hazard` class (what `compatible` compares). */
  storageByClass: ReadonlyMap<string, readonly Bin[]>;
  /** The same, cut into buckets of neighbouring bins for a best-first search. */
  bucketsByClass: ReadonlyMap<string, readonly BinBucket[]>;
  /** Counters of the search (a diagnostic for tests; derived from the scenario, never saved). */
  stats: PutawaySearchStats;
  /** The receiving front (inbound doors): velocity is measured from here for items without a face. */
  front: Point;
  /** Longest distance from the front to a storage bin, to normalise depth. */
  depthM: number;
  distance(a: Point, b: Point): number;
  /** The scenario's putaway rule table, compiled (empty: the built-in rules alone). */
  table: readonly CompiledRule[];
  /** Storage-category limits per bin (null: none). */
  limits: BinLimits | null;
}

/** Weight of "this aisle does not hold the family yet", in units of the site's depth. */
const FAMILY_PENALTY = 0.25;
/** Per level above the floor, for fast movers (low levels are quicker to reach). */
const LEVEL_PENALTY = 0.02;

/** Builds the rule context of a layout. */
export function createPutawayContext(
  layout: Layout,
  forwardBinOf: Int32Array,
  distance: (a: Point, b: Point) => number,
  rules?: Pick<Rules, 'putaway' | 'storageCategories'>,
): PutawayContext {
  const storage = layout.bins.filter((b) => b.type === 'reserve' || b.type === 'floor');
  const inbound = layout.docks.filter((d) => d.kind === 'inbound');
  const front: Point =
    inbound.length > 0
      ? { x: inbound.reduce((s, d) => s + d.x, 0) / inbound.length, y: inbound[0]!.y }
      : layout.depot;
  let depthM = 1;
  const storageByClass = new Map<string, Bin[]>();
  for (const b of storage) {
    depthM = Math.max(depthM, distance(front, b));
    const key = classKey(b);
    const list = storageByClass.get(key);
    if (list) list.push(b);
    else storageByClass.set(key, [b]);
  }
  const bucketsByClass = new Map([...storageByClass].map(([k, bins]) => [k, buildBuckets(bins, distance)]));
  const stats = { searches: 0, binsChecked: 0, fullScans: 0, fullScanBins: 0 };
  const table = compileRules(layout, storage, rules?.putaway ?? [], distance, classKey);
  const limits = compileLimits(layout, rules?.storageCategories ?? {});
  return {
    layout,
    forwardBinOf,
    storage,
    storageByClass,
    bucketsByClass,
    stats,
    front,
    depthM,
    distance,
    table,
    limits,
  };
}

/** Storage class of a bin or item: temperature and hazard, which must both match. */
export function classKey(x: { temperature: string; hazard: string | null }): string {
  return `${x.temperature}|${x.hazard ?? ''}`;
}

/**
 * Velocity cost of a bin for an item, in [0, ~1.1]: fast movers (A) want reserve nearest their
 * forward face (or the front when they have none) and low levels; slow movers (C) go deep;
 * B items take the middle.
 */
export function velocityCost(ctx: PutawayContext, item: Item, bin: Bin): number {
  const face = ctx.forwardBinOf[item.index] ?? -1;
  const ref = face >= 0 ? ctx.layout.bins[face]! : ctx.front;
  const u = Math.min(1, ctx.distance(ref, bin) / ctx.depthM);
  if (item.velocityClass === 'A') return u + LEVEL_PENALTY * (bin.level - 1);
  if (item.velocityClass === 'B') return Math.abs(u - 0.5);
  return 1 - u;
}

/**
 * Directed putaway. In order of preference:
 * 1. top up the item's own forward pick face when it has room for at least a case;
 * 2. consolidate with the same SKU and lot in a storage bin that takes the whole unit;
 * 3. any compatible storage bin that takes the whole unit;
 * 4. the compatible storage bin that takes the most of it (the unit is split).
 * Within 2–4 the velocity cost plus a penalty for aisles without the item's family decides,
 * then the bin index. Temperature and hazard must match (`compatible`); capacity comes from
 * the occupancy, which already counts stock directed by open tasks. Null when nothing fits.
 */
export function directPutaway(
  ctx: PutawayContext,
  occ: SpaceView,
  req: PutawayRequest,
): PutawayDecision | null {
  const { item, lot, qty } = req;
  if (qty <= 0) return null;
  const face = ctx.forwardBinOf[item.index] ?? -1;
  if (face >= 0 && face !== req.exclude && compatible(item, ctx.layout.bins[face]!)) {
    const free = occ.freeFor(face, item, lot);
    if (free >= Math.min(qty, caseQty(item))) return { bin: face, qty: Math.min(qty, free), rule: 'forward' };
  }
  const cls = classKey(item);
  const all = ctx.storageByClass.get(cls) ?? [];
  ctx.stats.searches++;
  const checkedBefore = ctx.stats.binsChecked;
  const holding = occ.binsHolding?.(item, lot);
  // 0. The rule table: each preferred zone in order, consolidating or taking the whole unit.
  const rule = ctx.table.length > 0 ? matchRule(ctx.table, item) : null;
  for (const z of rule?.zones ?? []) {
    const zb = z.bucketsByClass.get(cls);
    const d =
      zb && holding
        ? wholeUnit(ctx, occ, req, zb, holding, (b) => z.member[b.index] === 1)
        : decideWhole(fold(ctx, occ, req, z.storageByClass.get(cls) ?? []), qty);
    if (d) return d;
  }
  const buckets = ctx.bucketsByClass.get(cls);
  if (buckets && holding) {
    const d = wholeUnit(ctx, occ, req, buckets, holding, () => true);
    if (d) return d;
  }
  // 3. Nothing takes the whole unit (or no index): every bin of the class, as the rules read.
  const best = fold(ctx, occ, req, all);
  ctx.stats.fullScans++;
  ctx.stats.fullScanBins += ctx.stats.binsChecked - checkedBefore;
  return decide(best, qty);
}

/**
 * Rules 2–3 by the bucketed search over some buckets of the item's class (bins in `inScope`):
 * consolidation with the same SKU and lot, else the cheapest bin taking the whole unit. Null
 * when no bin there takes the whole unit.
 */
function wholeUnit(
  ctx: PutawayContext,
  occ: SpaceView,
  req: PutawayRequest,
  buckets: readonly BinBucket[],
  holding: Iterable<number>,
  inScope: (b: Bin) => boolean,
): PutawayDecision | null {
  const { item, lot, qty } = req;
  const cls = classKey(item);
  const face = ctx.forwardBinOf[item.index] ?? -1;
  // 1. Consolidation beats everything, and only bins already holding the item and lot qualify.
  const own = [...new Set(holding)].sort((a, b) => a - b).map((b) => ctx.layout.bins[b]!);
  const consolidate = fold(
    ctx,
    occ,
    req,
    own.filter((b) => (b.type === 'reserve' || b.type === 'floor') && classKey(b) === cls && inScope(b)),
  );
  if (consolidate?.tier === 0) return decide(consolidate, qty);
  // 2. Else the cheapest bin taking the whole unit, searched from the cheapest bucket bound.
  const ref = face >= 0 ? ctx.layout.bins[face]! : ctx.front;
  const k = {
    ...ctx,
    levelPenalty: LEVEL_PENALTY,
    familyPenalty: FAMILY_PENALTY,
    aisleHasFamilyOf: occ.aisleHasFamilyOf.bind(occ),
  };
  const near = cheapestFitting(
    buckets,
    (b) => bucketBound(k, item, ref, b),
    (bin) => {
      if (bin.index === req.exclude || !compatible(item, bin)) return false;
      ctx.stats.binsChecked++;
      return freeUnder(ctx.limits, occ, bin.index, item, lot) >= qty;
    },
    (bin) => cost(ctx, occ, item, bin),
  );
  const store = near ? fold(ctx, occ, req, near) : null;
  return decideWhole(store, qty);
}

/** A decision only when the bin takes the whole unit (consolidating or not). */
function decideWhole(best: Best | null, qty: number): PutawayDecision | null {
  return best && best.tier <= 1 ? decide(best, qty) : null;
}

/** The best bin so far of a fold. */
interface Best {
  bin: Bin;
  tier: number;
  cost: number;
  free: number;
}

function decide(best: Best | null, qty: number): PutawayDecision | null {
  if (!best) return null;
  const rule: PutawayRule = best.tier === 0 ? 'consolidate' : best.tier === 1 ? 'store' : 'partial';
  return { bin: best.bin.index, qty: Math.min(qty, best.free), rule };
}

/** Velocity cost plus the penalty for an aisle without the item's family. */
function cost(ctx: PutawayContext, occ: SpaceView, item: Item, bin: Bin): number {
  let c = velocityCost(ctx, item, bin);
  if (bin.aisle >= 0 && !occ.aisleHasFamilyOf(bin.aisle, item)) c += FAMILY_PENALTY;
  return c;
}

/**
 * Rules 2–4 over some bins in ascending index: the best of them. Over all bins of the class this
 * is the rule itself; the searches above hand it a subset that provably holds the same winner.
 */
function fold(ctx: PutawayContext, occ: SpaceView, req: PutawayRequest, bins: readonly Bin[]): Best | null {
  const { item, lot, qty } = req;
  let best: Best | null = null;
  for (const bin of bins) {
    if (bin.index === req.exclude || !compatible(item, bin)) continue;
    ctx.stats.binsChecked++;
    const free = freeUnder(ctx.limits, occ, bin.index, item, lot);
    if (free < 1) continue;
    const whole = free >= qty;
    const tier = whole ? (occ.qtyOf(bin.index, item.index, lot) > 0 ? 0 : 1) : 2;
    if (best && tier > best.tier) continue;
    if (best && tier === 2 && best.tier === 2 && free < best.free) continue;
    const c = cost(ctx, occ, item, bin);
    const better =
      !best ||
      tier < best.tier ||
      (tier === 2 && free > best.free) ||
      c < best.cost - 1e-12 ||
      (Math.abs(c - best.cost) <= 1e-12 && bin.index < best.bin.index);
    if (better) best = { bin, tier, cost: c, free };
  }
  return best;
}
