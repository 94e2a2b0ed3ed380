import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runNetworkCommand } from './runNetworkCommand.ts';

describe('bintwin run <network>: the summary', () => {
  const out = mkdtempSync(join(tmpdir(), 'bintwin-netcli-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('prints the network KPIs (in transit, lead time, discrepancy rate, network IRA) as kpis.json has them', async () => {
    let text = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      text += String(chunk);
      return true;
    });
    try {
      expect(
        await runNetworkCommand('demo-network', {
          horizonMs: 24 * 3_600_000,
          out,
          journal: 'none',
          quiet: false,
        }),
      ).toBe(0);
    } finally {
      spy.mockRestore();
    }
    const k = (
      JSON.parse(readFileSync(join(out, 'kpis.json'), 'utf8')) as { network: Record<string, unknown> }
    ).network;
    expect(text).toMatch(/in transit units\s+\d/);
    expect(text).toMatch(/in transit value\s+[\d,.]+/);
    expect(text).toMatch(/transfer lead time hours\n\s+mean\s+[\d.]+/);
    expect(text).toMatch(/transfer discrepancy rate\s+[\d.]+/);
    // The summary rounds to three places.
    const ira = Number(/network ira\s+([\d.]+)/.exec(text)?.[1]);
    expect(Math.abs(ira - (k['networkIra'] as number))).toBeLessThan(0.0006);
    for (const site of ['DC1', 'DC2', 'BR1', 'BR2', 'BR3']) expect(text).toContain(`  ${site} (`);
  });
});
