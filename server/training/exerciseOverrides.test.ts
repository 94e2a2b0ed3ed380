import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_TOKENS } from '../live/testServer.ts';

// An exercise's `overrides` shape the run a session starts: the live run is the exercise's
// scenario with the overrides merged (picker-short-staffed: four early pickers, not demo-dc's 12).

let srv: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  srv = await startTestServer();
}, 120_000);
afterAll(async () => {
  await srv.stop();
});

describe('an exercise session applies the exercise overrides', () => {
  it('runs the scenario with the overrides merged', async () => {
    const res = await fetch(srv.url + '/api/training/sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_TOKENS.trainer}` },
      body: JSON.stringify({ scenario: 'demo-dc', exercise: 'picker-short-staffed', speed: 60 }),
    });
    expect(res.status).toBe(201);
    const run = srv.server.runner.currentRun();
    const early = run.scenario.workers.filter((w) => w.role === 'picker' && w.shift === 'early');
    expect(early.reduce((a, w) => a + w.count, 0)).toBe(4);
    const onFloor = srv.server.runner.view().workers.filter((w) => /^pick-/.test(w.code));
    expect(onFloor).toHaveLength(4);
  });
});
