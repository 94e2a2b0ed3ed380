import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_TOKENS, waitFor } from '../live/testServer.ts';

// "Save this rewind point as a new exercise", end to end through the route: the new exercise
// (with start.snapshot, the session's exercise copied) is listed and a session starts from it
// at the point's time; names that exist or carry a path are refused and nothing is overwritten.

let srv: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  srv = await startTestServer({ speed: 1000, paused: false, until: null });
}, 120_000);
afterAll(() => srv.stop());

/** The fields of the routes' answers this test reads. */
interface Answer {
  ok?: boolean;
  name?: string;
  id?: string;
  problems?: { path: string; message: string }[];
  session?: { startSimMs: number };
  exercises?: unknown[];
}

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: Answer }> {
  const res = await fetch(srv.url + path, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_TOKENS.trainer}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: await res.json() };
}

describe('saving a rewind point as an exercise', () => {
  it('writes a new exercise that is listed and starts a session at the point', async () => {
    const created = await call('POST', '/api/training/sessions', {
      scenario: 'demo-dc',
      exercise: 'class-receiver-picker',
      speed: 60,
    });
    expect(created.status).toBe(201);
    const sid = created.json.id!;
    await call('POST', '/api/training/rewind-settings', { everyMinutes: 1 });
    await call('POST', '/api/training/run', { action: 'resume' });
    await waitFor(() => srv.server.runner.rewindPoints().length >= 2, 'two rewind points', 120_000);
    await call('POST', '/api/training/run', { action: 'pause' });
    const point = srv.server.runner.rewindPoints()[1]!.simMs;

    const save = (body: unknown) => call('POST', `/api/training/sessions/${sid}/save-exercise`, body);
    const ok = await save({ simMs: point, name: 'my-drill', title: 'My drill' });
    expect(ok).toEqual({ status: 201, json: { ok: true, name: 'my-drill' } });
    expect(existsSync(join(srv.dataDir, 'exercises', 'snapshots', 'my-drill.json'))).toBe(true);

    // No overwrite, no path, no unknown point.
    expect((await save({ simMs: point, name: 'my-drill' })).status).toBe(409);
    expect((await save({ simMs: point, name: 'picker-wrong-lot' })).json.problems?.[0]?.path).toBe('name');
    const traversal = await save({ simMs: point, name: '../../evil' });
    expect(traversal.status).toBe(400);
    expect(traversal.json.problems?.[0]?.path).toBe('name');
    expect((await save({ simMs: point + 1, name: 'other' })).status).toBe(404);

    const list = (await call('GET', '/api/training/exercises')).json.exercises as {
      name: string;
      origin: string;
      title?: string;
      startMinutes?: number;
      snapshot?: string;
      objectives?: string[];
      error?: string;
    }[];
    const mine = list.find((x) => x.name === 'my-drill')!;
    const source = list.find((x) => x.name === 'class-receiver-picker')!;
    expect(mine).toMatchObject({
      origin: 'saved',
      title: 'My drill',
      startMinutes: point / 60_000,
      snapshot: 'snapshots/my-drill.json',
      objectives: source.objectives,
    });
    expect(mine.error).toBeUndefined();

    const again = await call('POST', '/api/training/sessions', {
      scenario: 'demo-dc',
      exercise: 'my-drill',
      speed: 60,
    });
    expect(again.status).toBe(201);
    expect(again.json.session?.startSimMs).toBe(point);
    expect(srv.server.runner.currentRun().simTime).toBe(point);
  }, 240_000);
});
