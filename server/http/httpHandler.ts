import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { ScenarioError } from '../scenarioLoader.ts';
import type { DataDir } from '../live/dataDir.ts';
import { runFiles } from '../live/dataDir.ts';
import type { RunIndex } from '../live/runIndex.ts';
import type { LiveRunner } from '../live/runner.ts';
import type { ScenarioLibrary } from '../live/scenarioLibrary.ts';
import type { AccessControl } from '../live/settings.ts';
import { HttpError, sendJson } from './httpErrors.ts';
import { DEFAULT_BODY_LIMIT, readBody } from './readBody.ts';
import { hasClient, serveStatic } from './staticFiles.ts';
import { statusPage } from './statusPage.ts';
import type { FeedContext } from '../feeds/feedContext.ts';
import { feedRoutes } from '../feeds/feedRoutes.ts';

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
}

type Handler = (req: IncomingMessage, res: ServerResponse, params: string[]) => Promise<void> | void;

const ID = '([A-Za-z0-9][A-Za-z0-9_.-]*)';

/**
 * The HTTP side of the live server: health, the scenario library (list, get, validate, upload),
 * runs (list, journal, KPIs), then the built client or a status page. Answers JSON errors:
 * 400 with every problem as path + message, 404 for unknown ids, 413 for oversized bodies.
 */
export function createHttpHandler(ctx: HttpContext): (req: IncomingMessage, res: ServerResponse) => void {
  const routes: [string, RegExp, Handler][] = [
    ['GET', /^\/healthz$/, health],
    ['GET', /^\/api\/scenarios$/, (_q, res) => sendJson(res, 200, { scenarios: ctx.library.list() })],
    ['POST', /^\/api\/scenarios\/validate$/, validate],
    ['POST', /^\/api\/scenarios$/, upload],
    ['GET', new RegExp(`^/api/scenarios/${ID}$`), getScenario],
    ['GET', /^\/api\/runs$/, listRuns],
    ['GET', new RegExp(`^/api/runs/${ID}$`), getRun],
    ['GET', new RegExp(`^/api/runs/${ID}/journal$`), getJournal],
    ['GET', new RegExp(`^/api/runs/${ID}/kpis$`), getKpis],
    ['GET', /^\/api\/bins\/([A-Za-z0-9-]{1,40})$/, getBin],
    ...(ctx.feeds ? feedRoutes(ctx.feeds) : []),
  ];

  function getBin(_req: IncomingMessage, res: ServerResponse, params: string[]): void {
    const code = params[0]!;
    const detail = ctx.runner.binDetail(code);
    if (!detail) throw new HttpError(404, `unknown bin "${code}"`);
    sendJson(res, 200, detail);
  }

  function health(_req: IncomingMessage, res: ServerResponse): void {
    const s = ctx.runner.status();
    const v = ctx.runner.view();
    sendJson(res, 200, { ok: true, run: s.runId, simTime: v.simTime, seq: v.seq, paused: s.paused });
  }

  async function validate(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const v = ctx.library.validate(await readBody(req, ctx.bodyLimit ?? DEFAULT_BODY_LIMIT));
    if (!v.ok) throw new HttpError(400, 'invalid scenario', { ok: false, problems: v.problems });
    sendJson(res, 200, { ok: true, name: v.scenario.name, description: v.scenario.description });
  }

  async function upload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    requireRole(req, ctx.access);
    const r = ctx.library.save(await readBody(req, ctx.bodyLimit ?? DEFAULT_BODY_LIMIT));
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

  function getJournal(_req: IncomingMessage, res: ServerResponse, [id]: string[]): void {
    runOr404(id!);
    const file = runFiles(ctx.data.runDir(id!)).journal;
    if (!existsSync(file)) throw new HttpError(404, `run "${id}" has no journal`);
    // Only whole lines: the live run appends as we read, and a reader must never see half an event.
    const size = statSync(file).size;
    res.writeHead(200, {
      'content-type': 'application/x-ndjson; charset=utf-8',
      'content-disposition': `attachment; filename="${id}-journal.ndjson"`,
    });
    if (size === 0) return void res.end();
    const stream = createReadStream(file, { start: 0, end: size - 1 });
    let tail = Buffer.alloc(0);
    stream.on('data', (c: Buffer | string) => {
      const b = Buffer.concat([tail, typeof c === 'string' ? Buffer.from(c) : c]);
      const nl = b.lastIndexOf(0x0a);
      if (nl < 0) tail = b;
      else {
        res.write(b.subarray(0, nl + 1));
        tail = b.subarray(nl + 1);
      }
    });
    stream.on('end', () => res.end());
    stream.on('error', (err) => res.destroy(err));
  }

  function getKpis(_req: IncomingMessage, res: ServerResponse, [id]: string[]): void {
    runOr404(id!);
    const cur = ctx.runner.currentRun();
    if (cur.id === id) return sendJson(res, 200, cur.kpis());
    const file = runFiles(ctx.data.runDir(id!)).kpis;
    if (!existsSync(file)) throw new HttpError(404, `run "${id}" has no KPIs saved`);
    sendJson(res, 200, JSON.parse(readFileSync(file, 'utf8')) as unknown);
  }

  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    void (async () => {
      for (const [method, re, h] of routes) {
        const m = re.exec(path);
        if (!m) continue;
        if (req.method !== method && !(method === 'GET' && req.method === 'HEAD')) continue;
        await h(req, res, m.slice(1));
        return;
      }
      if (path.startsWith('/api/') || path.startsWith('/epcis/') || path === '/healthz') {
        const allowed = routes.filter(([, re]) => re.test(path)).map(([m]) => m);
        if (allowed.length > 0)
          throw new HttpError(405, `${req.method} not allowed on ${path} (use ${allowed.join(', ')})`);
        throw new HttpError(404, `no such endpoint: ${path}`);
      }
      if (hasClient(ctx.clientDir) && serveStatic(ctx.clientDir, req, res)) return;
      if (path === '/' || path === '/index.html') {
        const cur = ctx.runner.currentRun();
        const html = statusPage({ ...ctx.runner.status(), simTime: cur.simTime }, cur.kpis());
        res.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'content-length': Buffer.byteLength(html),
        });
        res.end(html);
        return;
      }
      throw new HttpError(404, `not found: ${path}`);
    })().catch((err: unknown) => {
      if (err instanceof HttpError) {
        if (!res.headersSent) sendJson(res, err.status, err.body);
        else res.end();
        // Refused bodies are not drained further: closing lets the client see the answer at once.
        if (err.status === 413) res.once('finish', () => req.socket.destroy());
        return;
      }
      ctx.log.error({ err, path }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  };
}

/** Uploads change what trainers can load: they need a trainer or admin token (Bearer). */
function requireRole(req: IncomingMessage, access: AccessControl): void {
  const auth = req.headers.authorization;
  const token = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
  if (!token)
    throw new HttpError(401, 'uploading needs a trainer or admin token (Authorization: Bearer <token>)');
  const role = access.roleOf(token);
  if (role === null) throw new HttpError(401, 'unknown token');
  if (role === 'viewer') throw new HttpError(403, 'the viewer role may not upload scenarios');
}
