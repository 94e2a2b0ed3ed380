import { describe, expect, it } from 'vitest';
import { runFuzz } from './main.ts';

describe('fuzz slice (npm run fuzz runs the full one)', () => {
  it('seeded HTTP and socket inputs: no crash, no 5xx, the server stays up', async () => {
    const s = await runFuzz({ seed: 'test-slice', iterations: 1200, seconds: 25 });
    expect(s.crashes).toEqual([]);
    for (const t of s.targets) {
      expect(t.sent, t.name).toBeGreaterThan(50);
      expect(t.examples, t.name).toEqual([]);
      expect(t.serverErrors, t.name).toBe(0);
    }
  }, 90_000);
});
