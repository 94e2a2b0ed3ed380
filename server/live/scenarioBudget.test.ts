import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { createEngine, scenarioSchema } from '../../sim/index.ts';
import type { ControlReply } from '../../sim/view/protocol.ts';
import { budgetProblems, DEFAULT_SCENARIO_BUDGET, scenarioSize } from './scenarioBudget.ts';
import { connectClient, startTestServer, TEST_TOKENS, waitFor } from './testServer.ts';

type Started = Awaited<ReturnType<typeof startTestServer>>;
const demoText = readFileSync(new URL('../../scenarios/demo-dc.json', import.meta.url), 'utf8');
const demo = JSON.parse(demoText) as { layout: { generate: { zones: Record<string, unknown>[] } } };

/** The 4 KB upload of the report: demo-dc with two zones of 999 aisles × 999 bays × 26 levels (51.9 M bins). */
function hugeScenario(name: string): string {
  const s = structuredClone(demo) as typeof demo & { name: string };
  s.name = name;
  s.layout.generate.zones = s.layout.generate.zones.map((z, i) =>
    i < 2 ? { ...z, aisles: 999, baysPerAisle: 999, levels: 26 } : z,
  );
  return JSON.stringify(s);
}

describe('scenario size budgets', () => {
  it('counts the bins a layout will build exactly, from the spec alone', () => {
    const s = scenarioSchema.parse(demo);
    const built = createEngine(s).site().bins.length;
    expect(scenarioSize(s).bins).toBe(built);
    expect(budgetProblems(s)).toEqual([]);
  });

  it('names the budget a 51.9 M-bin scenario exceeds', () => {
    const s = scenarioSchema.parse(JSON.parse(hugeScenario('huge')));
    expect(scenarioSize(s).bins).toBeGreaterThan(51_800_000);
    expect(budgetProblems(s)).toEqual([
      {
        path: 'layout',
        message: expect.stringMatching(/^bins 51,8\d\d,\d+ exceeds this server's budget of 500,000/),
      },
    ]);
    expect(DEFAULT_SCENARIO_BUDGET.bins).toBe(500_000);
  });
});

describe('issue 11 finding 8: uploads and loads are checked against budgets; a failed load keeps the run', () => {
  let t: Started;
  let trainer: Socket;
  beforeAll(async () => {
    t = await startTestServer();
    trainer = connectClient(t.url, { token: TEST_TOKENS.trainer });
    await waitFor(() => trainer.connected, 'trainer');
  });
  afterAll(async () => {
    trainer.disconnect();
    await t.stop();
  });
  const control = (cmd: unknown) =>
    trainer.timeout(60_000).emitWithAck('control', cmd) as Promise<ControlReply>;

  it('refuses the 4 KB / 51.9 M-bin upload with 400 naming the budget', async () => {
    const body = hugeScenario('huge-dc');
    expect(body.length).toBeLessThan(8 * 1024);
    const r = await fetch(`${t.url}/api/scenarios`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKENS.trainer}` },
      body,
    });
    expect(r.status).toBe(400);
    const j = (await r.json()) as { problems: { path: string; message: string }[] };
    expect(j.problems[0]).toMatchObject({ path: 'layout', message: expect.stringMatching(/budget/) });
  });

  it('control.load of an over-budget file (placed on disk) is refused and the run continues', async () => {
    writeFileSync(join(t.dataDir, 'scenarios', 'huge-dc.json'), hugeScenario('huge-dc'));
    const before = t.server.runner.status().runId;
    const r = await control({ type: 'control.load', scenario: 'huge-dc' });
    expect(r).toMatchObject({
      type: 'control.error',
      code: 'invalid',
      message: expect.stringMatching(/budget/),
    });
    expect(t.server.runner.status().runId).toBe(before);
    const sim = t.server.runner.view().simTime;
    await waitFor(() => t.server.runner.view().simTime > sim, 'the old run to keep going');
  });

  it('a load whose build fails answers control.error and the old run goes on', async () => {
    writeFileSync(
      join(t.dataDir, 'scenarios', 'small-dc.json'),
      JSON.stringify({ ...(JSON.parse(demoText) as object), name: 'small-dc' }),
    );
    // The next run's folder cannot be made: a file stands where it would go.
    mkdirSync(join(t.dataDir, 'runs'), { recursive: true });
    writeFileSync(join(t.dataDir, 'runs', 'r0002-small-dc'), 'in the way');
    const before = t.server.runner.status().runId;
    const r = await control({ type: 'control.load', scenario: 'small-dc' });
    expect(r).toMatchObject({
      type: 'control.error',
      code: 'failed',
      message: expect.stringMatching(/could not build/),
    });
    expect(t.server.runner.status().runId).toBe(before);
    const sim = t.server.runner.view().simTime;
    await waitFor(() => t.server.runner.view().simTime > sim, 'the old run to keep going');
    // And the next try (a free id) loads normally.
    expect(await control({ type: 'control.load', scenario: 'small-dc' })).toMatchObject({
      type: 'control.ack',
    });
    expect(t.server.runner.status().scenario).toBe('small-dc');
  });
});
