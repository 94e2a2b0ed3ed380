import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../sim/index.ts';
import { checkKpiPaths } from './kpiPath.ts';
import { loadExperiment } from './loadExperiment.ts';

const DIR = fileURLToPath(new URL('../../scenarios/experiments/', import.meta.url));
const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));

describe('shipped experiments', () => {
  it('exist', () => expect(files).toContain('count-policy.json'));

  it.each(files)(
    '%s loads, and its KPIs exist in every variant’s real report',
    (file) => {
      const e = loadExperiment(join(DIR, file));
      expect(e.variants.length).toBeGreaterThan(1);
      const paths = e.experiment.kpis.map((k) => k.path);
      for (const v of e.variants)
        expect(checkKpiPaths(createEngine(v.scenario, { seed: 1 }).kpis(), paths, v.name)).toEqual([]);
    },
    30_000,
  );

  it('count-policy differs between its variants in the counting policy only', () => {
    const e = loadExperiment(join(DIR, 'count-policy.json'));
    const [abc, risk] = e.variants.map((v) => v.scenario);
    expect(abc!.counting?.policy).toBe('abc');
    expect(risk!.counting?.policy).toBe('risk');
    expect({ ...risk, counting: { ...risk!.counting, policy: 'abc' } }).toEqual(abc);
  });
});
