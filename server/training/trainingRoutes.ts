import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FeedRoute } from '../feeds/feedRoute.ts';
import { HttpError, sendJson } from '../http/httpErrors.ts';
import { readBody } from '../http/readBody.ts';
import { requireAccess, type RouteAccess } from '../http/routeAccess.ts';
import type { AuthLimiter } from '../live/authLimiter.ts';
import type { AccessControl } from '../live/settings.ts';
import type { TrainingHub } from './trainingHub.ts';
import { assignSchema, createSessionSchema, joinSchema, problemsOf } from './trainingSchemas.ts';
import type { TrainingSession } from './trainingTypes.ts';

/** Largest training request body (they are a few fields). */
const BODY_LIMIT = 4096;

/** What the training routes need from the server. */
export interface TrainingRouteContext {
  hub: TrainingHub;
  access: AccessControl;
  authLimiter: AuthLimiter;
}

/** A session as the API shows it: without the trainees' token hashes. */
export function publicSession(s: TrainingSession): Record<string, unknown> {
  const strip = <T extends { tokenSha256: string }>({ tokenSha256: _h, ...rest }: T) => rest;
  return { ...s, trainees: s.trainees.map(strip), pending: (s.pending ?? []).map(strip) };
}

async function jsonBody<T>(
  req: IncomingMessage,
  schema: {
    safeParse(
      x: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
  },
): Promise<T> {
  const text = await readBody(req, BODY_LIMIT);
  let json: unknown;
  try {
    json = JSON.parse(text === '' ? '{}' : text);
  } catch {
    throw new HttpError(400, 'the body is not JSON', {
      error: 'the body is not JSON',
      problems: [{ path: '/', message: 'not JSON' }],
    });
  }
  const r = schema.safeParse(json);
  if (!r.success)
    throw new HttpError(400, 'invalid request', {
      error: 'invalid request',
      problems: problemsOf(r.error.issues),
    });
  return r.data;
}

const SID = '(S[0-9a-f]{8})';

/**
 * The training API: sessions (trainer or admin), joining by code (anyone: the code is the
 * secret, and failed codes count against the address like failed tokens), and giving a trainee
 * a role. Trainee tokens are not staff tokens: every route here but join refuses them.
 */
export function trainingRoutes(ctx: TrainingRouteContext): FeedRoute[] {
  const guard =
    (need: RouteAccess, what: string, h: FeedRoute[2]): FeedRoute[2] =>
    (req, res, params) => {
      requireAccess(req, ctx.access, need, what);
      return h(req, res, params);
    };
  const sessionOr404 = (id: string): TrainingSession => {
    const s = ctx.hub.store.get(id);
    if (!s) throw new HttpError(404, `unknown session "${id}"`);
    return s;
  };
  return [
    [
      'POST',
      /^\/api\/training\/sessions$/,
      guard('trainer', 'creating training sessions', async (req, res) => {
        const body = await jsonBody(req, createSessionSchema);
        const s = await ctx.hub.createSession(body);
        sendJson(res, 201, { id: s.id, code: s.code, session: publicSession(s) });
      }),
    ],
    [
      'GET',
      /^\/api\/training\/sessions$/,
      guard('trainer', 'the training sessions', (_req, res) =>
        sendJson(res, 200, { sessions: ctx.hub.store.list().map(publicSession) }),
      ),
    ],
    [
      'GET',
      new RegExp(`^/api/training/sessions/${SID}$`),
      guard('trainer', 'a training session', (_req, res, [id]) =>
        sendJson(res, 200, publicSession(sessionOr404(id!))),
      ),
    ],
    [
      'GET',
      new RegExp(`^/api/training/sessions/${SID}/actions$`),
      guard('trainer', 'a session’s handheld actions', (_req, res, [id]) => {
        sessionOr404(id!);
        sendJson(res, 200, { actions: ctx.hub.store.actions(id!) });
      }),
    ],
    [
      'POST',
      new RegExp(`^/api/training/sessions/${SID}/trainees/(T[0-9]{1,3})/role$`),
      guard('trainer', 'giving trainees roles', async (req, res, [id, tid]) => {
        const s = sessionOr404(id!);
        const { role } = await jsonBody(req, assignSchema);
        const t = ctx.hub.assign(s, tid!, role);
        sendJson(res, 200, { trainee: { id: t.id, name: t.name, role: t.role, workerCode: t.workerCode } });
      }),
    ],
    [
      'POST',
      new RegExp(`^/api/training/sessions/${SID}/trainees/(T[0-9]{1,3})/handback$`),
      guard('trainer', 'handing workers back', (_req, res, [id, tid]) => {
        const s = sessionOr404(id!);
        const t = ctx.hub.handBack(s, tid!);
        sendJson(res, 200, { trainee: { id: t.id, workerCode: t.workerCode, handedBackAt: t.handedBackAt } });
      }),
    ],
    [
      'POST',
      /^\/api\/training\/join$/,
      async (req: IncomingMessage, res: ServerResponse) => {
        const address = req.socket.remoteAddress;
        const wait = ctx.authLimiter.blockedFor(address);
        if (wait > 0) {
          res.setHeader('retry-after', String(Math.ceil(wait / 1000)));
          throw new HttpError(429, 'too many failed codes or tokens from this address; retry later');
        }
        const body = await jsonBody(req, joinSchema);
        try {
          const j = ctx.hub.join(body.code, body.name);
          sendJson(res, 201, {
            session: { id: j.session.id, code: j.session.code, scenario: j.session.scenario },
            trainee: j.trainee,
            token: j.token,
          });
        } catch (err) {
          if (err instanceof HttpError && err.status === 404)
            ctx.authLimiter.failed(address, 'training join');
          throw err;
        }
      },
    ],
  ];
}
