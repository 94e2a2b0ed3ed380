import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { HandheldScreen } from '../../sim/handheldApi.ts';
import type {
  TrainingPointsMessage,
  TrainingScoresMessage,
  TrainingTimelineMessage,
  TrainingTraineesMessage,
  WatchTrainingReply,
} from '../../sim/view/protocol.ts';
import { connectClient, startTestServer, TEST_TOKENS, waitFor } from '../live/testServer.ts';
import { authedJson } from '../../test/authedJson.ts';

// The trainer console's state over the stream. The scoreboard: a console watching a session gets
// its scores at once and again after each scored action (a refused handheld entry, a hint),
// never on a timer; an anonymous viewer cannot join the room, and a trainee's token does not open
// the stream. The trainees, rewind points and timeline: at once, then after a join, a role, a
// message, a new rewind point, each equal to its route, and nothing while the class is idle.

let srv: Awaited<ReturnType<typeof startTestServer>>;
const sockets: Socket[] = [];

beforeAll(async () => {
  srv = await startTestServer({ speed: 60, paused: false, until: null });
}, 120_000);
afterAll(async () => {
  for (const s of sockets) s.close();
  await srv.stop();
});

function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Record<string, unknown>> {
  return authedJson(srv.url, TEST_TOKENS.trainer, method, path, body);
}

const open = (path: string, auth: Record<string, unknown> = {}): Socket => {
  const s = connectClient(srv.url + path, auth);
  sockets.push(s);
  return s;
};

const watch = (s: Socket, session: string): Promise<WatchTrainingReply> =>
  new Promise((resolve) => s.emit('training.watch', { type: 'training.watch', session }, resolve));

