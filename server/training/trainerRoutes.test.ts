import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_TOKENS } from '../live/testServer.ts';
import { readTrainerLog, sessionDir } from './trainerLogFile.ts';
import type { TrainingSession } from './trainingTypes.ts';
import { trainee } from './trainingFixtures.ts';

let srv: Awaited<ReturnType<typeof startTestServer>>;
const ID = 'S0000abcd';
beforeAll(async () => {
  srv = await startTestServer({ speed: 60, paused: true, until: null });
  // The session store's file, as the handheld side writes it.
  const s: TrainingSession = {
    id: ID,
    code: 'ABC234',
    scenario: 'demo-dc',
    exercise: 'picker-wrong-lot',
    speed: 1,
    state: 'running',
    createdAt: '2026-12-02T00:00:00.000Z',
    trainees: [trainee('T1', 'picker', 'P001')],
  };
  const dir = sessionDir(srv.dataDir, ID);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'session.json'), JSON.stringify(s));
});
afterAll(() => srv.stop());

const call = (
  path: string,
  init: { method?: string; body?: unknown; token?: string | null } = {},
): Promise<Response> =>
  fetch(srv.url + path, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.token === null ? {} : { authorization: `Bearer ${init.token ?? TEST_TOKENS.trainer}` }),
      'content-type': 'application/json',
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });

describe('trainer routes', () => {
  it('need a trainer token', async () => {
    expect((await call('/api/training/exercises', { token: null })).status).toBe(401);
    expect((await call(`/api/training/sessions/${ID}/scores`, { token: 'wrong' })).status).toBe(401);
    expect((await call('/api/training/exercises', { token: TEST_TOKENS.admin })).status).toBe(200);
  });

  it('list the shipped exercises', async () => {
    const r = (await (await call('/api/training/exercises')).json()) as { exercises: { name: string }[] };
    expect(r.exercises.map((x) => x.name)).toEqual(
      expect.arrayContaining(['picker-wrong-lot', 'receiving-short']),
    );
  });

  it('validate bodies with path + message, and know the session’s trainees', async () => {
    const bad = await call(`/api/training/sessions/${ID}/inject`, {
      method: 'POST',
      body: { traineeId: 'T1', cause: 'gremlins' },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { problems: { path: string }[] }).problems[0]!.path).toBe('cause');
    const who = await call(`/api/training/sessions/${ID}/message`, {
      method: 'POST',
      body: { traineeId: 'T9', text: 'hi' },
    });
    expect(who.status).toBe(400);
    expect((await call('/api/training/sessions/S00000000/scores')).status).toBe(404);
    expect((await call('/api/training/rewind', { method: 'POST', body: { simMs: 123 } })).status).toBe(409);
  });

  it('inject into a trainee’s next task, message them, and log both', async () => {
    const worker = await call(`/api/training/sessions/${ID}/inject`, {
      method: 'POST',
      body: { traineeId: 'T1', cause: 'wrongLot' },
    });
    // demo-dc has no worker P001: the engine refuses, and the refusal is logged too.
    expect(worker.status).toBe(409);
    const m = await call(`/api/training/sessions/${ID}/message`, {
      method: 'POST',
      body: { traineeId: 'T1', text: 'check the lot' },
    });
    expect(m.status).toBe(200);
    const log = readTrainerLog(sessionDir(srv.dataDir, ID));
    expect(log.map((r) => [r.seq, r.kind])).toEqual([
      [1, 'inject'],
      [2, 'message'],
    ]);
    expect(log[0]).toMatchObject({ ok: false, message: /unknown worker "P001"/ });
    const scores = (await (await call(`/api/training/sessions/${ID}/scores`)).json()) as {
      scores: { hints: number }[];
    };
    expect(scores.scores[0]!.hints).toBe(1);
  });
});
