import { describe, expect, it } from 'vitest';
import { createEngine, erlangC, scenarioSchema, type ScenarioInput } from '../sim/index.ts';

/** An M/M/c system written as a scenario: λ and μ per minute, c pickers, no travel, no stock limits. */
function mmc(lambdaPerMin: number, muPerMin: number, c: number, extra: Partial<ScenarioInput> = {}) {
  return scenarioSchema.parse({
    schemaVersion: 1,
    name: 'mmc',
    warmupHours: 20,
    workers: [{ role: 'picker', count: c }],
    demand: {
      arrivals: { kind: 'poisson', ratePerHour: lambdaPerMin * 60 },
      linesPerOrder: 1,
      unitsPerLine: 1,
    },
    picking: { travel: 'none', serviceTime: { kind: 'exponential', mean: 60 / muPerMin } },
    inventory: { mode: 'unlimited' },
    // Identical servers: M/M/c has one μ, so nobody is personally faster or slower.
    people: { speedFactor: 1, taskFactor: 1 },
    ...extra,
  });
}

describe('M/M/c validation against Erlang C', () => {
  // Customers per case: heavy traffic (ρ ≈ 0.9) has strongly correlated waits and needs longer runs.
  it.each([
    [2, 1, 3, 4 / 9, 200_000],
    [9, 1, 10, 0.668732, 600_000],
    [0.5, 1, 1, 1, 200_000],
    [4, 1.5, 3, erlangC(4, 1.5, 3).wq, 600_000],
  ])(
    'λ=%s/min μ=%s/min c=%s: Wq within its own 95 pct CI of exact %s min, %s customers',
    (lambda, mu, c, exactMin, customers) => {
      expect(erlangC(lambda, mu, c).wq).toBeCloseTo(exactMin, 6);
      const e = createEngine(mmc(lambda, mu, c), { seed: 11 });
      const hours = customers / (lambda * 60);
      e.runUntil(hours * 3_600_000);
      const ss = e.kpis().wait.steadyState!;
      const exactSec = exactMin * 60;
      expect(ss.lo).toBeLessThanOrEqual(exactSec);
      expect(ss.hi).toBeGreaterThanOrEqual(exactSec);
      // The CI must be informative, not trivially wide.
      expect(ss.halfWidth / exactSec).toBeLessThan(0.15);
    },
  );

  it("Little's law holds exactly on a run that starts and ends empty", () => {
    const e = createEngine(
      mmc(2, 1, 3, { demand: { arrivals: { kind: 'poisson', ratePerHour: 120 }, stopAfterHours: 50 } }),
      {
        seed: 3,
      },
    );
    e.drain(1_000 * 3_600_000);
    const k = e.kpis();
    expect(k.littlesLaw.inSystem).toBe(0);
    expect(k.orders.created).toBeGreaterThan(5000);
    expect(k.orders.shipped).toBe(k.orders.created);
    expect(k.littlesLaw.wipIntegralOrderHours).toBe(k.littlesLaw.sojournOrderHours);
  });
});
