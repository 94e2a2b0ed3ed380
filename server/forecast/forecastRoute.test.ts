import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, startTestServer, TEST_TOKENS, waitFor } from '../live/testServer.ts';
import type { ForecastMessage, ForecastResult } from '../../sim/view/protocol.ts';

type Started = Awaited<ReturnType<typeof startTestServer>>;
const HOUR = 3_600_000;
const RUN = 'r0001-forecast-small';

describe('POST /api/runs/:id/forecast', () => {
  let t: Started;
  beforeAll(async () => {
    // Runs at full speed to 10:30 and pauses there: the forecast forks a known state.
    t = await startTestServer(
      { speed: 'max', paused: false, until: 10.5 * HOUR },
      {
        options: { scenario: 'forecast-small', forecast: { threads: 2 } },
        env: { BINTWIN_VIEWER_TOKEN: 'v-secret' },
      },
    );
    await waitFor(() => t.server.runner.status().paused, 'the run to reach 10:30', 60_000);
  }, 90_000);
  afterAll(() => t.stop());

  const post = (body: unknown, token: string | null = TEST_TOKENS.trainer, run = RUN) =>
    fetch(`${t.url}/api/runs/${run}/forecast`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('needs a trainer or admin token', async () => {
    const none = await post({}, null);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: string }).error).toMatch(
      /forecasts needs a trainer or admin token/,
    );
    const viewer = await post({}, 'v-secret');
    expect(viewer.status).toBe(403);
  });

  it('refuses bad requests with every problem as path + message', async () => {
    const r = await post({ replications: 0, change: { addWorkers: { role: 'boss', count: 2 } }, extra: 1 });
    expect(r.status).toBe(400);
    const body = (await r.json()) as { problems: { path: string; message: string }[] };
    const paths = body.problems.map((p) => p.path).sort();
    expect(paths).toEqual(['change.addWorkers.role', 'extra', 'replications']);
    // Valid shape, but not in this scenario: checked against the live run's scenario.
    const counter = await post({ change: { addWorkers: { role: 'counter', count: 1 } } });
    expect(counter.status).toBe(400);
    expect(((await counter.json()) as { problems: unknown[] }).problems).toEqual([
      {
        path: 'change.addWorkers.role',
        message:
          'scenario "forecast-small" has no counter group to copy (it has picker, packer, replenisher)',
      },
    ]);
    const json = await post('{"replications": 3,');
    expect(json.status).toBe(400);
    expect(((await json.json()) as { problems: { path: string }[] }).problems[0]!.path).toMatch(/^line 1:/);
    const past = await post({ horizon: { simTime: HOUR } });
    expect(
      ((await past.json()) as { problems: { path: string; message: string }[] }).problems[0],
    ).toMatchObject({
      path: 'horizon.simTime',
      message: expect.stringMatching(/not after the live run's time/) as string,
    });
  });

  it('refuses a too large request before running anything, and a run that is not live', async () => {
    const big = await post({ replications: 200, horizon: { hours: 24 }, change: { waveMinutes: 30 } });
    expect(big.status).toBe(400);
    const p = ((await big.json()) as { problems: { path: string; message: string }[] }).problems[0]!;
    expect(p.path).toBe('replications');
    expect(p.message).toMatch(
      /200 replications × 2 arm\(s\) × 24\.0 h ahead = 9600 replication-hours, over the limit/,
    );
    // A run id the server never had is unknown (404); only a known run that is not live is a conflict.
    const unknown = await post({}, TEST_TOKENS.trainer, 'r0009-other');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: string }).error).toBe('unknown run "r0009-other"');
  });

  it('forecasts the next cut-off from the live state, pushes the result to viewers, is deterministic and leaves the journal alone', async () => {
    const viewer = connectClient(t.url);
    const pushed: ForecastMessage[] = [];
    viewer.on('forecast.result', (m: ForecastMessage) => pushed.push(m));
    await waitFor(() => viewer.connected, 'viewer socket');
    const before = t.server.runner.read((e) => ({ seq: e.journalCommitted(), now: e.now() }));
    const ask = { replications: 4, change: { waveMinutes: 20 } };
    const r = await post(ask);
    expect(r.status).toBe(200);
    const f = (await r.json()) as ForecastResult;
    expect(f).toMatchObject({
      runId: RUN,
      from: 10.5 * HOUR,
      horizon: 12 * HOUR,
      horizonKind: 'cutoff',
      replications: 4,
      level: 0.95,
      change: { waveMinutes: 20 },
      requestedBy: 'trainer',
    });
    expect(f.asIs.replications).toHaveLength(4);
    expect(f.asIs.madeCutoff.n).toBe(4);
    expect(f.asIs.madeCutoff.lo).toBeLessThanOrEqual(f.asIs.madeCutoff.share);
    expect(f.asIs.backlog.halfWidth).not.toBeNull();
    // Replications differ (re-seeded), and more frequent waves clear orders sooner in every one.
    expect(new Set(f.asIs.replications.map((x) => x.backlog)).size).toBeGreaterThan(1);
    expect(f.difference?.backlog.verdict).toBe('lower');
    await waitFor(() => pushed.length === 1, 'the forecast.result message');
    expect(pushed[0]!.forecast.id).toBe(f.id);
    // Same state + same request ⇒ same answer.
    const again = (await (await post(ask)).json()) as ForecastResult;
    const strip = (x: ForecastResult) => ({ ...x, id: '', elapsedMs: 0 });
    expect(strip(again)).toEqual(strip(f));
    expect(again.id).not.toBe(f.id);
    // The live run did not move or write a journal line because of it.
    expect(t.server.runner.read((e) => ({ seq: e.journalCommitted(), now: e.now() }))).toEqual(before);
    viewer.close();
  }, 120_000);

  it('runs one forecast at a time; a second at once is told to retry', async () => {
    const [a, b] = await Promise.all([post({ replications: 4 }), post({ replications: 4 })]);
    expect([a.status, b.status].sort()).toEqual([200, 429]);
    const busy = a.status === 429 ? a : b;
    expect(((await busy.json()) as { error: string }).error).toMatch(/already running \(at most 1\)/);
  }, 120_000);
});
