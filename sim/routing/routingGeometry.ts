import type { Layout, Point } from '../layout/types.ts';

/**
 * What routing needs from a site, as flat typed arrays so hot loops neither allocate nor
 * chase pointers: aisle centre-line x by aisle index, and cross-aisle y values ascending
 * (first = front, last = back; any in between split the racking into blocks).
 */
export interface RoutingGeometry {
  readonly aisleX: Float64Array;
  readonly crossY: Float64Array;
  /** Where tours start and end by default. */
  readonly depot: Point;
}

/** Build a geometry from raw numbers (tests, synthetic studies); cross aisles are sorted. */
export function createRoutingGeometry(opts: {
  aisleX: readonly number[];
  crossY: readonly number[];
  depot?: Point;
}): RoutingGeometry {
  if (opts.crossY.length < 2) throw new RangeError('need at least a front and a back cross aisle');
  const crossY = Float64Array.from(opts.crossY).sort();
  const depot = opts.depot ?? { x: opts.aisleX[0] ?? 0, y: crossY[0] as number };
  return { aisleX: Float64Array.from(opts.aisleX), crossY, depot: { ...depot } };
}

/** The geometry of a built layout. */
export function routingGeometryFromLayout(layout: Layout): RoutingGeometry {
  return createRoutingGeometry({
    aisleX: layout.aisles.map((a) => a.x),
    crossY: layout.crossAisles,
    depot: layout.depot,
  });
}

/**
 * The textbook rectangular warehouse: `aisles` parallel aisles `spacing` apart (centre to
 * centre, first at x = 0), cross aisles at y = 0 (front) and every `aisleLength / blocks`
 * up to y = aisleLength (back), depot on the front cross aisle at the foot of `depotAisle`.
 */
export function rectangularGeometry(opts: {
  aisles: number;
  spacing: number;
  aisleLength: number;
  blocks?: number;
  depotAisle?: number;
}): RoutingGeometry {
  const blocks = opts.blocks ?? 1;
  const aisleX = Array.from({ length: opts.aisles }, (_, i) => i * opts.spacing);
  const crossY = Array.from({ length: blocks + 1 }, (_, b) => (b * opts.aisleLength) / blocks);
  return createRoutingGeometry({ aisleX, crossY, depot: { x: aisleX[opts.depotAisle ?? 0] ?? 0, y: 0 } });
}
