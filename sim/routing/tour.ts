import type { Point } from '../layout/types.ts';
import { pointDistance } from './distance.ts';
import { shortestCorners } from './walkPath.ts';
import type { RoutingGeometry } from './routingGeometry.ts';

/** Pick-tour routing policies. */
export type TourHeuristic = 'return' | 's-shape' | 'largest-gap' | 'nearest-neighbour';

/** A planned tour. */
export interface Tour {
  /** Stop indices (into the `stops` argument) in visiting order. */
  order: number[];
  /** Metres walked from start to end. */
  total: number;
  /** legs[0] = start → first stop, legs[i] = stop i−1 → stop i, last = last stop → end; length stops + 1. */
  legs: number[];
  /** The policy actually used ('nearest-neighbour' when the layout is not one block). */
  heuristic: TourHeuristic;
  /** Turning points of each leg's walk (x, y interleaved; see walkPath.ts), parallel to `legs`. */
  paths: number[][];
}

/** Walks a path of axis-parallel moves, cutting it into legs at each visited stop. */
class PathWalker {
  x: number;
  y: number;
  private acc = 0;
  /** Turning points of the leg being walked. */
  private corners: number[] = [];
  readonly order: number[] = [];
  readonly legs: number[] = [];
  readonly paths: number[][] = [];
  constructor(start: Point) {
    this.x = start.x;
    this.y = start.y;
  }
  /**
   * Move to (x, y); callers only chain moves that are walkable (along an aisle or cross aisle).
   * A move changing both x and y (from a stop to a cross aisle) goes along the aisle first.
   */
  moveTo(x: number, y: number): void {
    if (x === this.x && y === this.y) return;
    this.acc += Math.abs(x - this.x) + Math.abs(y - this.y);
    if (x !== this.x && y !== this.y) this.corners.push(this.x, y);
    this.corners.push(x, y);
    this.x = x;
    this.y = y;
  }
  visit(stop: number, p: Point): void {
    this.moveTo(p.x, p.y);
    this.endLeg();
    this.order.push(stop);
  }
  finish(end: Point, front: number, heuristic: TourHeuristic): Tour {
    this.moveTo(end.x, front);
    this.moveTo(end.x, end.y);
    this.endLeg();
    let total = 0;
    for (const l of this.legs) total += l;
    return { order: this.order, total, legs: this.legs, heuristic, paths: this.paths };
  }
  private endLeg(): void {
    // The last point pushed is the leg's end itself, not a turning point.
    const c = this.corners;
    if (c.length >= 2 && c[c.length - 2] === this.x && c[c.length - 1] === this.y) c.length -= 2;
    this.legs.push(this.acc);
    this.paths.push(c);
    this.acc = 0;
    this.corners = [];
  }
}

/** Stops grouped by aisle (by x), aisles ascending in x, stops ascending in y. */
function byAisle(stops: readonly Point[]): { x: number; stops: number[] }[] {
  const groups = new Map<number, number[]>();
  stops.forEach((p, i) => {
    const g = groups.get(p.x);
    if (g) g.push(i);
    else groups.set(p.x, [i]);
  });
  return [...groups.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([x, idx]) => ({
      x,
      stops: idx.sort((a, b) => (stops[a] as Point).y - (stops[b] as Point).y || a - b),
    }));
}

/**
 * Plan a pick tour from `start` through every stop to `end` (default: back to `start`).
 *
 * The classic policies (Roodbergen & de Koster 2001; Hall 1993) are defined for a one-block
 * warehouse with start and end on or in front of the front cross aisle; aisles with picks are
 * served left to right, then the picker returns along the front:
 * - return: enter each aisle from the front, walk to its farthest pick, come back;
 * - s-shape: traverse every aisle with picks entirely, alternating up and down; if the number
 *   of such aisles is odd, the last (rightmost) one is entered from the front and left by
 *   the front after its farthest pick (a return), so the picker always ends at the front;
 * - largest-gap: traverse the leftmost and rightmost aisles with picks entirely; in each
 *   aisle between, skip the largest gap between adjacent picks (the front and back cross
 *   aisles count as picks): picks above it are served from the back on the way out, picks
 *   below it from the front on the way back.
 * Leg lengths follow the policy's path, not the shortest path between consecutive stops.
 * For multi-block layouts, stops off the racking (docks, staging) or a start behind the front,
 * these policies are undefined; we fall back to nearest-neighbour on shortest distances and
 * report that in `heuristic`.
 */
