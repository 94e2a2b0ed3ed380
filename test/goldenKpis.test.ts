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
    sha256: 'eaf5dffd1ff75b2afcf3c5540bb211ee3d277a4f33c5d8f3823d109f9acc0bbe',
  },
  {
    scenario: 'count-policy-risk',
    seed: '20261128',
    hours: 24,
    sha256: '5da9dfa5c5899dad31740c89849c9c3a9f90f4dfebaac1467c04747b3d67c97a',
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
