import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLog, startTestServer, TEST_TOKENS } from '../live/testServer.ts';

type Started = Awaited<ReturnType<typeof startTestServer>>;

/** A raw request (fetch would refuse or re-encode malformed paths), answering status and body. */
function raw(url: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const r = request(url + path, { method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    r.on('error', reject);
    r.end();
  });
}

describe('issue 11 finding 9 and 5: access, failed-token limit, bad escapes, stalled bodies', () => {
  let t: Started;
  const cap = captureLog();
  beforeAll(async () => {
    // A built client, so paths reach the static file server (where bad escapes used to throw).
    const clientDir = mkdtempSync(join(tmpdir(), 'bintwin-client-'));
    writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>t</title>');
    t = await startTestServer(
      { speed: 1000, paused: false, until: null },
      { log: cap.log, options: { clientDir } },
    );
  });
  afterAll(() => t.stop());
  const get = (path: string, token?: string) =>
    fetch(t.url + path, token ? { headers: { authorization: `Bearer ${token}` } } : {});

  it('anonymous clients get health and the bin inspector, not the journal, exports, exceptions or jobs', async () => {
    expect((await get('/healthz')).status).toBe(200);
    const run = ((await (await get('/healthz')).json()) as { run: string }).run;
    for (const p of [
      `/api/runs/${run}/journal`,
      '/epcis/export',
      '/api/feed/exceptions',
      '/epcis/capture',
      '/epcis/capture/x',
      '/api/runs',
      '/api/scenarios',
    ]) {
      const r = await get(p);
      expect(r.status, p).toBe(401);
      expect(((await r.json()) as { error: string }).error, p).toMatch(/token/);
    }
    const journal = await get(`/api/runs/${run}/journal`, TEST_TOKENS.trainer);
    expect(journal.status).toBe(200);
    const bin = (JSON.parse((await journal.text()).split('\n')[0]!) as { bin: string }).bin;
    expect((await get(`/api/bins/${bin}`)).status).toBe(200);
    expect((await get('/epcis/export?limit=10', TEST_TOKENS.trainer)).status).toBe(200);
    expect((await get('/api/feed/exceptions', TEST_TOKENS.trainer)).status).toBe(200);
  });

  it('malformed % escapes answer 400 and log no stack trace', async () => {
    const before = cap.lines.length;
    for (const p of ['/%E0%A4%A', '/assets/%zz.js', '/%']) {
      const r = await raw(t.url, p);
      expect(r.status, p).toBe(400);
    }
    const logged = cap.lines.slice(before).filter((l) => (l['level'] as number) >= 50);
    expect(logged).toEqual([]);
  });

  it('a stalled upload is answered 408 and its connection closed', async () => {
    const r = await new Promise<number>((resolve, reject) => {
      const q = request(`${t.url}/api/scenarios/validate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_TOKENS.trainer}`, 'content-length': String(1 << 20) },
      });
      q.on('response', (res) => resolve(res.statusCode ?? 0));
      q.on('error', reject);
      q.write('x'.repeat(1000)); // then nothing more
    });
    expect(r).toBe(408);
  }, 20_000);

  it('wrong tokens from one address are limited: 429 with Retry-After and a log line', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 40; i++) {
      const r = await get('/api/runs', `guess-${i}`);
      statuses.push(r.status);
      if (r.status === 429) retryAfter ??= r.headers.get('retry-after');
    }
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(10);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(cap.lines.some((l) => String(l['msg']).includes('authentication rate-limited'))).toBe(true);
    // The floor view (no credentials) is not held up by someone else's guessing.
    expect((await get('/healthz')).status).toBe(200);
  });
});
