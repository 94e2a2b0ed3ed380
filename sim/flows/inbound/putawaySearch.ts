import type { Item } from '../../items/types.ts';
import type { Bin, Point } from '../../layout/types.ts';

/**
 * Neighbouring storage bins (one aisle line, consecutive positions along it) with a hub bin and
 * the largest distance from the hub to any of them. By the triangle inequality of the walking
 * distance, every bin of the bucket lies within `radius` of what the hub is from any point, so
 * one distance bounds the velocity cost of the whole bucket.
 */
export interface BinBucket {
  /** The bucket's bins, ascending index. */
  bins: readonly Bin[];
  hub: Bin;
  radius: number;
  /** The aisle all of them are in (-1: none). */
  aisle: number;
  /** Lowest level among them (fast movers pay per level above the floor). */
  minLevel: number;
}

/** What a bucketed search counts: tests pin that a request looks at a bounded number of bins. */
export interface PutawaySearchStats {
  /** Putaway searches over storage bins (requests the forward face did not take). */
  searches: number;
  /** Storage bins whose free space was worked out, over all searches. */
  binsChecked: number;
  /** Searches that fell back to every bin of the class (nothing takes the whole unit, or no index). */
  fullScans: number;
  /** Bins checked by those searches (all of it: the bucket pass found nothing, then the walk). */
  fullScanBins: number;
}

/** Bins per bucket: 24 is two facing bays of a six-level rack at one position. */
const BUCKET_BINS = 24;
/** Slack on cost bounds, far above the rounding of a few distance sums. */
export const BOUND_SLACK = 1e-9;

/** Cuts storage bins into buckets along each aisle line (aisle and x), in position order. */
export function buildBuckets(bins: readonly Bin[], distance: (a: Point, b: Point) => number): BinBucket[] {
  const lines = new Map<string, Bin[]>();
  for (const b of bins) {
    const key = `${b.aisle}@${b.x}`;
    const line = lines.get(key);
    if (line) line.push(b);
    else lines.set(key, [b]);
  }
  const out: BinBucket[] = [];
  for (const line of lines.values()) {
    line.sort((a, b) => a.y - b.y || a.index - b.index);
    for (let i = 0; i < line.length; i += BUCKET_BINS) {
      const chunk = line.slice(i, i + BUCKET_BINS);
      const hub = chunk[chunk.length >> 1]!;
      let radius = 0;
      let minLevel = Infinity;
      for (const b of chunk) {
        radius = Math.max(radius, distance(hub, b), distance(b, hub));
        minLevel = Math.min(minLevel, b.level);
      }
      chunk.sort((a, b) => a.index - b.index);
      out.push({ bins: chunk, hub, radius, aisle: hub.aisle, minLevel });
    }
  }
  return out;
}

/** What a bound needs of the rules: the velocity-cost constants and family test. */
export interface BoundInputs {
  depthM: number;
  levelPenalty: number;
  familyPenalty: number;
  distance(a: Point, b: Point): number;
  aisleHasFamilyOf(aisle: number, item: Item): boolean;
}

/**
 * A lower bound on `velocityCost + family penalty` over a bucket's bins for an item whose
 * velocity is measured from `ref`: the distance to any bin lies in [d(ref, hub) − r, d(ref, hub) + r].
 */
export function bucketBound(k: BoundInputs, item: Item, ref: Point, bucket: BinBucket): number {
  const d = k.distance(ref, bucket.hub);
  const uLo = Math.min(1, Math.max(0, d - bucket.radius) / k.depthM);
  const uHi = Math.min(1, (d + bucket.radius) / k.depthM);
  let v: number;
  if (item.velocityClass === 'A') v = uLo + k.levelPenalty * (bucket.minLevel - 1);
  else if (item.velocityClass === 'B') v = uLo > 0.5 ? uLo - 0.5 : uHi < 0.5 ? 0.5 - uHi : 0;
  else v = 1 - uHi;
  if (bucket.aisle >= 0 && !k.aisleHasFamilyOf(bucket.aisle, item)) v += k.familyPenalty;
  return v;
}

/**
 * Best-first over buckets: visits buckets by ascending bound and stops once a bound exceeds the
 * cheapest bin found that takes `fits` (plus slack). Returns every such bin within slack of the
 * cheapest, ascending index, or null when no bin of any bucket fits. `cost` is the exact cost
 * the rules use; `fits` says whether a bin takes the whole unit (and counts as a check).
 */
export function cheapestFitting(
  buckets: readonly BinBucket[],
  bound: (b: BinBucket) => number,
  fits: (bin: Bin) => boolean,
  cost: (bin: Bin) => number,
): Bin[] | null {
  const n = buckets.length;
  const lbs = new Float64Array(n);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    lbs[i] = bound(buckets[i]!);
    order[i] = i;
  }
  order.sort((a, b) => lbs[a]! - lbs[b]! || a - b);
  let best = Infinity;
  const found: { bin: Bin; cost: number }[] = [];
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    if (lbs[i]! > best + BOUND_SLACK) break;
    for (const bin of buckets[i]!.bins) {
      if (!fits(bin)) continue;
      const c = cost(bin);
      if (c < best) best = c;
      found.push({ bin, cost: c });
    }
  }
  if (found.length === 0) return null;
  return found
    .filter((f) => f.cost <= best + BOUND_SLACK)
    .map((f) => f.bin)
    .sort((a, b) => a.index - b.index);
}
