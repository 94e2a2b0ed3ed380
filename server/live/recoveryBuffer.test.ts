import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WelcomeMessage } from '../../sim/view/protocol.ts';
import { MAX_RECOVERY_BYTES, MAX_RECOVERY_PACKETS, packetBytes } from './recoveryBuffer.ts';
import { connectClient, startTestServer, waitFor } from './testServer.ts';

type Buffered = { data: unknown[]; bytes?: number };

describe('connection state recovery buffer', () => {
  let t: Awaited<ReturnType<typeof startTestServer>>;
  const packets = () => (t.server.io.of('/').adapter as unknown as { packets: Buffered[] }).packets;
  const bytesOf = (p: Buffered[]) => p.reduce((s, x) => s + packetBytes(x.data), 0);
  beforeAll(async () => {
    t = await startTestServer({ speed: 1, paused: true, until: null });
  });
  afterAll(() => t.stop());

  it('keeps at most MAX_RECOVERY_PACKETS (+10 %) broadcasts however fast they come', () => {
    for (let i = 0; i < MAX_RECOVERY_PACKETS * 2; i++) t.server.io.emit('soak.test', i);
    expect(packets().length).toBeGreaterThanOrEqual(MAX_RECOVERY_PACKETS);
    expect(packets().length).toBeLessThanOrEqual(MAX_RECOVERY_PACKETS * 1.1);
    // The newest are the ones kept.
    expect(packets().at(-1)!.data[1]).toBe(MAX_RECOVERY_PACKETS * 2 - 1);
  });

  it('keeps at most MAX_RECOVERY_BYTES (+10 %) of big packets, far fewer than the count cap', () => {
    const big = 'x'.repeat(8_000);
    const n = Math.ceil((MAX_RECOVERY_BYTES * 2) / big.length);
    for (let i = 0; i < n; i++) t.server.io.emit('soak.big', { i, big });
    const p = packets();
    expect(p.length).toBeLessThan(MAX_RECOVERY_PACKETS / 2);
    expect(bytesOf(p)).toBeLessThanOrEqual(MAX_RECOVERY_BYTES * 1.1);
    expect(bytesOf(p)).toBeGreaterThan(MAX_RECOVERY_BYTES - 2 * big.length);
    expect((p.at(-1)!.data[1] as { i: number }).i).toBe(n - 1);
  });

  it('a viewer whose offset was dropped for bytes gets a fresh snapshot, not a recovery', async () => {
    const s = connectClient(t.url);
    const welcome: WelcomeMessage[] = [];
    let snapshots = 0;
    let marks = 0;
    s.on('session.welcome', (m: WelcomeMessage) => welcome.push(m));
    s.on('state.snapshot', () => snapshots++);
    s.on('soak.mark', () => marks++);
    try {
      await waitFor(() => snapshots === 1, 'first snapshot');
      t.server.io.emit('soak.mark', 1); // gives the client an offset in the buffer
      await waitFor(() => marks === 1, 'the mark');
      s.io.engine.close();
      // While it is away, big packets push its offset out by bytes (the count cap is not reached).
      const big = 'y'.repeat(8_000);
      for (let i = 0; i < Math.ceil((MAX_RECOVERY_BYTES * 1.5) / big.length); i++)
        t.server.io.emit('soak.big', { i, big });
      expect(packets().length).toBeLessThan(MAX_RECOVERY_PACKETS / 2);
      await waitFor(() => welcome.length === 2 && snapshots === 2, 'reconnect with a snapshot');
      expect(welcome[1]!.recovered).toBe(false);
    } finally {
      s.disconnect();
    }
  });
});
