import type { RoutingGeometry } from './routingGeometry.ts';

/**
 * Shortest walking distance between two floor points on the aisle grid, in metres.
 *
 * Model: a point at x lies on the vertical line at x — an aisle centre line for a bin, or
 * open floor for the depot, docks and staging. Points on the same vertical line walk
 * straight (|dy|). Otherwise the walker changes line on some cross aisle c and pays
 * |y1 − c| + |x1 − x2| + |c − y2|. The open floor in front of the front cross aisle (docks,
 * apron) and behind the back one is walkable in any direction, so a point there reaches any
 * x directly: the vertical cost is then just |y1 − y2|. Only when both points are inside the
 * racking with no cross aisle between them does the walker detour to the nearest one.
 *
 * Called millions of times per run: no allocation, a short loop over the cross aisles only
 * in the detour case.
 */
export function pointDistance(g: RoutingGeometry, x1: number, y1: number, x2: number, y2: number): number {
  const dx = x1 > x2 ? x1 - x2 : x2 - x1;
  let lo = y1;
  let hi = y2;
  if (lo > hi) {
    lo = y2;
    hi = y1;
  }
  const dy = hi - lo;
  if (dx === 0) return dy;
  const cy = g.crossY;
  const n = cy.length;
  if (lo <= (cy[0] as number) || hi >= (cy[n - 1] as number)) return dx + dy;
  let detour = Infinity;
  for (let i = 0; i < n; i++) {
    const c = cy[i] as number;
    if (c < lo) {
      if (lo - c < detour) detour = lo - c;
    } else if (c > hi) {
      if (c - hi < detour) detour = c - hi;
      break; // ascending: later cross aisles are farther
    } else {
      return dx + dy; // a cross aisle lies between the two points
    }
  }
  return dx + dy + 2 * detour;
}

/** Distance between position y1 in aisle a1 and y2 in aisle a2 (aisle indices into the geometry). */
export function aisleDistance(g: RoutingGeometry, a1: number, y1: number, a2: number, y2: number): number {
  return pointDistance(g, g.aisleX[a1] as number, y1, g.aisleX[a2] as number, y2);
}

/** Distance from the depot to position y in aisle a (and back: distances are symmetric). */
export function depotDistance(g: RoutingGeometry, a: number, y: number): number {
  return pointDistance(g, g.depot.x, g.depot.y, g.aisleX[a] as number, y);
}
