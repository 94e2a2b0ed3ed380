import { debriefRoutes } from '../training/debriefRoutes.ts';
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { ScenarioError } from '../scenarioLoader.ts';
import type { Scenario } from '../../sim/index.ts';
import type { BinDetailResponse, ScenarioListResponse } from '../../sim/viewApi.ts';
import type { DataDir } from '../live/dataDir.ts';
import { runFiles } from '../live/dataDir.ts';
import type { RunIndex } from '../live/runIndex.ts';
import type { LiveRunner } from '../live/runner.ts';
import { createDispatcher } from './dispatch.ts';
import type { ScenarioLibrary } from '../live/scenarioLibrary.ts';
import type { AccessControl } from '../live/settings.ts';
import { HttpError, sendJson } from './httpErrors.ts';
import { DEFAULT_BODY_LIMIT, readBody } from './readBody.ts';
import { hasClient, serveStatic } from './staticFiles.ts';
import { statusPage } from './statusPage.ts';
import { requireAccess, type RouteAccess } from './routeAccess.ts';
import type { AuthLimiter } from '../live/authLimiter.ts';
import { streamJournal } from './journalStream.ts';
import { listJournalSegments } from '../live/journalSegments.ts';
import type { FeedContext } from '../feeds/feedContext.ts';
import { feedRoutes } from '../feeds/feedRoutes.ts';
import type { ForecastService } from '../forecast/forecastService.ts';
import { forecastRoutes } from '../forecast/forecastRoute.ts';
import { trainingRoutes, type TrainingRouteContext } from '../training/trainingRoutes.ts';
import { kitRoutes } from '../training/kitPages.ts';
import { trainerRoutes } from '../training/trainerRoutes.ts';

/** What the HTTP API reads and writes. */
export interface HttpContext {
  runner: LiveRunner;
  index: RunIndex;
  library: ScenarioLibrary;
  access: AccessControl;
  data: DataDir;
  /** The built web client (dist/client); a status page stands in while it does not exist. */
  clientDir: string;
  log: Logger;
  bodyLimit?: number;
  /** Scanner and EPCIS feeds (server/feeds); their routes are added when present. */
  feeds?: FeedContext;
  /** Fork-from-now forecasts; the forecast route is added when present. */
  forecasts?: ForecastService;
  /** Failed-token limiter (per address), shared with the sockets. */
  authLimiter: AuthLimiter;
  /** Training sessions and joining (server/training); their routes are added when present. */
  training?: Omit<TrainingRouteContext, 'access' | 'authLimiter'>;
  /** Refuses a scenario over the size budgets (problems as path + message), or null when it fits. */
  budgetProblems?: (scenario: Scenario) => { path: string; message: string }[];
}

type Handler = (req: IncomingMessage, res: ServerResponse, params: string[]) => Promise<void> | void;

const ID = '([A-Za-z0-9][A-Za-z0-9_.-]*)';

/**
 * The HTTP side of the live server: health, the scenario library (list, get, validate, upload),
 * runs (list, journal, KPIs), then the built client or a status page. Answers JSON errors:
 * 400 with every problem as path + message, 404 for unknown ids, 413 for oversized bodies.
 */
