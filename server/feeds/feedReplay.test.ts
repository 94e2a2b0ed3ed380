import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, scenarioSchema, type JournalEvent } from '../../sim/index.ts';
import { startTestServer, TEST_TOKENS } from '../live/testServer.ts';
import { journalToEpcis } from './epcis/journalToEpcis.ts';
import { replayFeed } from './feedReplay.ts';

describe('bintwin feed: a recorded demo-dc feed replays into a twin', () => {
  let t: Awaited<ReturnType<typeof startTestServer>>;
  const dir = mkdtempSync(join(tmpdir(), 'bintwin-feed-'));
  beforeAll(async () => {
    // Paused at time 0: demo-dc's layout, item master and opening stock, and no simulated work.
    t = await startTestServer({ speed: 1, paused: true, until: null });
  });
  afterAll(async () => {
    await t.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ends with the same system ledger as the simulated run', async () => {
    const scenario = scenarioSchema.parse(
      JSON.parse(readFileSync(new URL('../../scenarios/demo-dc.json', import.meta.url), 'utf8')),
    );
    const journal: JournalEvent[] = [];
    const sim = createEngine(scenario, { journal: (e) => journal.push(e) });
    sim.runUntil(4 * 3_600_000);
    const file = join(dir, 'feed.json');
    writeFileSync(
      file,
      JSON.stringify(journalToEpcis(journal, sim.site().items, { run: 'sim', skipOpening: true })),
    );
    const r = await fetch(`${t.url}/api/devices`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKENS.admin}` },
      body: JSON.stringify({ id: 'wms', steps: ['epcis'] }),
    });
    const { token } = (await r.json()) as { token: string };
    const lines: string[] = [];
    const code = await replayFeed({
      file,
      url: t.url,
      speed: Infinity,
      batch: 100,
      token,
      progress: (l) => lines.push(l),
    });
    expect(code, lines.slice(-3).join('\n')).toBe(0);
    expect(lines.at(-1)).toMatch(/refused 0|0 refused/);
    const mirror = t.server.runner.applyExternal((e) => e.stock('system'));
    expect(mirror).toEqual(sim.stock('system'));
    // A second replay is acknowledged as already there and changes nothing.
    expect(
      await replayFeed({ file, url: t.url, speed: Infinity, batch: 100, token, progress: () => {} }),
    ).toBe(0);
    expect(t.server.runner.applyExternal((e) => e.stock('system'))).toEqual(mirror);
  }, 120_000);
});
