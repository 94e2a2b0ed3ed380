import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../sim/index.ts';
import { checkKpiPaths } from './kpiPath.ts';
import { ExperimentError, loadExperiment, replicationSeed } from './loadExperiment.ts';

const dir = mkdtempSync(join(tmpdir(), 'bintwin-exp-load-'));
writeFileSync(
  join(dir, 'small.json'),
  JSON.stringify({
    schemaVersion: 1,
    name: 'small',
    seed: 9,
    horizon: { hours: 5 },
    warmupHours: 1,
    workers: [{ role: 'picker', count: 10 }],
    demand: { arrivals: { kind: 'poisson', ratePerHour: 540 } },
    picking: { travel: 'none', serviceTime: { kind: 'exponential', mean: 60 } },
    inventory: { mode: 'unlimited' },
  }),
);

function experimentFile(name: string, body: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof body === 'string' ? body : JSON.stringify(body));
  return path;
}

function problems(path: string): string[] {
  try {
    loadExperiment(path);
  } catch (err) {
    if (err instanceof ExperimentError)
      return err.message
        .split('\n')
        .slice(1)
        .map((l) => l.trim());
    throw err;
  }
  throw new Error('loaded without problems');
}

describe('loadExperiment', () => {
  it('merges each variant over the base like extends, with the file defaults', () => {
    const path = experimentFile('ok.json', {
      name: 'ok',
      base: 'small.json',
      variants: [
        { name: 'ten' },
        {
          name: 'twelve',
          scenario: { workers: [{ role: 'picker', count: 12 }], picking: { serviceTime: 50 } },
        },
      ],
      replications: 3,
      kpis: ['wait.meanSeconds'],
    });
    const e = loadExperiment(path);
    expect(e.variants.map((v) => v.name)).toEqual(['ten', 'twelve']);
    expect(e.variants[1]!.scenario.workers[0]!.count).toBe(12);
    // Objects merge key by key: travel stays from the base, the service time is replaced.
    expect(e.variants[1]!.document['picking']).toEqual({ travel: 'none', serviceTime: 50 });
    expect(e.baseline).toBe(0);
    expect([e.seed, e.warmupHours, e.runHours]).toEqual([9, 1, 5]);
    expect(replicationSeed(e.seed, 0)).toBe('9-1');
  });

  it('expands a sweep and overrides warm-up, run length, seed and baseline', () => {
    const path = experimentFile('sweep.json', {
      name: 'sweep',
      base: 'small.json',
      sweep: {
        factors: [
          { path: 'workers.0.count', values: [10, 11] },
          { path: 'demand.arrivals.ratePerHour', values: [500, 540] },
        ],
      },
      baseline: 'workers.0.count=11,demand.arrivals.ratePerHour=500',
      replications: 2,
      seed: 'study',
      warmupHours: 0,
      runHours: 2,
      kpis: ['orders.created'],
    });
    const e = loadExperiment(path);
    expect(
      e.variants.map((v) => [
        v.scenario.workers[0]!.count,
        (v.scenario.demand.arrivals as { ratePerHour: number }).ratePerHour,
      ]),
    ).toEqual([
      [10, 500],
      [10, 540],
      [11, 500],
      [11, 540],
    ]);
    expect(e.baseline).toBe(2);
    expect(e.variants[0]!.scenario.warmupHours).toBe(0);
    expect([e.seed, e.warmupHours, e.runHours]).toEqual(['study', 0, 2]);
  });

  it('lists every problem of the file with its path', () => {
    const path = experimentFile('bad.json', {
      name: 'Bad',
      base: 'small.json',
      variants: [{ name: 'a' }, { name: 'a', scenario: { pickers: 3 } }],
      sweep: { factors: [] },
      replications: 1,
      kpis: ['wait..x'],
      extra: true,
    });
    expect(problems(path)).toEqual([
      'name: lower-case letters, digits and dashes',
      'sweep.factors: must have at least 1 item, got an array',
      'replications: must be at least 2, got 1',
      'kpis[0]: a dot path such as "counting.policy"',
      'extra: unknown field',
    ]);
  });

  it('reports the rules across fields, then problems of the merged scenarios', () => {
    const cross = experimentFile('cross.json', {
      name: 'cross',
      base: 'small.json',
      variants: [{ name: 'a' }, { name: 'a' }],
      baseline: 'zz',
      replications: { kpi: 'orders.created', halfWidth: 1, initial: 8, max: 4 },
      kpis: ['wait.meanSeconds'],
    });
    expect(problems(cross)).toEqual([
      'variants[1].name: duplicate variant "a"',
      'baseline: no variant "zz" (variants: a, a)',
      'replications.kpi: must be one of the reported kpis (wait.meanSeconds)',
      'replications.initial: more than max (4)',
    ]);
    const merged = experimentFile('merged.json', {
      name: 'merged',
      base: 'small.json',
      variants: [{ name: 'a', scenario: { pickers: 3, workers: [] } }],
      replications: 2,
      kpis: ['wait.meanSeconds'],
    });
    expect(problems(merged)).toEqual([
      'variants[0].scenario: variant "a": workers: must have at least 1 item, got an array',
      'variants[0].scenario: variant "a": pickers: unknown field',
    ]);
    const noBase = experimentFile('nobase.json', {
      name: 'x',
      base: 'nope.json',
      variants: [{ name: 'a' }],
      replications: 2,
      kpis: ['a'],
    });
    expect(problems(noBase)[0]).toMatch(/^base: .*nope\.json: cannot read scenario: no such file$/);
    expect(() => loadExperiment(experimentFile('syntax.json', '{"name": "x",\n  oops}'))).toThrow(
      /syntax\.json:2:3: JSON syntax error/,
    );
  });
});

describe('checkKpiPaths', () => {
  it('checks paths against a real report and says what is there instead', () => {
    const e = loadExperiment(join(dir, 'ok.json'));
    const report = createEngine(e.variants[0]!.scenario, { seed: 1 }).kpis();
    const got = checkKpiPaths(
      report,
      ['wait.meanSeconds', 'wait.nope', 'wait', 'scenario', 'orders.created'],
      'variant "ten"',
    );
    expect(got.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'kpis[1]: variant "ten": no KPI "wait.nope": wait has n, meanSeconds, p90Seconds, steadyState',
      'kpis[2]: variant "ten": "wait" is a group; pick one of n, meanSeconds, p90Seconds, steadyState',
      'kpis[3]: variant "ten": "scenario" is "small", not a number',
    ]);
  });
});
