import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRawSocket } from '../fuzz/rawSocket.ts';
import { packetProblem } from './packetGuard.ts';
import { startTestServer, TEST_TOKENS } from './testServer.ts';

type Started = Awaited<ReturnType<typeof startTestServer>>;

describe('packet guard', () => {
  it('names what is wrong with a packet', () => {
    expect(packetProblem({ type: 2, nsp: '/', data: [{ toString: 1 }] })).toMatch(
      /event name must be a string/,
    );
    expect(packetProblem({ type: 2, nsp: '/', data: ['disconnect'] })).toMatch(/reserved/);
    expect(packetProblem({ type: 9, nsp: '/', data: [] })).toMatch(/type/);
    expect(packetProblem({ type: 2, nsp: 5, data: ['x'] })).toMatch(/namespace/);
    expect(packetProblem({ type: 2, nsp: '/', data: ['x'], id: 1.5 })).toMatch(/id/);
    expect(packetProblem({ type: 2, nsp: '/', data: ['view.resync', {}], id: 3 })).toBeNull();
  });
});

describe('issue 11 finding 1: one anonymous packet must not kill the server', () => {
  let t: Started;
  let device = '';
  beforeAll(async () => {
    t = await startTestServer();
    const r = await fetch(`${t.url}/api/devices`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKENS.admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'rf-fuzz', steps: ['receive'] }),
    });
    device = ((await r.json()) as { token: string }).token;
  });
  afterAll(async () => {
    await t.stop();
  });

  for (const nsp of ['/', '/scanner']) {
    it(`drops {type:2, nsp:'${nsp}', data:[{toString:1}]} and keeps serving`, async () => {
      // Connected first (anonymously on '/', with a device token on /scanner), as in the report.
      const s = await openRawSocket(t.url, nsp === '/' ? { nsp } : { nsp, auth: { token: device } });
      expect(s.received[0]).toMatchObject({ type: 0, nsp });
      s.send({ type: 2, nsp, data: [{ toString: 1 }] });
      await Promise.race([s.closed, new Promise((r) => setTimeout(r, 10_000))]);
      expect(s.isOpen(), 'the connection is closed').toBe(false);
      // Give a throw on a later tick (where it used to happen) the chance to surface.
      await new Promise((r) => setTimeout(r, 50));
      const health = await fetch(`${t.url}/healthz`);
      expect(health.status).toBe(200);
      const again = await openRawSocket(t.url);
      expect(again.received.some((p) => (p as { type?: number }).type === 0)).toBe(true);
      again.close();
    });
  }
});
