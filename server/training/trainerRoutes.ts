import type { IncomingMessage, ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { HttpError, sendJson } from '../http/httpErrors.ts';
import { DEFAULT_BODY_LIMIT, readBody } from '../http/readBody.ts';
import { requireAccess } from '../http/routeAccess.ts';
import type { AccessControl } from '../live/settings.ts';
import type { DataDir } from '../live/dataDir.ts';
import type { LiveRunner } from '../live/runner.ts';
import { formatIssues } from '../scenarioProblems.ts';
import { REWIND_DEFAULTS } from '../live/rewindPoints.ts';
import { ExerciseError } from './loadExercise.ts';
import { exerciseLibrary } from './exerciseLibrary.ts';
import { saveExerciseBody, saveRewindPointAsExercise } from './saveExercise.ts';
import { TASK_CAUSES } from './exerciseSchema.ts';
import { sessionScores } from './sessionScores.ts';
import type { TrainingHub } from './trainingHub.ts';
import { sessionTimeline } from './sessionTimeline.ts';
import { appendTrainerLog, readSession, sessionDir } from './trainerLogFile.ts';

// The trainer console's routes (issue 14), all trainer or admin: exercises, rewind points and
// rewinds, messages and injections into a trainee's next task, live scores and the debrief
// timeline of a session. The session itself (create, join) is the session store's.

/** What the trainer routes use of the HTTP context (kept narrow: no import back into the handler). */
export interface TrainerRouteContext {
  runner: LiveRunner;
  access: AccessControl;
  data: DataDir;
  bodyLimit?: number;
  /** The live training hub, when the server has one: messages reach the trainees' handhelds. */
  training?: { hub: Pick<TrainingHub, 'message' | 'touched'> };
}

type Handler = (req: IncomingMessage, res: ServerResponse, params: string[]) => Promise<void> | void;

const SESSION = '(S[0-9a-f]{8})';

const rewindBody = z.strictObject({ simMs: z.number().int().nonnegative(), session: z.string().optional() });
const rewindSettingsBody = z.strictObject({
  everyMinutes: z
    .number()
    .min(0)
    .max(24 * 60),
  keep: z.number().int().min(1).max(500).default(REWIND_DEFAULTS.keep),
});
const runBody = z.strictObject({ action: z.enum(['pause', 'resume']), session: z.string().optional() });
const messageBody = z.strictObject({
  traineeId: z
    .string()
    .regex(/^T\d+$/)
    .nullable(),
  text: z.string().min(1).max(280),
});
const injectBody = z.strictObject({
  traineeId: z.string().regex(/^T\d+$/),
  cause: z.enum(TASK_CAUSES as [string, ...string[]]),
});

/** Reads and validates a JSON body; 400 with every problem as path + message. */
export async function body<T extends z.ZodType>(
  ctx: Pick<TrainerRouteContext, 'bodyLimit'>,
  req: IncomingMessage,
  schema: T,
): Promise<z.output<T>> {
  const text = await readBody(req, ctx.bodyLimit ?? DEFAULT_BODY_LIMIT);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'body is not JSON', {
      ok: false,
      problems: [{ path: '(root)', message: 'not JSON' }],
    });
  }
  const r = schema.safeParse(data);
  if (!r.success)
    throw new HttpError(400, 'invalid request', { ok: false, problems: formatIssues(r.error.issues, data) });
  return r.data;
}

export { readRunJournal } from './runJournal.ts';

