import type { IncomingMessage, ServerResponse } from 'node:http';
import { epcisRoutes } from './epcis/epcisRoutes.ts';
import type { FeedContext } from './feedContext.ts';
import { controlRoutes } from './scans/controlRoutes.ts';
import { scanRoutes } from './scans/scanRoutes.ts';

/** A route as the HTTP handler's table holds it: method, path pattern, handler(params). */
export type FeedRoute = [
  string,
  RegExp,
  (req: IncomingMessage, res: ServerResponse, params: string[]) => Promise<void> | void,
];

/** Every feed endpoint: raw scans, devices, feed exceptions, POs and count decisions, and EPCIS capture/events/export. */
export function feedRoutes(ctx: FeedContext): FeedRoute[] {
  return [...scanRoutes(ctx), ...controlRoutes(ctx), ...epcisRoutes(ctx)];
}
