import type { Layout, Point } from '../layout/types.ts';
import { routingGeometryFromLayout, type RoutingGeometry } from '../routing/routingGeometry.ts';
import { pointDistance } from '../routing/distance.ts';
import { planTour, type TourHeuristic } from '../routing/tour.ts';

/** A stop to route: a task id at a point; `legM` (and `via`) are filled in by routing. */
export interface TourStop {
  task: number;
  x: number;
  y: number;
  legM: number;
  /** Turning points of the walk to this stop (x, y interleaved; see routing/walkPath.ts). */
  via?: number[];
}

/** A routed tour: stops in visiting order, each with the metres walked to reach it, plus the walk back. */
export interface RoutedTour {
  stops: TourStop[];
  backM: number;
  /** Turning points of the walk back. */
  backVia: number[];
}

/** Distances and tour order over a layout's aisle grid. */
export interface TravelModel {
  /** Shortest walk between two points along aisles and cross aisles, metres. */
  distance(a: Point, b: Point): number;
  /** Orders stops by the routing heuristic; legs follow the heuristic's own path. */
  route(start: Point, stops: TourStop[], end: Point): RoutedTour;
}

/** Builds the travel model of a layout for a routing heuristic. */
export function createTravelModel(layout: Layout, heuristic: TourHeuristic): TravelModel {
  const g: RoutingGeometry = routingGeometryFromLayout(layout);
  return {
    distance: (a, b) => pointDistance(g, a.x, a.y, b.x, b.y),
    route(start, stops, end) {
      const plan = planTour(g, start, stops, heuristic, end);
      // Built field by field: an object spread per stop was the top allocation site of a tour.
      const ordered: TourStop[] = [];
      for (let k = 0; k < plan.order.length; k++) {
        const s = stops[plan.order[k]!]!;
        ordered.push({ task: s.task, x: s.x, y: s.y, legM: plan.legs[k]!, via: plan.paths[k]! });
      }
      return {
        stops: ordered,
        backM: plan.legs[plan.legs.length - 1]!,
        backVia: plan.paths[plan.paths.length - 1]!,
      };
    },
  };
}
