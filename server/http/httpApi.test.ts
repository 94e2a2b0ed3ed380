import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_TOKENS } from '../live/testServer.ts';

type Started = Awaited<ReturnType<typeof startTestServer>>;
const demo = readFileSync(new URL('../../scenarios/demo-dc.json', import.meta.url), 'utf8');

describe('HTTP API', () => {
  let t: Started;
  beforeAll(async () => {
    t = await startTestServer({ speed: 1000, paused: false, until: null });
  });
  afterAll(() => t.stop());
  // A trainer token by default: the journal, runs and library are not anonymous (access.test.ts).
  const req = (path: string, init: RequestInit = {}) =>
    fetch(t.url + path, {
      ...init,
      headers: {
        authorization: `Bearer ${TEST_TOKENS.trainer}`,
        ...(init.headers as Record<string, string>),
      },
    });
  const anon = (path: string, init?: RequestInit) => fetch(t.url + path, init);

  it('answers health, runs and a status page while no client is built', async () => {
    const h = (await (await req('/healthz')).json()) as { ok: boolean; run: string };
    expect(h).toMatchObject({ ok: true, run: 'r0001-demo-dc' });
    const runs = (await (await req('/api/runs')).json()) as { current: string; runs: { id: string }[] };
    expect(runs.current).toBe('r0001-demo-dc');
    expect(runs.runs.map((r) => r.id)).toEqual(['r0001-demo-dc']);
    const page = await anon('/');
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toMatch(/r0001-demo-dc/);
  });

  it('serves a bin for the inspector: both ledgers, recent journal events, open tasks; unknown bins are 404', async () => {
    const j = await (await req('/api/runs/r0001-demo-dc/journal')).text();
    const opening = JSON.parse(j.split('\n')[0]!) as { bin: string; sku: string };
    const d = (await (await anon(`/api/bins/${opening.bin}`)).json()) as {
      code: string;
      system: { sku: string; qty: number }[];
      physical: { sku: string }[];
      journal: { type: string }[];
      tasks: unknown[];
    };
    expect(d.code).toBe(opening.bin);
    expect(d.system.some((r) => r.sku === opening.sku)).toBe(true);
    expect(d.physical.length).toBeGreaterThan(0);
    expect(Array.isArray(d.tasks)).toBe(true);
    expect((await req('/api/bins/Z-99-99-Z')).status).toBe(404);
  });

  it('downloads a run journal (whole lines) and KPIs; unknown ids are 404', async () => {
    const j = await req('/api/runs/r0001-demo-dc/journal');
    expect(j.status).toBe(200);
    const text = await j.text();
    expect(text.endsWith('\n')).toBe(true);
    const first = JSON.parse(text.split('\n')[0]!) as { seq: number };
    expect(first.seq).toBe(1);
    const k = (await (await req('/api/runs/r0001-demo-dc/kpis')).json()) as { scenario: string };
    expect(k.scenario).toBe('demo-dc');
    for (const p of [
      '/api/runs/r9999-x',
      '/api/runs/r9999-x/journal',
      '/api/scenarios/no-such',
      '/api/nothing',
    ]) {
      const r = await req(p);
      expect(r.status, p).toBe(404);
      expect(((await r.json()) as { error: string }).error).toMatch(/unknown|no such/);
    }
  });

  it('lists and gets scenarios; validation answers 400 with every problem as path + message', async () => {
    const list = (await (await req('/api/scenarios')).json()) as {
      scenarios: { name: string; origin: string }[];
    };
    expect(list.scenarios).toContainEqual(expect.objectContaining({ name: 'demo-dc', origin: 'shipped' }));
    const got = (await (await req('/api/scenarios/demo-dc')).json()) as { scenario: { name: string } };
    expect(got.scenario.name).toBe('demo-dc');
    const bad = await req('/api/scenarios/validate', {
      method: 'POST',
      body: JSON.stringify({ schemaVersion: 1, name: 'Bad', workers: [], demand: {} }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      ok: false,
      problems: [
        { path: 'name', message: 'lower-case letters, digits and dashes' },
        { path: 'workers', message: 'must have at least 1 item, got an array' },
        { path: 'demand.arrivals', message: 'required (an object)' },
        { path: 'picking', message: 'required (an object)' },
      ],
    });
    const syntax = await req('/api/scenarios/validate', { method: 'POST', body: '{"name": }' });
    expect(syntax.status).toBe(400);
    expect(((await syntax.json()) as { problems: { message: string }[] }).problems[0]!.message).toMatch(
      /1:10: JSON syntax error/,
    );
    const ok = await req('/api/scenarios/validate', { method: 'POST', body: demo });
    expect(await ok.json()).toMatchObject({ ok: true, name: 'demo-dc' });
  });

  it('uploads need a trainer token, are validated, stored atomically and listed; oversized bodies get 413', async () => {
    const mine = JSON.stringify({ ...(JSON.parse(demo) as object), name: 'my-dc' });
    expect((await anon('/api/scenarios', { method: 'POST', body: mine })).status).toBe(401);
    const auth = { authorization: `Bearer ${TEST_TOKENS.trainer}` };
    const bad = await req('/api/scenarios', { method: 'POST', headers: auth, body: '{"schemaVersion":1}' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { problems: unknown[] }).problems.length).toBeGreaterThan(1);
    const shipped = await req('/api/scenarios', { method: 'POST', headers: auth, body: demo });
    expect(shipped.status).toBe(400);
    const up = await req('/api/scenarios', { method: 'POST', headers: auth, body: mine });
    expect(up.status).toBe(201);
    expect(((await (await req('/api/scenarios/my-dc')).json()) as { origin: string }).origin).toBe(
      'uploaded',
    );
    const huge = await req('/api/scenarios/validate', { method: 'POST', body: 'x'.repeat(2 << 20) });
    expect(huge.status).toBe(413);
  });
});
