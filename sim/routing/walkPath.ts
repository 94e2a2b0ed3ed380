/**
 * Walks as polylines on the aisle grid, for drawing a worker where the engine has them walk.
 * A walk is its two end points plus `corners`: the turning points between them, x and y
 * interleaved. Every segment is axis-parallel (along an aisle centre line, a cross aisle or the
 * open floor in front of or behind the racking), so a walk never cuts through racking.
 */

/**
 * The turning points of the shortest walk `pointDistance` measures between two points: along
 * the first point's line to a cross aisle (one between the two if there is one, else the
 * nearest; on the open floor, the lower point's own y), across, then along the second's line.
 * Its length equals `pointDistance(g, x1, y1, x2, y2)` (tested).
 */
export function shortestCorners(
  g: { readonly crossY: ArrayLike<number> },
  x1: number,
  y1: number,
  x2: number,
  y2: number,
): number[] {
  if (x1 === x2) return [];
  const lo = Math.min(y1, y2);
  const hi = Math.max(y1, y2);
  const cy = g.crossY;
  const front = cy[0]!;
  const back = cy[cy.length - 1]!;
  let via: number;
  if (lo <= front) via = lo;
  else if (hi >= back) via = hi;
  else {
    via = Number.NaN;
    let detour = Infinity;
    for (let i = 0; i < cy.length; i++) {
      const c = cy[i]!;
      if (c >= lo && c <= hi) {
        via = c;
        break;
      }
      // Same choice as pointDistance: the nearest cross aisle, the lower one on a tie.
      const d = c < lo ? lo - c : c - hi;
      if (d < detour) {
        detour = d;
        via = c;
      }
    }
  }
  return cornersVia(x1, y1, x2, y2, via);
}

/** Turning points of the walk from (x1, y1) along its line to y = `via`, across to x2, along to y2. */
export function cornersVia(x1: number, y1: number, x2: number, y2: number, via: number): number[] {
  const out: number[] = [];
  if (via !== y1) out.push(x1, via);
  if (x2 !== x1 && via !== y2) out.push(x2, via);
  return out;
}

/** Length of the walk from (x1, y1) through `corners` to (x2, y2), metres. */
export function walkLength(
  x1: number,
  y1: number,
  corners: readonly number[],
  x2: number,
  y2: number,
): number {
  let len = 0;
  let x = x1;
  let y = y1;
  for (let i = 0; i + 1 < corners.length; i += 2) {
    len += Math.abs(corners[i]! - x) + Math.abs(corners[i + 1]! - y);
    x = corners[i]!;
    y = corners[i + 1]!;
  }
  return len + Math.abs(x2 - x) + Math.abs(y2 - y);
}

/** The point `s` metres along the walk (clamped to its ends). */
export function pointAlong(
  x1: number,
  y1: number,
  corners: readonly number[],
  x2: number,
  y2: number,
  s: number,
): { x: number; y: number } {
  let x = x1;
  let y = y1;
  let left = Math.max(0, s);
  const n = corners.length / 2;
  for (let i = 0; i <= n; i++) {
    const nx = i < n ? corners[2 * i]! : x2;
    const ny = i < n ? corners[2 * i + 1]! : y2;
    const seg = Math.abs(nx - x) + Math.abs(ny - y);
    if (left <= seg && seg > 0) {
      const a = left / seg;
      return { x: x + (nx - x) * a, y: y + (ny - y) * a };
    }
    left -= seg;
    x = nx;
    y = ny;
  }
  return { x: x2, y: y2 };
}
