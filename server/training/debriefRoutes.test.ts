import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_TOKENS } from '../live/testServer.ts';
import { readTrainerLog, sessionDir } from './trainerLogFile.ts';
import type { TrainingSession } from './trainingTypes.ts';

let srv: Awaited<ReturnType<typeof startTestServer>>;
const ID = 'S0000beef';
beforeAll(async () => {
  srv = await startTestServer({ speed: 60, paused: true, until: null });
  const s: TrainingSession = {
    id: ID,
    code: 'DEB234',
    scenario: 'demo-dc',
    exercise: null,
    speed: 1,
    state: 'running',
    createdAt: '2026-12-02T00:00:00.000Z',
    trainees: [],
    runId: srv.server.runner.status().runId,
  };
  const dir = sessionDir(srv.dataDir, ID);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'session.json'), JSON.stringify(s));
});
afterAll(() => srv.stop());

const call = (path: string, body?: unknown): Promise<Response> =>
  fetch(srv.url + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${TEST_TOKENS.trainer}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe('debrief floor and floor-change routes', () => {
  it('lock an aisle from the console (logged), and show the floor at a scrubbed moment with it', async () => {
    await srv.server.runner.control({ type: 'control.jump', simTime: 9 * 3_600_000 });
    const bad = await call('/api/training/floor', { action: 'aisle.lock', aisle: 'nowhere' });
    expect(bad.status).toBe(400);
    const ok = await call('/api/training/floor', { action: 'aisle.lock', aisle: 'F-02', session: ID });
    expect(ok.status, await ok.clone().text()).toBe(200);
    expect(readTrainerLog(sessionDir(srv.dataDir, ID)).at(-1)).toMatchObject({
      kind: 'floor',
      aisle: 'F-02',
      ok: true,
    });
    const twice = await call('/api/training/floor', { action: 'aisle.lock', aisle: 'F-02' });
    expect(twice.status).toBe(409);
    await srv.server.runner.control({ type: 'control.jump', simTime: 9 * 3_600_000 + 60_000 });
    const before = (await (
      await call(`/api/training/sessions/${ID}/floor?t=${9 * 3_600_000 - 1}`)
    ).json()) as {
      view: { alerts: { id: string }[]; bins: { code: string[] } };
    };
    const after = (await (
      await call(`/api/training/sessions/${ID}/floor?t=${9 * 3_600_000 + 30_000}`)
    ).json()) as {
      simTime: number;
      view: { simTime: number; alerts: { id: string }[] };
      differences: unknown[];
    };
    expect(before.view.bins.code.length).toBeGreaterThan(100);
    expect(before.view.alerts.some((a) => a.id === 'aisle-locked:F-02')).toBe(false);
    expect(after.view.simTime).toBe(9 * 3_600_000 + 30_000);
    expect(after.view.alerts.some((a) => a.id === 'aisle-locked:F-02')).toBe(true);
    expect(Array.isArray(after.differences)).toBe(true);
    expect((await call(`/api/training/sessions/${ID}/floor?t=999999999999`)).status).toBe(409);
    expect((await call(`/api/training/sessions/${ID}/floor`)).status).toBe(400);
  });
});
