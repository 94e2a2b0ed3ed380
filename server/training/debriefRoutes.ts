import type { IncomingMessage, ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { HttpError, sendJson } from '../http/httpErrors.ts';
import { requireAccess } from '../http/routeAccess.ts';
import { DebriefError, debriefStateAt, ledgerDifferences, viewToJson } from './debriefState.ts';
import { appendTrainerLog, readSession, sessionDir } from './trainerLogFile.ts';
import { body, type TrainerRouteContext } from './trainerRoutes.ts';

// Debrief and floor-change routes of the trainer console (issue 14): the floor of a session's run
// at a scrubbed sim time (rebuilt by debriefState.ts, read-only), and the trainer's "start a wave"
// and "lock an aisle" buttons (engine commands through the runner, logged in the trainer log).

type Handler = (req: IncomingMessage, res: ServerResponse, params: string[]) => Promise<void> | void;

const floorBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('wave.release'), session: z.string().optional() }),
  z.strictObject({
    action: z.enum(['aisle.lock', 'aisle.unlock']),
    aisle: z.string().regex(/^[A-Za-z]+-\d{2}$/, 'an aisle code like A-03'),
    session: z.string().optional(),
  }),
]);

/** The debrief floor and floor-change routes, for the HTTP handler's table. */
export function debriefRoutes(ctx: TrainerRouteContext): [string, RegExp, Handler][] {
  const trainer =
    (what: string, h: Handler): Handler =>
    (req, res, params) => {
      requireAccess(req, ctx.access, 'trainer', what);
      return h(req, res, params);
    };
  return [
    [
      'GET',
      /^\/api\/training\/sessions\/(S[0-9a-f]{8})\/floor$/,
      trainer('the debrief floor', (req, res, [id]) => {
        const dir = sessionDir(ctx.data.root, id!);
        const s = existsSync(dir) ? readSession(dir) : null;
        if (!s) throw new HttpError(404, `unknown session "${id}"`);
        const q = new URL(req.url ?? '/', 'http://x').searchParams;
        const t = Number(q.get('t'));
        if (!q.has('t') || !Number.isInteger(t) || t < 0)
          throw new HttpError(400, 'invalid request', {
            ok: false,
            problems: [{ path: 't', message: 'a sim time in whole ms (t=0 or more)' }],
          });
        const live = ctx.runner.currentRun();
        const runId = s.runId ?? live.id;
        const folder = runId === live.id ? live.folder : ctx.data.runDir(runId);
        try {
          const d = debriefStateAt(folder, t, runId === live.id ? live.simTime : undefined);
          const status = {
            runId,
            scenario: d.scenario.name,
            seed: d.seed,
            speed: 1,
            paused: true,
            until: null,
          };
          const view = d.engine.project(status, 0);
          sendJson(res, 200, {
            session: s.id,
            simTime: t,
            from: d.from,
            replayed: d.replayed,
            differences: ledgerDifferences(view),
            view: viewToJson(view),
          });
        } catch (err) {
          if (err instanceof DebriefError) throw new HttpError(409, err.message);
          throw err;
        }
      }),
    ],
    [
      'POST',
      /^\/api\/training\/floor$/,
      trainer('changing the floor', async (req, res) => {
        const b = await body(ctx, req, floorBody);
        const simMs = ctx.runner.currentRun().simTime;
        const r = await ctx.runner.floorCommand(
          b.action === 'wave.release' ? { type: b.action } : { type: b.action, aisle: b.aisle },
        );
        if (b.session !== undefined) {
          const dir = sessionDir(ctx.data.root, b.session);
          if (existsSync(dir) && readSession(dir))
            appendTrainerLog(dir, {
              simMs,
              wallIso: new Date().toISOString(),
              by: 'trainer',
              kind: 'floor',
              action: b.action,
              ...(b.action === 'wave.release' ? {} : { aisle: b.aisle }),
              ok: r.ok,
              message: r.message,
            });
          // The line is in the session's timeline: the console is pushed it.
          ctx.training?.hub.touched(b.session);
        }
        if (!r.ok) throw new HttpError(409, r.message);
        sendJson(res, 200, { ok: true, message: r.message });
      }),
    ],
  ];
}
