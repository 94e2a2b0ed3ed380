import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { siteScenario } from '../../sim/networkApi.ts';
import { loadNetwork } from '../networkLoader.ts';
import { startNetworkServer } from './networkServer.ts';
import { DEFAULT_SCENARIO_BUDGET, networkBudgetProblems, scenarioSize } from './scenarioBudget.ts';
import { testServerOptions } from './testServer.ts';

const { network } = loadNetwork('demo-network');
const dir = mkdtempSync(join(tmpdir(), 'bintwin-netbudget-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('network scenario size budgets', () => {
  it('demo-network fits the defaults', () => {
    expect(networkBudgetProblems(network)).toEqual([]);
  });

  it('a site over a budget is named by its path from the network root', () => {
    const br1 = network.sites.findIndex((s) => s.name === 'BR1');
    const bins = scenarioSize(siteScenario(network, br1)).bins;
    const tight = { ...DEFAULT_SCENARIO_BUDGET, bins: bins - 1 };
    const problems = networkBudgetProblems(network, tight);
    expect(problems.some((p) => p.path === `sites[${br1}].scenario.layout`)).toBe(true);
    expect(problems.find((p) => p.path === `sites[${br1}].scenario.layout`)!.message).toMatch(
      /^BR1: bins .* exceeds this server's budget of .* \(BINTWIN_MAX_BINS\)$/,
    );
  });

  it('sites that each fit but together do not are refused as a network', () => {
    const per = network.sites.map((_, i) => scenarioSize(siteScenario(network, i)).bins);
    const budget = { ...DEFAULT_SCENARIO_BUDGET, bins: Math.max(...per) };
    const problems = networkBudgetProblems(network, budget);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe('sites');
    expect(problems[0]!.message).toMatch(/bins .* across the network's 5 sites exceeds/);
  });

  it('the live server refuses to build a network run over budget (path and message), before any run exists', async () => {
    const dataDir = join(dir, 'data');
    await expect(
      startNetworkServer(
        testServerOptions('demo-network', { speed: 60, paused: true, until: null }, dataDir, {
          env: { BINTWIN_MAX_WORKERS: '3' },
        }),
      ),
    ).rejects.toThrow(/over budget: sites\[0\]\.scenario\.workers: DC1: workers .* \(BINTWIN_MAX_WORKERS\)/);
  });
});
