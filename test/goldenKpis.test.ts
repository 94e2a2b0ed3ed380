import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../sim/index.ts';
import { loadScenario } from '../server/scenarioLoader.ts';

/**
 * Golden hashes of the full KPI output (`engine.kpis()`, as JSON) of shipped scenarios for a fixed
 * seed and duration. Speed work (incremental occupancy and IRA, typed count draws, …) must not
 * change a single figure, and a diff of two KPI trees is easy to miss in review; one hash of all
 * of them is not.
 *
 * When a change is MEANT to change KPIs (a new KPI, a behaviour fix): run
 * `npx vitest run test/goldenKpis.test.ts`, check that the figures that moved are the ones you
 * meant (compare `kpis.json` of `bintwin run <scenario> --hours <h> --seed <seed>` before and
 * after), then paste the new hash printed by the failure into GOLDEN below and say why in the
 * commit message.
 */
const GOLDEN: readonly { scenario: string; seed: string; hours: number; sha256: string }[] = [
  {
    scenario: 'demo-dc',
    seed: '20261128',
    hours: 48,
    sha256: 'd75917ce972e405d891c25bc459a08f534789c1ffbb1bd363a080790b3e9bf14',
  },
  {
    scenario: 'count-policy-risk',
    seed: '20261128',
    hours: 24,
    sha256: '69a27340e37a63c0c3190a6dc068930b660b4436291855bdc104c9207b5015a8',
  },
];

const HOUR = 3_600_000;

/** sha256 of the KPI JSON of a scenario run for `hours` with `seed`. */
function kpiHash(scenario: string, seed: string, hours: number): string {
  const { scenario: s } = loadScenario(scenario);
  const e = createEngine(s, { seed });
  e.runUntil(hours * HOUR);
  return createHash('sha256').update(JSON.stringify(e.kpis())).digest('hex');
}

describe('golden KPI output', () => {
  for (const g of GOLDEN) {
    it(`${g.scenario}, seed ${g.seed}, ${g.hours} h: every KPI as before`, () => {
      const actual = kpiHash(g.scenario, g.seed, g.hours);
      expect(actual, `KPIs of ${g.scenario} changed: new hash ${actual} (see the header to update)`).toBe(
        g.sha256,
      );
    });
  }
});
