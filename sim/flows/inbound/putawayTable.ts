import type { Item } from '../../items/types.ts';
import type { Bin, Layout, Point } from '../../layout/types.ts';
import type { PutawayRuleSpec, Rules } from '../../rules/rulesSchema.ts';
import { groupKey, palletQty, type SpaceView } from './binOccupancy.ts';
import { buildBuckets, type BinBucket } from './putawaySearch.ts';

/** A putaway rule's preferred zone, cut up for the same bucketed search as the whole site. */
export interface RuleZone {
  zone: string;
  /** Its storage bins (in the rule's aisles) by `temperature|hazard` class, ascending index. */
  storageByClass: ReadonlyMap<string, readonly Bin[]>;
  bucketsByClass: ReadonlyMap<string, readonly BinBucket[]>;
  /** 1 for a bin of this rule zone (by bin index). */
  member: Uint8Array;
}

/** A putaway rule ready to run: what it matches and its zones in order of preference. */
export interface CompiledRule {
  spec: PutawayRuleSpec;
  zones: readonly RuleZone[];
}

/** Storage-category limits per bin; null when no zone has any (the built-in rules). */
export interface BinLimits {
  /** 0 mixed, 1 sameItem, 2 empty (by bin index). */
  mixing: Uint8Array;
  /** Pallet positions a bin may hold, 0 = no limit (by bin index). */
  maxPallets: Int32Array;
}

const MIXING_CODE = { mixed: 0, sameItem: 1, empty: 2 } as const;

/** The rule table of a scenario, compiled over the site's storage bins (order kept: first match wins). */
export function compileRules(
  layout: Layout,
  storage: readonly Bin[],
  rules: Rules['putaway'],
  distance: (a: Point, b: Point) => number,
  classKey: (b: Bin) => string,
): CompiledRule[] {
  return rules.map((spec) => ({
    spec,
    zones: spec.zones.map((zone) => {
      const member = new Uint8Array(layout.bins.length);
      const byClass = new Map<string, Bin[]>();
      for (const b of storage) {
        if (b.zone !== zone) continue;
        if (spec.aisles && !spec.aisles.includes(layout.aisles[b.aisle]?.number ?? -1)) continue;
        member[b.index] = 1;
        const k = classKey(b);
        const list = byClass.get(k);
        if (list) list.push(b);
        else byClass.set(k, [b]);
      }
      const bucketsByClass = new Map([...byClass].map(([k, bins]) => [k, buildBuckets(bins, distance)]));
      return { zone, storageByClass: byClass, bucketsByClass, member };
    }),
  }));
}

/** The first rule an item matches, or null (then only the site-wide search runs). */
export function matchRule(rules: readonly CompiledRule[], item: Item): CompiledRule | null {
  for (const r of rules) {
    const s = r.spec;
    if (s.family !== undefined && s.family !== item.family) continue;
    if (s.velocity !== undefined && s.velocity !== item.velocityClass) continue;
    if (s.temperature !== undefined && s.temperature !== item.temperature) continue;
    if (s.hazard !== undefined && s.hazard !== (item.hazard ?? 'none')) continue;
    return r;
  }
  return null;
}

/** Per-bin limits of the storage categories, or null when there are none. */
export function compileLimits(layout: Layout, cats: Rules['storageCategories']): BinLimits | null {
  if (Object.keys(cats).length === 0) return null;
  const mixing = new Uint8Array(layout.bins.length);
  const maxPallets = new Int32Array(layout.bins.length);
  for (const b of layout.bins) {
    const c = cats[b.zone];
    if (!c) continue;
    mixing[b.index] = MIXING_CODE[c.mixing];
    maxPallets[b.index] = c.maxPallets ?? 0;
  }
  return { mixing, maxPallets };
}

/**
 * Base units of an item and lot a bin takes under its storage category: the space that is free
 * (`freeFor`), 0 when the category forbids the mix, capped by its pallet positions.
 */
export function freeUnder(
  limits: BinLimits | null,
  occ: SpaceView,
  bin: number,
  item: Item,
  lot: string,
): number {
  const free = occ.freeFor(bin, item, lot);
  if (!limits || free <= 0) return free;
  const mix = limits.mixing[bin]!;
  const cap = limits.maxPallets[bin]!;
  if (mix === 0 && cap === 0) return free;
  const load = occ.load(bin);
  const own = groupKey(item.index, lot);
  const prefix = `${item.index}|`;
  for (const [k, q] of load.groups) {
    if (q <= 0) continue;
    if (mix === 2 && k !== own) return 0;
    if (mix === 1 && !k.startsWith(prefix)) return 0;
  }
  if (cap === 0) return free;
  const pq = palletQty(item);
  const mine = load.groups.get(own) ?? 0;
  // Room on the group's last started pallet, plus whole pallets up to the cap.
  const topUp = mine > 0 ? Math.ceil(mine / pq) * pq - mine : 0;
  return Math.min(free, topUp + Math.max(0, cap - load.pallets) * pq);
}
