import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runNetworkCommand } from '../server/cli/runNetworkCommand.ts';

// scenarios/networks/demo-network-claims.json, run as `bintwin run demo-network-claims` does:
// it shows what it is for — transfer claims found and written off, and returns queueing for
// the DCs' one rework bench each.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type K = Record<string, any>;

describe('demo-network-claims from the CLI', () => {
  const out = mkdtempSync(join(tmpdir(), 'bintwin-netclaims-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('runs 40 h: claims are opened, found and written off; returns queue for the rework benches', async () => {
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const rc = await runNetworkCommand('demo-network-claims', {
        horizonMs: 40 * 3_600_000,
        out,
        journal: 'none',
        quiet: true,
      });
      expect(rc).toBe(0);
    } finally {
      spy.mockRestore();
    }
    const k = JSON.parse(readFileSync(join(out, 'kpis.json'), 'utf8')) as { sites: Record<string, K> };
    const claims = Object.values(k.sites).map((s) => s['transfers']?.['claims'] as K | undefined);
    const sum = (key: string): number => claims.reduce((a, c) => a + ((c?.[key] as number) ?? 0), 0);
    expect(sum('opened')).toBeGreaterThan(0);
    expect(sum('found')).toBeGreaterThan(0);
    expect(sum('writtenOff')).toBeGreaterThan(0);
    for (const dc of ['DC1', 'DC2']) {
      const rework = k.sites[dc]!['returns']['rework'] as K;
      expect(rework['slots'], dc).toBe(1);
      expect(rework['started'], dc).toBeGreaterThan(0);
      // One bench cannot keep up: returns wait for it.
      expect(rework['maxQueue'], dc).toBeGreaterThan(0);
      expect(rework['wait']['meanHours'], dc).toBeGreaterThan(0);
    }
  }, 180_000);
});
