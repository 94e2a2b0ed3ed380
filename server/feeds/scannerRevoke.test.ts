import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { connectClient, startTestServer, TEST_TOKENS, waitFor } from '../live/testServer.ts';

type Started = Awaited<ReturnType<typeof startTestServer>>;

describe('issue 11 finding 7: a revoked scanner token never works again', () => {
  let t: Started;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    t = await startTestServer({ speed: 1, paused: true, until: null });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.stop();
  });
  const admin = (method: string, path: string, body?: unknown) =>
    fetch(t.url + path, {
      method,
      headers: { authorization: `Bearer ${TEST_TOKENS.admin}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const register = async (): Promise<string> => {
    const r = await admin('POST', '/api/devices', { id: 'rf-07', steps: ['receive', 'putaway'] });
    expect(r.status).toBe(201);
    return ((await r.json()) as { token: string }).token;
  };
  const open = async (token: string): Promise<{ s: Socket; reason: () => string; refused: () => string }> => {
    const s = connectClient(`${t.url}/scanner`, { token });
    sockets.push(s);
    let reason = '';
    let refused = '';
    s.on('disconnect', (r) => (reason = r));
    s.on('connect_error', (e) => (refused = e.message));
    await waitFor(() => s.connected || refused !== '', 'connect or refusal');
    return { s, reason: () => reason, refused: () => refused };
  };

  it('revoking closes the live socket; re-registering the id gives a new token and the old one stays dead', async () => {
    const old = await register();
    const live = await open(old);
    expect(live.s.connected).toBe(true);
    expect((await admin('DELETE', '/api/devices/rf-07')).status).toBe(200);
    await waitFor(() => live.reason() !== '', 'the revoked socket to be closed');
    expect(live.reason()).toBe('io server disconnect');
    const fresh = await register();
    expect(fresh).not.toBe(old);
    const again = await open(old);
    expect(again.s.connected).toBe(false);
    expect(again.refused()).toMatch(/unknown or revoked/);
    expect((await open(fresh)).s.connected).toBe(true);
  });

  it('re-keying a device (register again without revoking) closes the sockets of its old token', async () => {
    const first = await register();
    const live = await open(first);
    expect(live.s.connected).toBe(true);
    await register();
    await waitFor(() => live.reason() !== '', 'the re-keyed socket to be closed');
    expect((await open(first)).s.connected).toBe(false);
  });
});
