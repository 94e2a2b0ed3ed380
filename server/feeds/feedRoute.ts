import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A route as the HTTP handler's table holds it: method, path pattern, handler(params). In its own
 * file so the route modules and the table that joins them (feedRoutes.ts) do not import each other.
 */
export type FeedRoute = [
  string,
  RegExp,
  (req: IncomingMessage, res: ServerResponse, params: string[]) => Promise<void> | void,
];
