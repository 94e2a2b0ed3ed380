import { describe, expect, it } from 'vitest';
import { runFuzz } from './main.ts';

describe('fuzz slice (npm run fuzz runs the full 100,000)', () => {
  it('seeded HTTP, socket and feed inputs: no crash, no 5xx, nothing half-applied, the server stays up', async () => {
    // Bounded by count, not by time: a time bound made "how many were sent" depend on the machine's
    // load (288 of a 300 floor at load 17). The seconds are only a safety stop.
    const s = await runFuzz({ seed: 'test-slice', iterations: 1200, seconds: 240 });
    expect(s.crashes).toEqual([]);
    expect(s.targets.map((t) => t.name)).toEqual(['http', 'socket', 'feeds']);
    for (const t of s.targets) {
      expect(t.sent, t.name).toBe(400);
      expect(t.examples, t.name).toEqual([]);
      expect(t.serverErrors, t.name).toBe(0);
      for (const [k, v] of Object.entries(t.findings ?? {})) expect(v, `${t.name} ${k}`).toBe(0);
    }
    // Cheap socket inputs: several packets per connection (about 5 here on a quiet machine; how
    // many a connection carries before a closing packet varies with timing, so the bound only
    // proves reuse), and reconnects to the default namespace do not each pay a join snapshot.
    // Whether a reconnect is *recovered* depends on broadcasts landing between its two
    // connections (0–3 of ~20 in a count-bounded slice, by timing), so recovery itself is
    // asserted in server/live/stream.test.ts, not here.
    const sock = s.targets.find((t) => t.name === 'socket')!.info!;
    // Every close is explained: after a closer, or a CONNECT refused by the failed-token limiter
    // (the http target's bad tokens block this address for a moment; waited out, not fuzzed).
    // These were 30–63 "unexpected" closes per 400 before the refusals were told apart.
    expect(sock['unexpectedCloses']).toBe(0);
    expect(s.targets[1]!.sent / sock['connections']!).toBeGreaterThan(2);
    expect(sock['toDefault']).toBeGreaterThan(0);
    // At most one join snapshot per connection. Fewer only when a reconnect was recovered, which
    // depends on timing (above): with 2 reconnects and none recovered, CI saw 2 of 2.
    expect(sock['snapshots']).toBeLessThanOrEqual(sock['toDefault']!);
  }, 300_000);
});
