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
    // many a connection carries before a closing packet or the deadline varies with load, so the
    // bound only proves reuse), and default-namespace reconnects recovered (no join snapshot)
    // rather than each paying a snapshot.
    const sock = s.targets.find((t) => t.name === 'socket')!.info!;
    expect(s.targets[1]!.sent / sock['connections']!).toBeGreaterThan(2);
    expect(sock['recovered']).toBeGreaterThan(0);
    expect(sock['snapshots']).toBeLessThan(sock['toDefault']!);
  }, 300_000);
});
