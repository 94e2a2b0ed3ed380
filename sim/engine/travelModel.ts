import type { Layout, Point } from '../layout/types.ts';
import type { TourStop } from './entities.ts';

/** Distances and tour order over a layout's aisle grid. */
export interface TravelModel {
  distance(a: Point, b: Point): number;
  route(start: Point, stops: TourStop[]): TourStop[];
}

/** Builds the travel model of a layout for a routing heuristic. */
export function createTravelModel(_layout: Layout, _heuristic: 'return' | 's-shape'): TravelModel {
  throw new Error('travel model: routing module not wired yet');
}