/** The trainer console's routes, for the HTTP handler's table. */
export function trainerRoutes(ctx: TrainerRouteContext): [string, RegExp, Handler][] {
  const trainer =
    (what: string, h: Handler): Handler =>
    (req, res, params) => {
      requireAccess(req, ctx.access, 'trainer', what);
      return h(req, res, params);
    };
  const session = (id: string): { dir: string; s: NonNullable<ReturnType<typeof readSession>> } => {
    const dir = sessionDir(ctx.data.root, id);
    const s = existsSync(dir) ? readSession(dir) : null;
    if (!s) throw new HttpError(404, `unknown session "${id}"`);
    return { dir, s };
  };
  const simNow = (): number => ctx.runner.view().simTime;
  const library = exerciseLibrary(ctx.data.root);
  return [
    [
      'GET',
      /^\/api\/training\/exercises$/,
      trainer('the exercise list', (_q, res) => {
        const exercises = library.list().map(({ name, origin }) => {
          try {
            const { exercise: x, start } = library.load(name);
            return {
              name,
              origin,
              title: x.title,
              scenario: x.scenario,
              speed: x.speed,
              startMinutes: Math.max(x.start.minutes, (start?.checkpoint.simTime ?? 0) / 60_000),
              ...(x.start.snapshot !== undefined ? { snapshot: x.start.snapshot } : {}),
              roles: x.roles,
              objectives: x.objectives,
            };
          } catch (err) {
            return { name, origin, error: err instanceof ExerciseError ? err.message : String(err) };
          }
        });
        sendJson(res, 200, { exercises });
      }),
    ],
    [
      'POST',
      new RegExp(`^/api/training/sessions/${SESSION}/save-exercise$`),
      trainer('saving a rewind point as an exercise', async (req, res, [id]) => {
        const { s } = session(id!);
        const b = await body(ctx, req, saveExerciseBody);
        const run = ctx.runner.currentRun();
        const saved = saveRewindPointAsExercise({
          session: s,
          liveRunId: run.id,
          runFolder: run.folder,
          library,
          body: b,
        });
        sendJson(res, 201, { ok: true, name: saved.name });
      }),
    ],
    [
      'GET',
      /^\/api\/training\/rewind-points$/,
      trainer('rewind points', (_q, res) =>
        sendJson(res, 200, { simTime: simNow(), points: ctx.runner.rewindPoints() }),
      ),
    ],
    [
      'POST',
      /^\/api\/training\/rewind-settings$/,
      trainer('rewind settings', async (req, res) => {
        const b = await body(ctx, req, rewindSettingsBody);
        ctx.runner.setRewind(
          b.everyMinutes === 0 ? null : { everyMs: Math.round(b.everyMinutes * 60_000), keep: b.keep },
        );
        sendJson(res, 200, { ok: true, everyMinutes: b.everyMinutes, keep: b.keep });
      }),
    ],
    [
      'POST',
      /^\/api\/training\/rewind$/,
      trainer('rewinding the run', async (req, res) => {
        const b = await body(ctx, req, rewindBody);
        const target = b.session !== undefined ? session(b.session) : null;
        const from = simNow();
        const r = await ctx.runner.rewindTo(b.simMs);
        if (!r.ok) throw new HttpError(409, r.message);
        if (target)
          appendTrainerLog(target.dir, {
            simMs: from,
            wallIso: new Date().toISOString(),
            by: 'trainer',
            kind: 'rewind',
            toSimMs: b.simMs,
          });
        if (target) ctx.training?.hub.touched(target.s.id);
        sendJson(res, 200, { ok: true, simMs: r.simMs });
      }),
    ],
    [
      'POST',
      /^\/api\/training\/run$/,
      trainer('pausing or resuming the run', async (req, res) => {
        const b = await body(ctx, req, runBody);
        const target = b.session !== undefined ? session(b.session) : null;
        const r = await ctx.runner.control({
          type: b.action === 'pause' ? 'control.pause' : 'control.resume',
        });
        if (r.type === 'control.error') throw new HttpError(409, r.message);
        if (target)
          appendTrainerLog(target.dir, {
            simMs: simNow(),
            wallIso: new Date().toISOString(),
            by: 'trainer',
            kind: b.action,
          });
        // The trainer-log line is in the session's timeline: the console is pushed it.
        if (target) ctx.training?.hub.touched(target.s.id);
        sendJson(res, 200, { ok: true, paused: ctx.runner.status().paused });
      }),
    ],
    [
      'POST',
      new RegExp(`^/api/training/sessions/${SESSION}/message$`),
      trainer('messaging a trainee', async (req, res, [id]) => {
        const { dir, s } = session(id!);
        const b = await body(ctx, req, messageBody);
        if (b.traineeId !== null && !s.trainees.some((t) => t.id === b.traineeId))
          throw new HttpError(400, 'invalid request', {
            ok: false,
            problems: [{ path: 'traineeId', message: `no trainee "${b.traineeId}" in session ${s.id}` }],
          });
        const rec = appendTrainerLog(dir, {
          simMs: simNow(),
          wallIso: new Date().toISOString(),
          by: 'trainer',
          kind: 'message',
          traineeId: b.traineeId,
          text: b.text,
        });
        ctx.training?.hub.message({
          sessionId: s.id,
          traineeId: b.traineeId,
          text: b.text,
          by: 'trainer',
          simMs: rec.simMs,
        });
        sendJson(res, 200, { ok: true, record: rec });
      }),
    ],
    [
      'POST',
      new RegExp(`^/api/training/sessions/${SESSION}/inject$`),
      trainer('injecting into a trainee’s task', async (req, res, [id]) => {
        const { dir, s } = session(id!);
        const b = await body(ctx, req, injectBody);
        const t = s.trainees.find((x) => x.id === b.traineeId);
        if (!t)
          throw new HttpError(400, 'invalid request', {
            ok: false,
            problems: [{ path: 'traineeId', message: `no trainee "${b.traineeId}" in session ${s.id}` }],
          });
        const r = await ctx.runner.injectFor(t.workerCode, b.cause);
        const rec = appendTrainerLog(dir, {
          simMs: simNow(),
          wallIso: new Date().toISOString(),
          by: 'trainer',
          kind: 'inject',
          traineeId: t.id,
          workerCode: t.workerCode,
          cause: b.cause,
          ok: r.ok,
          message: r.message,
        });
        ctx.training?.hub.touched(s.id);
        if (!r.ok) throw new HttpError(409, r.message);
        sendJson(res, 200, { ok: true, message: r.message, record: rec });
      }),
    ],
    [
      'GET',
      new RegExp(`^/api/training/sessions/${SESSION}/scores$`),
      trainer('session scores', (_q, res, [id]) => {
        const { dir, s } = session(id!);
        if (s.exercise === null)
          throw new HttpError(409, `session ${s.id} is free play: it has no exercise to score against`);
        const { exercise } = library.load(s.exercise);
        const { session: id2, simTime, passMark, scores } = sessionScores(ctx.runner, dir, s, exercise);
        sendJson(res, 200, {
          session: id2,
          simTime,
          passMark,
          scores,
        });
      }),
    ],
    [
      'GET',
      new RegExp(`^/api/training/sessions/${SESSION}/timeline$`),
      trainer('the debrief timeline', (_q, res, [id]) => {
        const { dir, s } = session(id!);
        const t = sessionTimeline(ctx.runner, library, dir, s);
        sendJson(res, 200, {
          session: s.id,
          startSimMs: t.startSimMs,
          runStartSimMs: t.runStartSimMs,
          trainees: s.trainees,
          rewindPoints: ctx.runner.rewindPoints(),
          items: t.items,
        });
      }),
    ],
  ];
}
