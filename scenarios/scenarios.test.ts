import { describe, expect, it } from 'vitest';
import { createEngine } from '../sim/index.ts';
import { listScenarios, loadScenario } from '../server/scenarioLoader.ts';

const HOUR = 3_600_000;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type K = Record<string, any>;

// The engine is deterministic (same scenario and seed, same KPIs), so a run two tests compare
// against (demo-dc for 2 days) is simulated once.
const runs = new Map<string, K>();

function run(name: string, days: number): K {
  const key = `${name}@${days}`;
  const cached = runs.get(key);
  if (cached) return cached;
  const { scenario } = loadScenario(name);
  const e = createEngine(scenario);
  e.runUntil(days * 24 * HOUR);
  const k = e.kpis() as K;
  runs.set(key, k);
  return k;
}

// Each test simulates days of a site: on a loaded 2-core box a test of two 2-day runs took 146 s.
describe('shipped scenarios', { timeout: 300_000 }, () => {
  it('all validate', () => {
    const list = listScenarios();
    expect(list.length).toBeGreaterThanOrEqual(8);
    for (const s of list) expect(s.error, s.name).toBeUndefined();
  });

  it('velocity slotting walks less per line than random slotting (one policy apart)', () => {
    const v = run('demo-dc', 2);
    const r = run('demo-dc-random-slotting', 2);
    const perLine = (k: K) => k.picking.travelKm / k.picking.linesPicked;
    expect(perLine(v)).toBeLessThan(perLine(r) * 0.95);
    expect(v.picking.travelShare).toBeLessThan(r.picking.travelShare);
  });

  it('batch picking walks less per line and keeps pickers less busy than discrete', () => {
    const d = run('demo-dc', 2);
    const b = run('demo-dc-batch', 2);
    expect(b.picking.travelKm / b.picking.linesPicked).toBeLessThan(
      (d.picking.travelKm / d.picking.linesPicked) * 0.9,
    );
    expect(b.labour.picker.busyHours).toBeLessThan(d.labour.picker.busyHours);
    expect(b.lines.fillRate).toBeGreaterThan(0.95);
  });

  // Issue 10's regression: with demand-sized opening stock (merge 8562f3e) and the stress error
  // rates, out-of-tolerance counts doubled and every confirmed recount waited for one of two
  // controllers; 250 bins known wrong sat in review by day 4 and the program barely beat none
  // (0.516 vs 0.511). Small confirmed variances now post under `review.approvalLimit`.
  it('under stress, accuracy decays without counting and is held up by the count program', () => {
    const off = run('reconciliation-stress-no-counts', 4);
    const on = run('reconciliation-stress', 4);
    const series = off.reconciliation.iraOverTime as [number, number][];
    expect(series[series.length - 1]![1]).toBeLessThan(series[0]![1] - 0.05);
    expect(on.reconciliation.iraByTruth).toBeGreaterThan(off.reconciliation.iraByTruth + 0.05);
    expect(on.counting.approved).toBeGreaterThan(0);
    expect(Object.keys(on.reconciliation.adjustmentsByRootCause).length).toBeGreaterThan(1);
  });
});
