import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { experimentSchema } from './experimentSchema.ts';
import { loadExperiment } from './loadExperiment.ts';
import { replicationTasks } from './runExperiment.ts';
import { replicationEngine, runReplication } from './replicationTask.ts';

const dir = mkdtempSync(join(tmpdir(), 'bintwin-fixed-site-'));

/** A small tracked site whose items and slotting are drawn from the seed (random slotting). */
writeFileSync(
  join(dir, 'drawn-site.json'),
  JSON.stringify({
    schemaVersion: 1,
    name: 'drawn-site',
    seed: 4,
    horizon: { hours: 4 },
    layout: {
      generate: {
        site: 'T1',
        baysPerAisle: 10,
        zones: [
          { id: 'F', name: 'Forward', kind: 'forward', aisles: 2, levels: 2 },
          { id: 'R', name: 'Reserve', kind: 'reserve', aisles: 2, levels: 3 },
          { id: 'P', name: 'Pack', kind: 'pack', bins: 2 },
        ],
      },
    },
    items: { generate: { count: 30, chilledShare: 0, frozenShare: 0, hazmatShare: 0 } },
    workers: [{ role: 'picker', count: 3, speed: 1.1, prefix: 'pick' }],
    demand: { arrivals: { kind: 'poisson', ratePerHour: 40 }, linesPerOrder: 2, unitsPerLine: 2 },
    picking: { method: 'discrete', serviceTime: 10, tourOverhead: 20 },
    stock: { slotting: 'random', opening: 'full', reservePallets: 1 },
  }),
);

/** The experiment's replication tasks (one variant, three replications) with the site option given. */
function tasks(site?: string): ReturnType<typeof replicationTasks> {
  const file = join(dir, `exp-${site ?? 'default'}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      name: 'fixed-site',
      base: 'drawn-site.json',
      variants: [{ name: 'as-is', scenario: {} }],
      replications: 3,
      runHours: 2,
      kpis: [{ path: 'orders.created' }],
      ...(site === undefined ? {} : { site }),
    }),
  );
  return replicationTasks(loadExperiment(file, dir), 0, 3);
}

/** Each replication's site as one string: its items (SKU, cost, family, size) and pick faces. */
function siteOf(t: ReturnType<typeof tasks>[number]): string {
  const s = replicationEngine(t).site();
  return JSON.stringify({ bins: s.bins.map((b) => b.code), items: s.items, faces: s.faces });
}

describe("experiment option site: 'fixed'", () => {
  it('holds the drawn site fixed while each replication draws its own demand', () => {
    const fixed = tasks('fixed');
    const sites = new Set(fixed.map(siteOf));
    expect(sites.size).toBe(1);
    const demand = fixed.map((t) => JSON.stringify(runReplication(t).values));
    expect(new Set(demand).size).toBe(3);
    // The fixed site is the one the experiment's root seed draws (here the scenario's seed).
    expect([...sites][0]).toBe(siteOf({ ...fixed[0]!, seed: '4', siteSeed: undefined }));
  });

  it('perReplication (the default) draws another site in every replication, as before', () => {
    const per = tasks();
    expect(per.every((t) => t.siteSeed === undefined)).toBe(true);
    expect(new Set(per.map(siteOf)).size).toBe(3);
    expect(tasks('perReplication')).toEqual(per);
  });

  it('rejects another value, naming the field', () => {
    const bad = experimentSchema.safeParse({ site: 'frozen' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.some((i) => i.path.join('.') === 'site')).toBe(true);
  });
});
