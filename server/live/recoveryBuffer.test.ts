import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_RECOVERY_PACKETS } from './recoveryBuffer.ts';
import { startTestServer } from './testServer.ts';

describe('connection state recovery buffer', () => {
  let t: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    t = await startTestServer({ speed: 1, paused: true, until: null });
  });
  afterAll(() => t.stop());

  it('keeps at most MAX_RECOVERY_PACKETS (+10 %) broadcasts however fast they come', () => {
    const adapter = t.server.io.of('/').adapter as unknown as { packets: unknown[] };
    for (let i = 0; i < MAX_RECOVERY_PACKETS * 2; i++) t.server.io.emit('soak.test', i);
    expect(adapter.packets.length).toBeGreaterThanOrEqual(MAX_RECOVERY_PACKETS);
    expect(adapter.packets.length).toBeLessThanOrEqual(MAX_RECOVERY_PACKETS * 1.1);
    // The newest are the ones kept.
    const last = adapter.packets.at(-1) as { data: unknown[] };
    expect(last.data[1]).toBe(MAX_RECOVERY_PACKETS * 2 - 1);
  });
});
