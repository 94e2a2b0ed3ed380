import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { ControlReply } from '../../sim/view/protocol.ts';
import { openRawSocket } from '../fuzz/rawSocket.ts';
import { INJECT_PER_SECOND, SNAPSHOT_MIN_INTERVAL_MS } from './streamServer.ts';
import { connectClient, startTestServer, TEST_TOKENS, waitFor } from './testServer.ts';

type Started = Awaited<ReturnType<typeof startTestServer>>;

describe('issue 11 findings 5 and 8: resync and control floods are bounded per socket', () => {
  let t: Started;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.stop();
  });

  it('1,000 view.resync messages get a handful of snapshots, not 1,000', async () => {
    const s = connectClient(t.url);
    sockets.push(s);
    let snapshots = 0;
    let bytes = 0;
    s.on('state.snapshot', (m: { view: { bins: { code: unknown[] } } }) => {
      snapshots++;
      bytes += m.view.bins.code.length;
    });
    await waitFor(() => snapshots === 1, 'the join snapshot');
    const t0 = Date.now();
    for (let i = 0; i < 1000; i++) s.emit('view.resync', { type: 'view.resync', lastSeq: 0 });
    // A ping round trip after the burst: the server has read every resync by then.
    await s.timeout(10_000).emitWithAck('view.subscribe', { type: 'view.subscribe' });
    await new Promise((r) => setTimeout(r, SNAPSHOT_MIN_INTERVAL_MS + 200));
    const windows = Math.ceil((Date.now() - t0) / SNAPSHOT_MIN_INTERVAL_MS);
    // The join snapshot, then at most one per window (whatever this machine's speed).
    expect(snapshots).toBeGreaterThanOrEqual(2);
    expect(snapshots).toBeLessThanOrEqual(1 + windows + 1);
    expect(bytes).toBeGreaterThan(0);
  });

  it('300 control.inject from one trainer: a few are applied, the rest refused as rate-limited', async () => {
    const trainer = connectClient(t.url, { token: TEST_TOKENS.trainer });
    sockets.push(trainer);
    await waitFor(() => trainer.connected, 'trainer connected');
    const t0 = Date.now();
    const replies = (await Promise.all(
      Array.from({ length: 300 }, () =>
        trainer.timeout(60_000).emitWithAck('control', { type: 'control.inject', exception: 'shrink' }),
      ),
    )) as ControlReply[];
    const seconds = (Date.now() - t0) / 1000;
    const acked = replies.filter((r) => r.type === 'control.ack').length;
    const limited = replies.filter(
      (r): r is Extract<ControlReply, { type: 'control.error' }> =>
        r.type === 'control.error' && r.code === 'rate-limited',
    );
    expect(acked).toBeGreaterThan(0);
    expect(acked).toBeLessThanOrEqual(2 * INJECT_PER_SECOND + Math.ceil(seconds * INJECT_PER_SECOND) + 1);
    expect(acked + limited.length).toBe(300);
    expect(limited[0]!.message).toMatch(/per second per connection/);
  });
});

describe('Origin allow-list for sockets (WebSocket and polling)', () => {
  let t: Started;
  beforeAll(async () => {
    t = await startTestServer(undefined, { options: { allowOrigins: ['https://wall.example.com'] } });
  });
  afterAll(() => t.stop());

  it('refuses a foreign origin, allows none, loopback, same-origin and listed ones', async () => {
    await expect(openRawSocket(t.url, { origin: 'https://evil.example' })).rejects.toThrow(/HTTP 4\d\d/);
    const host = new URL(t.url).host;
    for (const origin of [undefined, 'http://localhost:5173', `http://${host}`, 'https://wall.example.com']) {
      const s = await openRawSocket(t.url, origin === undefined ? {} : { origin });
      expect(s.received[0], String(origin)).toMatchObject({ type: 0 });
      s.close();
    }
    const poll = (origin: string) =>
      fetch(`${t.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin } });
    expect((await poll('https://evil.example')).status).toBeGreaterThanOrEqual(400);
    expect((await poll('https://wall.example.com')).status).toBe(200);
  });
});
