import { epcisRoutes } from './epcis/epcisRoutes.ts';
import type { FeedContext } from './feedContext.ts';
import { controlRoutes } from './scans/controlRoutes.ts';
import { scanRoutes } from './scans/scanRoutes.ts';
import type { FeedRoute } from './feedRoute.ts';

/** Every feed endpoint: raw scans, devices, feed exceptions, POs and count decisions, and EPCIS capture/events/export. */
export function feedRoutes(ctx: FeedContext): FeedRoute[] {
  return [...scanRoutes(ctx), ...controlRoutes(ctx), ...epcisRoutes(ctx)];
}