export function createHttpHandler(ctx: HttpContext): (req: IncomingMessage, res: ServerResponse) => void {
  // Who may call what (README, "Live server → Access"): the floor view's own needs are open,
  // everything that reads the business record or changes the library needs a token.
  const guard =
    (need: RouteAccess, what: string, h: Handler): Handler =>
    (req, res, params) => {
      requireAccess(req, ctx.access, need, what);
      return h(req, res, params);
    };
  const routes: [string, RegExp, Handler][] = [
    ['GET', /^\/healthz$/, health],
    [
      'GET',
      /^\/api\/scenarios$/,
      guard('reader', 'the scenario list', (_q, res) =>
        sendJson(res, 200, { scenarios: ctx.library.list() } satisfies ScenarioListResponse),
      ),
    ],
    ['POST', /^\/api\/scenarios\/validate$/, guard('trainer', 'scenario validation', validate)],
    ['POST', /^\/api\/scenarios$/, guard('trainer', 'uploading scenarios', upload)],
    ['GET', new RegExp(`^/api/scenarios/${ID}$`), guard('reader', 'a scenario file', getScenario)],
    ['GET', /^\/api\/runs$/, guard('reader', 'the run list', listRuns)],
    ['GET', new RegExp(`^/api/runs/${ID}$`), guard('reader', 'a run', getRun)],
    ['GET', new RegExp(`^/api/runs/${ID}/journal$`), guard('trainer', 'the journal download', getJournal)],
    ['GET', new RegExp(`^/api/runs/${ID}/kpis$`), guard('reader', 'run KPIs', getKpis)],
    // The floor view's bin inspector: the same data class an anonymous viewer's stream carries.
    ['GET', /^\/api\/bins\/([A-Za-z0-9-]{1,40})$/, guard('anyone', 'the bin inspector', getBin)],
    ...(ctx.feeds ? feedRoutes(ctx.feeds) : []),
    ...(ctx.forecasts
      ? forecastRoutes({ runner: ctx.runner, access: ctx.access, forecasts: ctx.forecasts, index: ctx.index })
      : []),
    ...(ctx.training
      ? trainingRoutes({ ...ctx.training, access: ctx.access, authLimiter: ctx.authLimiter })
      : []),
    // The floor kit: printable bin and item labels for a class with real scanners.
    ...kitRoutes(ctx.runner),
    ...trainerRoutes(ctx),
    ...debriefRoutes(ctx),
  ];

  function getBin(_req: IncomingMessage, res: ServerResponse, params: string[]): void {
    const code = params[0]!;
    const detail = ctx.runner.binDetail(code);
    if (!detail) throw new HttpError(404, `unknown bin "${code}"`);
    sendJson(res, 200, detail satisfies BinDetailResponse);
  }

  function health(_req: IncomingMessage, res: ServerResponse): void {
    const s = ctx.runner.status();
    const v = ctx.runner.view();
    sendJson(res, 200, { ok: true, run: s.runId, simTime: v.simTime, seq: v.seq, paused: s.paused });
  }

  async function validate(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const v = ctx.library.validate(await readBody(req, ctx.bodyLimit ?? DEFAULT_BODY_LIMIT));
    if (!v.ok) throw new HttpError(400, 'invalid scenario', { ok: false, problems: v.problems });
    const over = ctx.budgetProblems?.(v.scenario) ?? [];
    if (over.length > 0) throw new HttpError(400, 'scenario over budget', { ok: false, problems: over });
    sendJson(res, 200, { ok: true, name: v.scenario.name, description: v.scenario.description });
  }

  async function upload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req, ctx.bodyLimit ?? DEFAULT_BODY_LIMIT);
    // Budgets before storing: a 4 KB file can describe 51.9 M bins (issue 11, finding 8).
    const v = ctx.library.validate(text);
    const over = v.ok ? (ctx.budgetProblems?.(v.scenario) ?? []) : [];
    if (over.length > 0) throw new HttpError(400, 'scenario over budget', { ok: false, problems: over });
    const r = ctx.library.save(text);
    if (!r.ok) throw new HttpError(400, 'invalid scenario', { ok: false, problems: r.problems });
    ctx.log.info({ scenario: r.name, replaced: r.replaced }, 'scenario uploaded');
    sendJson(res, r.replaced ? 200 : 201, { ok: true, name: r.name, replaced: r.replaced });
  }

  function getScenario(_req: IncomingMessage, res: ServerResponse, [name]: string[]): void {
    try {
      const s = ctx.library.get(name!);
      sendJson(res, 200, { name: s.name, origin: s.origin, scenario: JSON.parse(s.text) as unknown });
    } catch (err) {
      if (err instanceof ScenarioError && err.kind === 'unknown-name')
        throw new HttpError(404, `unknown scenario "${name}"`);
      if (err instanceof ScenarioError)
        throw new HttpError(500, `stored scenario "${name}" does not load`, {
          error: err.message,
          problems: err.problems,
        });
      throw err;
    }
  }

  function listRuns(_req: IncomingMessage, res: ServerResponse): void {
    const current = ctx.runner.status().runId;
    sendJson(res, 200, { current, runs: ctx.index.list().map((r) => ({ ...r, current: r.id === current })) });
  }

  function runOr404(id: string): ReturnType<RunIndex['list']>[number] {
    const r = ctx.index.get(id);
    if (!r) throw new HttpError(404, `unknown run "${id}"`);
    return r;
  }

  function getRun(_req: IncomingMessage, res: ServerResponse, [id]: string[]): void {
    const r = runOr404(id!);
    const live = r.id === ctx.runner.status().runId;
    sendJson(
      res,
      200,
      live ? { ...r, status: 'running', simTime: ctx.runner.view().simTime, pacing: ctx.runner.status() } : r,
    );
  }

  function getJournal(req: IncomingMessage, res: ServerResponse, [id]: string[]): void {
    runOr404(id!);
    const folder = ctx.data.runDir(id!);
    if (listJournalSegments(folder).length === 0) throw new HttpError(404, `run "${id}" has no journal`);
    res.writeHead(200, {
      'content-type': 'application/x-ndjson; charset=utf-8',
      'content-disposition': `attachment; filename="${id}-journal.ndjson"`,
    });
    if (req.method === 'HEAD') return void res.end();
    // Whole lines only (the live run appends as we read), with backpressure: memory stays
    // bounded. Every segment in order, archived (gzipped) ones decompressed on the fly.
    void streamJournal(folder, res, (line) => line + '\n').then(
      () => res.end(),
      (err: unknown) => res.destroy(err instanceof Error ? err : new Error(String(err))),
    );
  }

  function getKpis(_req: IncomingMessage, res: ServerResponse, [id]: string[]): void {
    runOr404(id!);
    const cur = ctx.runner.currentRun();
    if (cur.id === id) return sendJson(res, 200, cur.kpis());
    const file = runFiles(ctx.data.runDir(id!)).kpis;
    if (!existsSync(file)) throw new HttpError(404, `run "${id}" has no KPIs saved`);
    sendJson(res, 200, JSON.parse(readFileSync(file, 'utf8')) as unknown);
  }

  return createDispatcher({
    routes,
    authLimiter: ctx.authLimiter,
    log: ctx.log,
    unknownApi: (path) => `no such endpoint: ${path}`,
    page: (req, res, path) => {
      if (hasClient(ctx.clientDir) && serveStatic(ctx.clientDir, req, res)) return true;
      if (path !== '/' && path !== '/index.html') return false;
      const cur = ctx.runner.currentRun();
      const html = statusPage({ ...ctx.runner.status(), simTime: cur.simTime }, cur.kpis());
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-length': Buffer.byteLength(html),
      });
      res.end(html);
      return true;
    },
  });
}