export function planTour(
  g: RoutingGeometry,
  start: Point,
  stops: readonly Point[],
  heuristic: TourHeuristic,
  end: Point = start,
): Tour {
  const front = g.crossY[0] as number;
  const back = g.crossY[g.crossY.length - 1] as number;
  const oneBlock =
    g.crossY.length === 2 &&
    start.y <= front &&
    end.y <= front &&
    stops.every((p) => p.y >= front && p.y <= back);
  if (heuristic === 'nearest-neighbour' || !oneBlock) return nearestNeighbourTour(g, start, stops, end);

  const aisles = byAisle(stops);
  const w = new PathWalker(start);
  const returnInto = (a: { x: number; stops: number[] }): void => {
    w.moveTo(w.x, front);
    w.moveTo(a.x, front);
    for (const s of a.stops) w.visit(s, stops[s] as Point);
    w.moveTo(a.x, front);
  };
  const traverse = (
    a: { x: number; stops: number[] },
    up: boolean,
    idx: readonly number[] = a.stops,
  ): void => {
    const from = up ? front : back;
    w.moveTo(w.x, from);
    w.moveTo(a.x, from);
    const seq = up ? idx : [...idx].reverse();
    for (const s of seq) w.visit(s, stops[s] as Point);
    w.moveTo(a.x, up ? back : front);
  };

  if (aisles.length === 0) {
    // Nothing to pick: walk straight to the end.
  } else if (heuristic === 'return' || aisles.length === 1) {
    for (const a of aisles) returnInto(a);
  } else if (heuristic === 's-shape') {
    const full = aisles.length % 2 === 0 ? aisles.length : aisles.length - 1;
    for (let i = 0; i < full; i++) traverse(aisles[i] as { x: number; stops: number[] }, i % 2 === 0);
    if (full < aisles.length) returnInto(aisles[full] as { x: number; stops: number[] });
  } else {
    const k = aisles.length;
    const lower: number[][] = [];
    traverse(aisles[0] as { x: number; stops: number[] }, true);
    for (let i = 1; i < k - 1; i++) {
      const a = aisles[i] as { x: number; stops: number[] };
      const ys = [front, ...a.stops.map((s) => (stops[s] as Point).y), back];
      let gap = 0;
      for (let j = 1; j < ys.length - 1; j++)
        if ((ys[j + 1] as number) - (ys[j] as number) > (ys[gap + 1] as number) - (ys[gap] as number))
          gap = j;
      // ys[gap]..ys[gap+1] is the largest gap; stops 0..gap-1 lie below it.
      lower.push(a.stops.slice(0, gap));
      const upper = a.stops.slice(gap);
      if (upper.length > 0) {
        w.moveTo(a.x, back);
        for (let j = upper.length - 1; j >= 0; j--)
          w.visit(upper[j] as number, stops[upper[j] as number] as Point);
        w.moveTo(a.x, back);
      }
    }
    traverse(aisles[k - 1] as { x: number; stops: number[] }, false);
    for (let i = k - 2; i >= 1; i--) {
      const low = lower[i - 1] as number[];
      if (low.length === 0) continue;
      const x = (aisles[i] as { x: number }).x;
      w.moveTo(x, front);
      for (const s of low) w.visit(s, stops[s] as Point);
      w.moveTo(x, front);
    }
  }
  return w.finish(end, front, heuristic);
}

/**
 * Greedy tour: always walk to the nearest unvisited stop (shortest grid distance, ties to the
 * lower index), then to `end`. O(n²); fine for pick lists of tens to a few hundred lines.
 */
export function nearestNeighbourTour(
  g: RoutingGeometry,
  start: Point,
  stops: readonly Point[],
  end: Point = start,
): Tour {
  const n = stops.length;
  const done = new Uint8Array(n);
  const order: number[] = [];
  const legs: number[] = [];
  const paths: number[][] = [];
  let x = start.x;
  let y = start.y;
  let total = 0;
  for (let step = 0; step < n; step++) {
    let best = -1;
    let bestD = Infinity;
    for (let i = 0; i < n; i++) {
      if (done[i]) continue;
      const p = stops[i] as Point;
      const d = pointDistance(g, x, y, p.x, p.y);
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    done[best] = 1;
    order.push(best);
    legs.push(bestD);
    const p = stops[best] as Point;
    paths.push(shortestCorners(g, x, y, p.x, p.y));
    total += bestD;
    x = p.x;
    y = p.y;
  }
  const last = pointDistance(g, x, y, end.x, end.y);
  legs.push(last);
  paths.push(shortestCorners(g, x, y, end.x, end.y));
  return { order, total: total + last, legs, heuristic: 'nearest-neighbour', paths };
}