describe('the scoreboard pushed over the socket', () => {
  it('reaches the watching trainer after each scored action, and only trainers may watch', async () => {
    const created = await call('POST', '/api/training/sessions', {
      scenario: 'demo-dc',
      exercise: 'class-receiver-picker',
      speed: 60,
    });
    const sid = String(created['id']);
    const joined = (await fetch(srv.url + '/api/training/join', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: created['code'], name: 'Pat' }),
    }).then((r) => r.json())) as { token: string; trainee: { id: string } };
    await call('POST', `/api/training/sessions/${sid}/trainees/${joined.trainee.id}/role`, {
      role: 'picker',
    });

    const trainer = open('/', { token: TEST_TOKENS.trainer });
    const boards: TrainingScoresMessage[] = [];
    trainer.on('training.scores', (m: TrainingScoresMessage) => boards.push(m));
    expect(await watch(trainer, sid)).toEqual({ ok: true, session: sid });
    await waitFor(() => boards.length === 1, 'the scoreboard on watching');
    expect(boards[0]!.session).toBe(sid);
    expect(boards[0]!.scores.map((x) => [x.traineeId, x.refused, x.hints])).toEqual([['T1', 0, 0]]);

    // An anonymous viewer is refused the room and hears nothing of the session.
    const viewer = open('/');
    const overheard: unknown[] = [];
    viewer.on('training.scores', (m: unknown) => overheard.push(m));
    const refused = await watch(viewer, sid);
    expect(refused.ok).toBe(false);
    // A trainee's token is no staff token: the stream refuses the connection outright.
    const trainee = open('/', { token: joined.token });
    const why = await new Promise<string>((resolve) =>
      trainee.on('connect_error', (e) => resolve(e.message)),
    );
    expect(why).toMatch(/invalid token/);
    trainee.close();

    // A scored action: a wrong bin label on the handheld is refused, and the push says so.
    const rf = open('/rf', { token: joined.token });
    let screen: HandheldScreen | null = null;
    rf.on('rf.screen', (x: HandheldScreen | null) => (screen = x));
    await waitFor(() => screen?.input === 'binLabel', 'the picker at a face', 60_000);
    const at = screen!;
    const wrong = at.kit.find((k) => k.kind === 'bin' && k.title !== at.task?.bin)!;
    const reply = await new Promise<{ outcome: { ok: boolean } }>((resolve) =>
      rf.emit('rf.entry', { input: 'binLabel', raw: wrong.data, via: 'kit' }, resolve),
    );
    expect(reply.outcome.ok).toBe(false);
    await waitFor(() => boards.at(-1)!.scores[0]!.refused === 1, 'the push after the refused entry');
    const afterEntry = boards.length;

    // Another: a trainer hint costs points; the push carries the lower score.
    await call('POST', `/api/training/sessions/${sid}/message`, { traineeId: 'T1', text: 'look again' });
    await waitFor(() => boards.at(-1)!.scores[0]!.hints === 1, 'the push after the hint');
    expect(boards.length).toBe(afterEntry + 1);
    expect(boards.at(-1)!.scores[0]!.score).toBeLessThan(boards[afterEntry - 1]!.scores[0]!.score);
    // The push equals what the scores route says now.
    const route = (await call('GET', `/api/training/sessions/${sid}/scores`))['scores'];
    expect(boards.at(-1)!.scores).toEqual(route);

    // Nothing changes while the run is paused and nobody acts: no push (it is not on a timer).
    await call('POST', '/api/training/run', { action: 'pause', session: sid });
    await new Promise((r) => setTimeout(r, 100));
    const quiet = boards.length;
    await new Promise((r) => setTimeout(r, 600));
    expect(boards.length).toBe(quiet);
    expect(overheard).toEqual([]);
  }, 240_000);

  it('pushes the trainees, rewind points and timeline when they change, and nothing while idle', async () => {
    // Free play: no scoreboard, but the console still follows the class.
    const created = await call('POST', '/api/training/sessions', {
      scenario: 'demo-dc',
      exercise: null,
      speed: 60,
    });
    const sid = String(created['id']);
    await call('POST', '/api/training/run', { action: 'pause', session: sid });
    const trainer = open('/', { token: TEST_TOKENS.trainer });
    const got = {
      scores: [] as TrainingScoresMessage[],
      trainees: [] as TrainingTraineesMessage[],
      points: [] as TrainingPointsMessage[],
      timeline: [] as TrainingTimelineMessage[],
    };
    trainer.on('training.scores', (m: TrainingScoresMessage) => got.scores.push(m));
    trainer.on('training.trainees', (m: TrainingTraineesMessage) => got.trainees.push(m));
    trainer.on('training.points', (m: TrainingPointsMessage) => got.points.push(m));
    trainer.on('training.timeline', (m: TrainingTimelineMessage) => got.timeline.push(m));
    expect(await watch(trainer, sid)).toEqual({ ok: true, session: sid });
    await waitFor(
      () => got.trainees.length === 1 && got.points.length === 1 && got.timeline.length === 1,
      'every part on watching',
    );
    expect(got.trainees[0]).toMatchObject({ session: sid, trainees: [], pending: [] });
    const count = (): number => got.trainees.length + got.points.length + got.timeline.length;

    // A trainee joins: the console is pushed them waiting (no token hash), and nothing else changed.
    const joined = (await fetch(srv.url + '/api/training/join', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: created['code'], name: 'Lee' }),
    }).then((r) => r.json())) as { trainee: { id: string } };
    await waitFor(() => got.trainees.length === 2, 'the trainees after the join');
    expect(got.trainees[1]!.pending.map((p) => [p.id, p.name])).toEqual([[joined.trainee.id, 'Lee']]);
    expect(JSON.stringify(got.trainees[1])).not.toMatch(/tokenSha256/);
    await new Promise((r) => setTimeout(r, 300));
    expect([got.points.length, got.timeline.length]).toEqual([1, 1]);

    // Given a role: seated on a worker.
    await call('POST', `/api/training/sessions/${sid}/trainees/${joined.trainee.id}/role`, {
      role: 'picker',
    });
    await waitFor(() => got.trainees.length === 3, 'the trainees after the role');
    const seated = got.trainees[2]!.trainees[0]!;
    expect([got.trainees[2]!.pending, seated.id, seated.role]).toEqual([[], joined.trainee.id, 'picker']);

    // A message is a trainer-log line: the timeline push has it.
    await call('POST', `/api/training/sessions/${sid}/message`, { traineeId: null, text: 'start now' });
    await waitFor(
      () =>
        got.timeline.some((t) =>
          t.items.some((i) => i.source === 'trainer' && i.record['text'] === 'start now'),
        ),
      'the timeline with the message',
    );

    // Rewind points every sim minute: running, a new point reaches the console.
    await call('POST', '/api/training/rewind-settings', { everyMinutes: 1, keep: 24 });
    const before = got.points.at(-1)!.points.length;
    await call('POST', '/api/training/run', { action: 'resume', session: sid });
    await waitFor(() => got.points.at(-1)!.points.length > before, 'a new rewind point pushed', 60_000);

    // Paused and idle: each part's last push equals its route, and nothing more is sent.
    await call('POST', '/api/training/run', { action: 'pause', session: sid });
    await new Promise((r) => setTimeout(r, 300));
    const quiet = count();
    await new Promise((r) => setTimeout(r, 800));
    expect(count()).toBe(quiet);
    expect(got.scores).toEqual([]);
    const route = await call('GET', `/api/training/sessions/${sid}/timeline`);
    expect(got.timeline.at(-1)!.items).toEqual(route['items']);
    expect(got.timeline.at(-1)!.startSimMs).toBe(route['startSimMs']);
    expect(got.points.at(-1)!.points).toEqual((await call('GET', '/api/training/rewind-points'))['points']);
    const session = await call('GET', `/api/training/sessions/${sid}`);
    expect(got.trainees.at(-1)!.trainees).toEqual(session['trainees']);
  }, 240_000);
});
