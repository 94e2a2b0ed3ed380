import { describe, expect, it } from 'vitest';
import { createEngine } from '../sim/index.ts';
import { listScenarios, loadScenario } from '../server/scenarioLoader.ts';

const HOUR = 3_600_000;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type K = Record<string, any>;

function run(name: string, days: number): K {
  const { scenario } = loadScenario(name);
  const e = createEngine(scenario);
  e.runUntil(days * 24 * HOUR);
  return e.kpis() as K;
}

describe('shipped scenarios', () => {
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

  // KNOWN REGRESSION (issue 10 closing note): since the short-pick hold and the PO pipeline at
  // start (merge caad7b1) the count program of reconciliation-stress no longer holds IRA up
  // (4 days: 0.516 with counts vs 0.511 without; it was 0.533 vs 0.491 before, 0.758 vs 0.702
  // before demand-sized stock). Runs as it.fails so the day the cause is fixed this turns red
  // and the marker must go; the cause is not found yet.
  it.fails('under stress, accuracy decays without counting and is held up by the count program', () => {
    const off = run('reconciliation-stress-no-counts', 4);
    const on = run('reconciliation-stress', 4);
    const series = off.reconciliation.iraOverTime as [number, number][];
    expect(series[series.length - 1]![1]).toBeLessThan(series[0]![1] - 0.05);
    expect(on.reconciliation.iraByTruth).toBeGreaterThan(off.reconciliation.iraByTruth + 0.02);
    expect(on.counting.approved).toBeGreaterThan(0);
    expect(Object.keys(on.reconciliation.adjustmentsByRootCause).length).toBeGreaterThan(1);
  });
});
