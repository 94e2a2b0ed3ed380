import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeMmcSmall } from '../server/cli/mmcSmallFixture.ts';
import { analyse } from '../server/experiment/analyse.ts';
import { experimentSchema, selectionSchema } from '../server/experiment/experimentSchema.ts';
import { knSettings } from '../server/experiment/knRule.ts';
import { loadExperiment } from '../server/experiment/loadExperiment.ts';
import type { ReplicationPool } from '../server/experiment/replicationPool.ts';
import { runReplication } from '../server/experiment/replicationTask.ts';
import { runExperiment } from '../server/experiment/runExperiment.ts';
import { schemaOptions, withOption } from './schemaOptions.ts';

// The experiment-file side of the configuration matrix: every enum and boolean option of the
// experiment schema, plus the selection procedures (a discriminated union, whose discriminator
// the option walker leaves alone as it does a distribution's `kind`), each run on a tiny
// experiment through the real replications and analysis.

const dir = mkdtempSync(join(tmpdir(), 'bintwin-exp-matrix-'));
writeMmcSmall(dir);

/** A small experiment every option is set on: two variants, a sequential rule, KPIs with goals. */
const BASE = {
  name: 'matrix',
  base: 'mmc-small.json',
  variants: [
    { name: 'ten', scenario: {} },
    { name: 'fourteen', scenario: { workers: [{ role: 'picker', count: 14 }] } },
  ],
  replications: { kpi: 'wait.meanSeconds', halfWidth: 0.5, initial: 3, step: 2, max: 5 },
  warmupHours: 0.25,
  runHours: 0.5,
  kpis: [{ path: 'wait.meanSeconds', goal: 'min' }, { path: 'orders.created' }],
};

/** What a value needs beside itself to be a valid file (the schema's refinements say so). */
const DEPENDENCIES: Record<string, (e: Record<string, unknown>) => void> = {
  'selection.procedure=kn': (e) => {
    e['selection'] = { procedure: 'kn', indifference: 5 };
  },
};

const procedures = selectionSchema.options.map((o) => o.shape.procedure.value);

function cases(): { name: string; file: Record<string, unknown> }[] {
  const out: { name: string; file: Record<string, unknown> }[] = [];
  const add = (path: string, v: unknown, e: Record<string, unknown> | null): void => {
    const name = `${path}=${String(v)}`;
    expect(e, `${name} cannot be set on the base experiment`).not.toBeNull();
    DEPENDENCIES[name]?.(e!);
    out.push({ name, file: e! });
  };
  for (const opt of schemaOptions(experimentSchema))
    for (const v of opt.values)
      add(opt.path, v, withOption(BASE, opt.path, v) as Record<string, unknown> | null);
  for (const p of procedures)
    add('selection.procedure', p, withOption(BASE, 'selection.procedure', p) as Record<string, unknown>);
  return out;
}

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

describe('configuration matrix: every option of the experiment schema', () => {
  const all = cases();

  it('finds the options from the schema (nothing listed by hand)', () => {
    const names = all.map((c) => c.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'kpis.[].goal=max',
        'kpis.[].goal=min',
        'kpis.[].over=run',
        'kpis.[].over=after-warmup',
        'selection.procedure=subset',
        'selection.procedure=kn',
        'site=perReplication',
        'site=fixed',
      ]),
    );
  });

  for (const c of all) {
    it(`${c.name}: the file loads, runs and is analysed`, async () => {
      const path = join(dir, `${c.name.replace(/[^a-z0-9=-]/gi, '_')}.json`);
      writeFileSync(path, JSON.stringify(c.file));
      const loaded = loadExperiment(path);
      const run = await runExperiment(loaded, inThread());
      expect(run.n).toBeGreaterThanOrEqual(3);
      expect(run.replications).toHaveLength(run.n * 2);
      const e = loaded.experiment;
      const a = analyse(e.kpis, ['ten', 'fourteen'], 0, run.n, run.replications, e.confidence, knSettings(e));
      for (const k of a) for (const v of k.variants) expect(v.interval?.mean).toEqual(expect.any(Number));
      // The first KPI has a goal in every case except where the goal was the option set.
      if (a[0]!.goal !== null) expect(a[0]!.selectionText).toEqual(expect.any(String));
      if (e.selection.procedure === 'kn') expect(a[0]!.kn).not.toBeNull();
    }, 60_000);
  }
});
