import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_TOKENS } from '../live/testServer.ts';
import { worldOf } from '../../sim/engineWorld.ts';

type Started = Awaited<ReturnType<typeof startTestServer>>;

/** Files anywhere under `dir` whose name matches `re`. */
function filesUnder(dir: string, re: RegExp): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => re.test(f));
}

describe('idempotency past the key cap, through the server', () => {
  let t: Started;
  let token = '';
  let dock = '';
  beforeAll(async () => {
    // Running (checkpoints every 10 sim minutes, ~0.6 s at ×1000, compact the log), tiny
    // segments, 2 answers kept in memory, and a cap of 10 keys in memory set through the env.
    t = await startTestServer(undefined, {
      env: { BINTWIN_FEED_DEDUP_MAX_KEYS: '10' },
      feedIngest: { log: { segmentBytes: 3_000, window: 2 } },
    });
    const w = worldOf(t.server.runner.applyExternal((e) => e));
    dock = w.site.layout!.bins.find((b) => b.type === 'dock' || b.type === 'staging')!.code;
    const r = await post('/api/devices', { id: 'rf-cap', steps: ['receive'] }, TEST_TOKENS.admin);
    token = ((await r.json()) as { token: string }).token;
  }, 60_000);
  afterAll(() => t.stop());

  const post = (path: string, body: unknown, tok: string) =>
    fetch(t.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tok}` },
      body: JSON.stringify(body),
    });
  const scan = (i: number, raw = dock) => ({
    device: 'rf-cap',
    user: 'u',
    role: 'receiver',
    step: 'receive',
    raw,
    clientEventId: `cap-${i}`,
    deviceTime: new Date().toISOString(),
  });

  it('a key moved to disk still answers its first reply, and other content under it is 409', async () => {
    const first = await (await post('/api/scans', scan(1), token)).json();
    expect(first).toMatchObject({ ok: true, duplicate: false });
    let i = 1;
    // Keep scanning until a checkpoint has compacted segments and the cap moved keys to a run.
    const end = Date.now() + 60_000;
    while (filesUnder(t.dataDir, /feed-keys-\d+\.idx$/).length === 0) {
      if (Date.now() > end) throw new Error(`no keys moved to an on-disk run after ${i} scans`);
      expect((await post('/api/scans', scan(++i), token)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 20));
    }
    const again = await post('/api/scans', scan(1), token);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ ok: true, duplicate: true });
    const other = await post('/api/scans', scan(1, 'NOT-A-BIN'), token);
    expect(other.status).toBe(409);
    expect(await other.json()).toMatchObject({ error: 'id reused with other content', fields: ['raw'] });
    expect(filesUnder(t.dataDir, /feed-keys\.json$/).map((f) => join(t.dataDir, f))).toHaveLength(1);
  }, 90_000);
});
