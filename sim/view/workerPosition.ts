import type { Worker } from '../engine/entities.ts';
import type { Step } from '../engine/job.ts';
import type { Layout } from '../layout/types.ts';
import { routingGeometryFromLayout, type RoutingGeometry } from '../routing/routingGeometry.ts';
import { pointAlong, shortestCorners, walkLength } from '../routing/walkPath.ts';
import type { Walkways } from './viewState.ts';

// Clients move markers between position samples with the same walk geometry.
export { pointAlong, shortestCorners, walkLength } from '../routing/walkPath.ts';

// Memoised per layout: the layout is immutable for a run, so this is a cache, not state.
const geometryCache = new WeakMap<Layout, RoutingGeometry>();

/** The routing geometry of a layout (what the engine measures walks on). */
export function layoutGeometry(layout: Layout): RoutingGeometry {
  let g = geometryCache.get(layout);
  if (!g) geometryCache.set(layout, (g = routingGeometryFromLayout(layout)));
  return g;
}

/** The walkways of a layout, as plain arrays for the wire. */
export function walkwaysOf(layout: Layout): Walkways {
  const g = layoutGeometry(layout);
  return { aisleX: [...g.aisleX], crossY: [...g.crossY] };
}

/** A step's walk: from where the worker set off, through its turning points, to the step's point. */
export interface StepWalk {
  fromX: number;
  fromY: number;
  corners: readonly number[];
  toX: number;
  toY: number;
  /** Metres: the engine's travel distance for the step. */
  length: number;
}

/**
 * The walk of the worker's current step: the planned route where the step has one (pick tours
 * follow their heuristic's path), else the shortest walk the engine measured (a straight
 * line without a layout).
 */
export function stepWalk(x: Worker, step: Step, g: RoutingGeometry | null): StepWalk {
  const corners = step.via ?? (g ? shortestCorners(g, x.fromX, x.fromY, step.x, step.y) : []);
  return {
    fromX: x.fromX,
    fromY: x.fromY,
    corners,
    toX: step.x,
    toY: step.y,
    length: walkLength(x.fromX, x.fromY, corners, step.x, step.y),
  };
}

/**
 * Where a worker is at sim time `now`: along the walk of the current step, in proportion to the
 * time travelled (the engine walks at constant speed), then at the step's point while working.
 */
export function workerPosition(
  x: Worker,
  now: number,
  g: RoutingGeometry | null,
): { x: number; y: number; moving: boolean } {
  const job = x.job;
  const step = job?.steps[job.cursor];
  if (!job || !step) return { x: x.x, y: x.y, moving: false };
  if (now < x.moveEnd && x.moveEnd > x.moveStart) {
    const walk = stepWalk(x, step, g);
    const a = Math.max(0, (now - x.moveStart) / (x.moveEnd - x.moveStart));
    const p = pointAlong(walk.fromX, walk.fromY, walk.corners, walk.toX, walk.toY, a * walk.length);
    return { x: p.x, y: p.y, moving: true };
  }
  // Arrived and working at the step's point (x/y only update when the step completes).
  if (now >= x.moveEnd) return { x: step.x, y: step.y, moving: false };
  return { x: x.x, y: x.y, moving: false };
}
