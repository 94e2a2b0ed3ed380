import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeMmcSmall } from '../cli/mmcSmallFixture.ts';
import { analyse } from './analyse.ts';
import { knSettings } from './knRule.ts';
import { ExperimentError, loadExperiment } from './loadExperiment.ts';
import type { ReplicationPool } from './replicationPool.ts';
import { runReplication } from './replicationTask.ts';
import { runExperiment } from './runExperiment.ts';

const dir = mkdtempSync(join(tmpdir(), 'bintwin-kn-'));
writeMmcSmall(dir);

function file(name: string, body: Record<string, unknown>): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    JSON.stringify({
      name: 'pickers',
      base: 'mmc-small.json',
      warmupHours: 0.25,
      runHours: 0.5,
      kpis: [{ path: 'wait.meanSeconds', goal: 'min' }, 'orders.created'],
      ...body,
    }),
  );
  return path;
}

// The real replications, run in this thread: the stopping logic is what is under test here.
function inThread(): ReplicationPool {
  return {
    run: (tasks, onDone) =>
      Promise.resolve(
        tasks.map((t) => {
          const r = runReplication(t);
          onDone(r);
          return r;
        }),
      ),
    close: () => Promise.resolve(),
  };
}

function problems(path: string): string[] {
  try {
    loadExperiment(path);
    return [];
  } catch (err) {
    if (!(err instanceof ExperimentError)) throw err;
    return err.message
      .split('\n')
      .slice(1)
      .map((l) => l.trim());
  }
}

describe('KN selection in experiment files', () => {
  it('is validated with path + message', () => {
    const fixed = { variants: [{ name: 'a' }, { name: 'b' }], replications: 4 };
    expect(problems(file('kn1.json', { ...fixed, selection: { procedure: 'kn' } })).join('\n')).toMatch(
      /selection\.indifference/,
    );
    expect(
      problems(
        file('kn2.json', {
          ...fixed,
          selection: { procedure: 'kn', indifference: 1, kpi: 'orders.created' },
        }),
      ),
    ).toEqual([
      expect.stringMatching(/^selection\.kpi: must be a reported KPI with a goal \(wait\.meanSeconds\)/),
    ]);
    expect(
      problems(file('kn3.json', { ...fixed, selection: { procedure: 'kn', indifference: 1, n0: 9 } })),
    ).toEqual([expect.stringMatching(/^selection\.n0: more than the 4 replications/)]);
    expect(problems(file('kn4.json', { ...fixed, selection: { procedure: 'best' } })).join('\n')).toMatch(
      /selection\.procedure/,
    );
  });

  it('with sequential replications, KN stops as soon as one variant is left', async () => {
    // Ten pickers against fourteen at 540 orders/h (ρ 0.9 vs 0.64): waits differ by tens of seconds.
    const loaded = loadExperiment(
      file('kn-clear.json', {
        variants: [
          { name: 'ten', scenario: {} },
          { name: 'fourteen', scenario: { workers: [{ role: 'picker', count: 14 }] } },
        ],
        replications: { kpi: 'wait.meanSeconds', halfWidth: 0.001, initial: 5, step: 1, max: 20 },
        selection: { procedure: 'kn', indifference: 5 },
      }),
    );
    const run = await runExperiment(loaded, inThread());
    // The half-width target (0.001 s) is never met; KN's decision stops it long before max.
    expect(run.knDecided).toBe(true);
    expect(run.targetMet).toBe(false);
    expect(run.n).toBeLessThan(20);
    const kn = knSettings(loaded.experiment)!;
    expect(kn).toEqual({ kpi: 0, goal: 'min', indifference: 5, confidence: 0.95, n0: 5 });
    const a = analyse(loaded.experiment.kpis, ['ten', 'fourteen'], 0, run.n, run.replications, 0.95, kn);
    expect(a[0]!.kn).toMatchObject({ decided: true, best: 1 });
    // Stepping one replication a round, it stopped exactly at the stage KN decided at.
    expect(a[0]!.kn!.r).toBe(run.n);
    expect(a[0]!.selectionText).toMatch(/^fourteen selected as having the lowest mean at 95% confidence/);
    // Subset selection still speaks for KPIs KN does not select on (none here has a goal).
    expect(a[1]!.kn).toBeNull();
  });

  it('when the variants are within the indifference zone it runs to max and says it has not decided', async () => {
    const loaded = loadExperiment(
      file('kn-same.json', {
        variants: [
          { name: 'a', scenario: {} },
          { name: 'b', scenario: {} },
        ],
        replications: { kpi: 'wait.meanSeconds', halfWidth: 0.001, initial: 3, step: 2, max: 7 },
        selection: { procedure: 'kn', indifference: 0.01 },
      }),
    );
    const run = await runExperiment(loaded, inThread());
    expect(run).toMatchObject({ n: 7, knDecided: false });
    const a = analyse(
      loaded.experiment.kpis,
      ['a', 'b'],
      0,
      run.n,
      run.replications,
      0.95,
      knSettings(loaded.experiment),
    );
    expect(a[0]!.selectionText).toMatch(
      /^not decided after 7 paired replications: \{a, b\} remain in contention/,
    );
  });
});
