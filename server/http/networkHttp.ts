import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { DataDir } from '../live/dataDir.ts';
import { runFiles } from '../live/dataDir.ts';
import { listJournalSegments } from '../live/journalSegments.ts';
import { isNetworkRunDir, siteDir } from '../live/networkLiveRun.ts';
import type { NetworkRunner } from '../live/networkRunner.ts';
import type { RunIndex } from '../live/runIndex.ts';
import type { AccessControl } from '../live/settings.ts';
import type { AuthLimiter } from '../live/authLimiter.ts';
import { HttpError, sendJson } from './httpErrors.ts';
import { createDispatcher, type Route, type RouteHandler } from './dispatch.ts';
import { requireAccess, type RouteAccess } from './routeAccess.ts';
import { hasClient, serveStatic } from './staticFiles.ts';
import { statusPage } from './statusPage.ts';
import { streamJournal } from './journalStream.ts';

/** What the network server's HTTP side reads. */
export interface NetworkHttpContext {
  runner: NetworkRunner;
  index: RunIndex;
  access: AccessControl;
  data: DataDir;
  clientDir: string;
  log: Logger;
  authLimiter: AuthLimiter;
  /** The scanner and EPCIS feed routes (server/feeds/network), when served. */
  feedRoutes?: readonly Route[];
}

type Handler = RouteHandler;

const ID = '([A-Za-z0-9][A-Za-z0-9_.-]*)';

/**
 * The HTTP side of a live network run: health, the overview (`/api/network`, view-level data:
 * open like the floor view's stream), the network's KPIs and runs (a token, as for a single
 * site), each site's journal (`?site=`, trainer token), a site's bin inspector (`?site=`), and
 * the built client (the floor view, `/network`). Errors are JSON with a message naming the fault.
 */
export function createNetworkHttpHandler(
  ctx: NetworkHttpContext,
): (req: IncomingMessage, res: ServerResponse) => void {
  const guard =
    (need: RouteAccess, what: string, h: Handler): Handler =>
    (req, res, params, q) => {
      requireAccess(req, ctx.access, need, what);
      h(req, res, params, q);
    };
  const siteParam = (q: URLSearchParams, what: string): string => {
    const sites = ctx.runner.sites();
    const site = q.get('site');
    if (site === null || site === '')
      throw new HttpError(400, `${what} needs ?site=<site> (sites: ${sites.join(', ')})`);
    if (!sites.includes(site))
      throw new HttpError(404, `unknown site "${site}" (sites: ${sites.join(', ')})`);
    return site;
  };
  const runOr404 = (id: string): void => {
    if (!ctx.index.get(id)) throw new HttpError(404, `unknown run "${id}"`);
  };
  const routes: Route[] = [
    [
      'GET',
      /^\/healthz$/,
      (_q, res) => {
        const s = ctx.runner.status();
        sendJson(res, 200, {
          ok: true,
          run: s.runId,
          network: s.scenario,
          sites: ctx.runner.sites(),
          simTime: ctx.runner.currentRun().simTime,
          paused: s.paused,
        });
      },
    ],
    [
      'GET',
      /^\/api\/network$/,
      guard('anyone', 'the network overview', (_q, res) =>
        sendJson(res, 200, { run: ctx.runner.status(), ...ctx.runner.overview() }),
      ),
    ],
    [
      'GET',
      /^\/api\/network\/kpis$/,
      guard('reader', 'network KPIs', (_q, res) => sendJson(res, 200, ctx.runner.report())),
    ],
    [
      'GET',
      /^\/api\/runs$/,
      guard('reader', 'the run list', (_q, res) => {
        const current = ctx.runner.status().runId;
        sendJson(res, 200, {
          current,
          runs: ctx.index.list().map((r) => ({ ...r, current: r.id === current })),
        });
      }),
    ],
    [
      'GET',
      new RegExp(`^/api/runs/${ID}$`),
      guard('reader', 'a run', (_q, res, [id]) => {
        runOr404(id!);
        const r = ctx.index.get(id!)!;
        const live = id === ctx.runner.status().runId;
        sendJson(
          res,
          200,
          live
            ? {
                ...r,
                status: 'running',
                simTime: ctx.runner.currentRun().simTime,
                pacing: ctx.runner.status(),
                sites: ctx.runner.sites(),
              }
            : r,
        );
      }),
    ],
    [
      'GET',
      new RegExp(`^/api/runs/${ID}/kpis$`),
      guard('reader', 'run KPIs', (_q, res, [id]) => {
        runOr404(id!);
        if (id === ctx.runner.status().runId) return sendJson(res, 200, ctx.runner.report());
        const file = runFiles(ctx.data.runDir(id!)).kpis;
        if (!existsSync(file)) throw new HttpError(404, `run "${id}" has no KPIs saved`);
        sendJson(res, 200, JSON.parse(readFileSync(file, 'utf8')) as unknown);
      }),
    ],
    [
      'GET',
      new RegExp(`^/api/runs/${ID}/journal$`),
      guard('trainer', 'the journal download', (req, res, [id], q) => {
        runOr404(id!);
        const dir = ctx.data.runDir(id!);
        if (!isNetworkRunDir(dir))
          throw new HttpError(404, `run "${id}" is not a network run of this server`);
        const site = siteParam(q, 'a network run journal');
        const folder = siteDir(dir, site);
        if (listJournalSegments(folder).length === 0)
          throw new HttpError(404, `run "${id}" has no journal for site ${site}`);
        res.writeHead(200, {
          'content-type': 'application/x-ndjson; charset=utf-8',
          'content-disposition': `attachment; filename="${id}-${site}-journal.ndjson"`,
        });
        if (req.method === 'HEAD') return void res.end();
        void streamJournal(folder, res, (line) => line + '\n').then(
          () => res.end(),
          (err: unknown) => res.destroy(err instanceof Error ? err : new Error(String(err))),
        );
      }),
    ],
    [
      'GET',
      /^\/api\/bins\/([A-Za-z0-9-]{1,40})$/,
      guard('anyone', 'the bin inspector', (_q, res, [code], q) => {
        const site = siteParam(q, 'the bin inspector of a network run');
        const detail = ctx.runner.binDetail(site, code!);
        if (!detail) throw new HttpError(404, `unknown bin "${code}" at site ${site}`);
        sendJson(res, 200, detail);
      }),
    ],
  ];

  return createDispatcher({
    routes: [...routes, ...(ctx.feedRoutes ?? [])],
    authLimiter: ctx.authLimiter,
    log: ctx.log,
    unknownApi: (path) => `no such endpoint on a network run: ${path}`,
    page: (req, res, path) => {
      if (hasClient(ctx.clientDir) && serveStatic(ctx.clientDir, req, res)) return true;
      if (path !== '/' && path !== '/index.html' && path !== '/network') return false;
      const html = statusPage(ctx.runner.status(), ctx.runner.overview());
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-length': Buffer.byteLength(html),
      });
      res.end(html);
      return true;
    },
  });
}
