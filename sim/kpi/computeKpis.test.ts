import { describe, expect, it } from 'vitest';
import { createEngine } from '../index.ts';
import { smallSite as smallTrackedSite } from '../flows/replenishment/testScenario.ts';

describe('computeKpis', () => {
  it('reading the KPIs leaves the run unchanged (the snapshot is the same before and after)', () => {
    const e = createEngine(smallTrackedSite(), { seed: 'kpi-read' });
    e.runUntil(3 * 3_600_000);
    const before = JSON.stringify(e.snapshot());
    const first = e.kpis();
    const after = JSON.stringify(e.snapshot());
    expect(after).toBe(before);
    // And reading twice gives the same figures (the WIP integral is extended, not advanced).
    expect(JSON.stringify(e.kpis())).toBe(JSON.stringify(first));
    expect(first.littlesLaw.wipIntegralOrderHours).toBeGreaterThan(0);
  });
});
