import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { AuthLimiter } from '../live/authLimiter.ts';
import { RunBusyError } from '../live/runner.ts';
import { HttpError, sendJson } from './httpErrors.ts';

/** A route's handler: the request, the response, the path's captured groups and the query. */
export type RouteHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  params: string[],
  query: URLSearchParams,
) => Promise<void> | void;

/** One route: method (GET also answers HEAD), path pattern, handler. */
export type Route = [string, RegExp, RouteHandler];

/** What a server's HTTP side gives the dispatcher beyond its routes. */
export interface DispatchOptions {
  routes: readonly Route[];
  authLimiter: AuthLimiter;
  log: Logger;
  /** The 404 text of an unknown API path (`/api/…`, `/epcis/…`, `/healthz`). */
  unknownApi: (path: string) => string;
  /** Answers a non-API path (the built client, a status page); false when it has nothing. */
  page: (req: IncomingMessage, res: ServerResponse, path: string) => boolean;
}

/**
 * The dispatch loop both live servers share (single site and network): failed-token limiting
 * (429 before any token is checked; requests without credentials are never held up), route
 * matching with 405 for a known path and another method, 404 naming the path, and errors as
 * JSON: HttpError with its status (a 401 counts against the address), a busy run 503 with
 * retry-after, a malformed URL or escape 400 without a stack trace, anything else 500 (logged).
 */
export function createDispatcher(o: DispatchOptions): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    let path = '/';
    void (async () => {
      const url = requestUrl(req.url);
      path = url.pathname;
      if (req.headers.authorization !== undefined) {
        const wait = o.authLimiter.blockedFor(req.socket.remoteAddress);
        if (wait > 0) {
          res.setHeader('retry-after', String(Math.ceil(wait / 1000)));
          throw new HttpError(429, 'too many failed tokens from this address; retry later');
        }
      }
      for (const [method, re, h] of o.routes) {
        const m = re.exec(path);
        if (!m) continue;
        if (req.method !== method && !(method === 'GET' && req.method === 'HEAD')) continue;
        await h(req, res, m.slice(1), url.searchParams);
        return;
      }
      if (path.startsWith('/api/') || path.startsWith('/epcis/') || path === '/healthz') {
        const allowed = o.routes.filter(([, re]) => re.test(path)).map(([m]) => m);
        if (allowed.length > 0)
          throw new HttpError(405, `${req.method} not allowed on ${path} (use ${allowed.join(', ')})`);
        throw new HttpError(404, o.unknownApi(path));
      }
      if (o.page(req, res, path)) return;
      throw new HttpError(404, `not found: ${path}`);
    })().catch((err: unknown) => {
      if (err instanceof HttpError) {
        if (err.status === 401) o.authLimiter.failed(req.socket.remoteAddress, path);
        if (!res.headersSent) sendJson(res, err.status, err.body);
        else res.end();
        // Refused bodies are not drained further: closing lets the client see the answer at once.
        if (err.status === 413 || err.status === 408) res.once('finish', () => req.socket.destroy());
        return;
      }
      if (err instanceof RunBusyError) {
        if (!res.headersSent) {
          res.setHeader('retry-after', '1');
          sendJson(res, 503, { error: err.message });
        }
        return;
      }
      if (err instanceof URIError) {
        // A malformed % escape is the client's mistake: 400, and no stack trace in the log.
        if (!res.headersSent)
          sendJson(res, 400, { error: `malformed URL escape in ${JSON.stringify(path)}` });
        return;
      }
      o.log.error({ err, path }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  };
}

/** The URL of a request; one that does not parse is a 400, not a 500. */
function requestUrl(url: string | undefined): URL {
  try {
    return new URL(url ?? '/', 'http://x');
  } catch {
    throw new HttpError(400, 'malformed request URL');
  }
}
