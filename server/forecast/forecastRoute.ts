import type { IncomingMessage, ServerResponse } from 'node:http';
import { forkChangeProblems, nextCutoff, type ForkChange } from '../../sim/forecastApi.ts';
import type { Scenario } from '../../sim/index.ts';
import type { FeedRoute } from '../feeds/feedRoute.ts';
import { HttpError, sendJson } from '../http/httpErrors.ts';
import { readBody } from '../http/readBody.ts';
import { requireAccess } from '../http/routeAccess.ts';
import type { AccessControl } from '../live/settings.ts';
import type { LiveRunner } from '../live/runner.ts';
import type { RunIndex } from '../live/runIndex.ts';
import { formatIssues, locateJsonError, type Problem } from '../scenarioProblems.ts';
import {
  MAX_FORECAST_HOURS,
  MAX_FORECAST_REPLICATION_HOURS,
  forecastRequestSchema,
  type ForecastRequest,
} from './forecastRequest.ts';
import { ForecastBusyError, ForecastTimeoutError, type ForecastService } from './forecastService.ts';

const HOUR = 3_600_000;
/** Forecast requests are a few hundred bytes. */
const FORECAST_BODY_LIMIT = 16 * 1024;

/** What the forecast route reads. */
export interface ForecastContext {
  runner: LiveRunner;
  access: AccessControl;
  forecasts: ForecastService;
  /** The server's runs: an id not among them is unknown (404), not a conflict. */
  index: Pick<RunIndex, 'get'>;
}

function invalid(problems: Problem[]): HttpError {
  return new HttpError(400, 'invalid forecast request', {
    ok: false,
    error: 'invalid forecast request',
    problems,
  });
}

/** The horizon a request names, in sim time, or the problem with it. */
export function resolveHorizon(
  req: ForecastRequest,
  scenario: Scenario,
  now: number,
): { at: number; kind: 'cutoff' | 'time' } | Problem {
  const h = req.horizon;
  if (h === 'next-cutoff') {
    const at = nextCutoff(scenario, now);
    if (at === null)
      return {
        path: 'horizon',
        message: `scenario "${scenario.name}" has no carrier departures (no packing block); give {"hours": …} or {"simTime": …}`,
      };
    return { at, kind: 'cutoff' };
  }
  const at = 'hours' in h ? now + Math.round(h.hours * HOUR) : h.simTime;
  if (at <= now) return { path: 'horizon.simTime', message: `${at} is not after the live run's time ${now}` };
  if (at - now > MAX_FORECAST_HOURS * HOUR)
    return {
      path: 'horizon.simTime',
      message: `${((at - now) / HOUR).toFixed(1)} h ahead is beyond the limit of ${MAX_FORECAST_HOURS} h`,
    };
  return { at, kind: 'time' };
}

/**
 * `POST /api/runs/:id/forecast` (trainer or admin): forks the live run where it stands and runs
 * the request's replications ahead on the forecast pool; answers the result (and pushes it to
 * every viewer as `forecast.result`). 400 with path + message for a bad or too large request,
 * 404 for a run id the server does not know, 409 for a known run that is not the live one, 429 while another forecast runs, 503 past the time bound.
 */
export function forecastRoutes(ctx: ForecastContext): FeedRoute[] {
  async function forecast(req: IncomingMessage, res: ServerResponse, [id]: string[]): Promise<void> {
    const role = requireAccess(req, ctx.access, 'trainer', 'forecasts') ?? 'trainer';
    const live = ctx.runner.status().runId;
    if (id !== live && !ctx.index.get(id!)) throw new HttpError(404, `unknown run "${id}"`);
    const text = await readBody(req, FORECAST_BODY_LIMIT);
    let raw: unknown;
    try {
      raw = text.trim() === '' ? {} : JSON.parse(text);
    } catch (err) {
      const at = locateJsonError(text, err);
      throw invalid([{ path: `line ${at.line}:${at.column}`, message: at.reason }]);
    }
    const parsed = forecastRequestSchema.safeParse(raw);
    if (!parsed.success) throw invalid(formatIssues(parsed.error.issues, raw));
    const request = parsed.data;
    if (id !== live)
      throw new HttpError(409, `run "${id}" is not the live run ("${live}"); a forecast forks the live run`);
    // One synchronous read on the event loop: the snapshot is the state the forecast forks.
    const { scenario, snapshotJson, now } = ctx.runner.read((engine) => ({
      scenario: ctx.runner.currentRun().scenario,
      snapshotJson: JSON.stringify(engine.snapshot()),
      now: engine.now(),
    }));
    const change: ForkChange | null = request.change ?? null;
    const problems = change ? forkChangeProblems(scenario, change) : [];
    const horizon = resolveHorizon(request, scenario, now);
    if ('path' in horizon) problems.push(horizon);
    else {
      const cost = request.replications * (change ? 2 : 1) * ((horizon.at - now) / HOUR);
      if (cost > MAX_FORECAST_REPLICATION_HOURS)
        problems.push({
          path: 'replications',
          message: `${request.replications} replications × ${change ? 2 : 1} arm(s) × ${((horizon.at - now) / HOUR).toFixed(1)} h ahead = ${Math.round(cost)} replication-hours, over the limit of ${MAX_FORECAST_REPLICATION_HOURS}; ask for fewer replications or a nearer horizon`,
        });
    }
    if (problems.length > 0 || 'path' in horizon) throw invalid(problems);
    try {
      const result = await ctx.forecasts.run({
        runId: live,
        scenarioJson: JSON.stringify(scenario),
        snapshotJson,
        from: now,
        horizon: horizon.at,
        horizonKind: horizon.kind,
        replications: request.replications,
        level: request.level,
        change,
        requestedBy: role,
      });
      sendJson(res, 200, result);
    } catch (err) {
      if (err instanceof ForecastBusyError) {
        res.setHeader('retry-after', '5');
        throw new HttpError(429, err.message);
      }
      if (err instanceof ForecastTimeoutError) throw new HttpError(503, err.message);
      throw err;
    }
  }
  return [['POST', /^\/api\/runs\/([A-Za-z0-9][A-Za-z0-9_.-]*)\/forecast$/, forecast]];
}
