import { performance } from 'node:perf_hooks';
import { createEngine, erlangC, scenarioSchema } from '../../sim/index.ts';
import { advanceEngine } from '../cli/advanceEngine.ts';
import { createProgress } from '../cli/progressReporter.ts';
import { peakRssMb, round, type BenchCase } from './benchCase.ts';

const LAMBDA_PER_MIN = 9;
const MU_PER_MIN = 1;
const SERVERS = 10;
const CUSTOMERS = 1_000_000;

/** The M/M/c validation system as a scenario: ten pickers, no travel, exponential service, unlimited stock. */
export const mmcScenario = scenarioSchema.parse({
  schemaVersion: 1,
  name: 'mmc-bench',
  workers: [{ role: 'picker', count: SERVERS }],
  demand: {
    arrivals: { kind: 'poisson', ratePerHour: LAMBDA_PER_MIN * 60 },
    linesPerOrder: 1,
    unitsPerLine: 1,
  },
  picking: { travel: 'none', serviceTime: { kind: 'exponential', mean: 60 / MU_PER_MIN } },
  // Identical servers: M/M/c has one μ, so nobody is personally faster or slower.
  people: { speedFactor: 1, taskFactor: 1 },
  inventory: { mode: 'unlimited' },
});

/**
 * M/M/10 with λ = 9/min, μ = 1/min through the real engine, journal off, for about a million
 * customers: throughput, and the simulated mean wait against the exact Erlang C value
 * (0.668732 min), which checks the engine while it is being timed.
 */
export const mmcCase: BenchCase = {
  name: 'mmc',
  description: 'M/M/10 queue (λ=9/min, μ=1/min), 1,000,000 customers, journal off; Wq vs Erlang C',
  async run(mode, options) {
    const exact = erlangC(LAMBDA_PER_MIN, MU_PER_MIN, SERVERS);
    const target = Math.max(1, Math.round(CUSTOMERS * options.scale));
    const horizonMs = Math.ceil(target / (LAMBDA_PER_MIN * 60)) * 3_600_000;
    const engine = createEngine(mmcScenario, { seed: 1 });
    const progress = createProgress('bench mmc', horizonMs, mode);
    // Resident memory when the run passes 10%, 30% and 100% of its horizon (arrivals are Poisson
    // at a constant rate, so 100k/300k/1M customers at full size): flat means nothing grows per
    // customer (the waits kept for the KPI aside). Read by sim time: the engine facade hands out
    // no KPI counters, and a KPI fold per chunk would cost more than what it measures.
    const marks = [0.1, 0.3, 1].map((f) => Math.round(target * f));
    const rssAt: Record<string, number> = {};
    const onChunk = (simMs: number, events: number): void => {
      progress.update(simMs, events);
      const served = (simMs / horizonMs) * target;
      for (const m of marks) {
        if (served >= m && rssAt[m] === undefined) rssAt[m] = Math.round(process.memoryUsage().rss / 2 ** 20);
      }
    };
    const t0 = performance.now();
    await advanceEngine(engine, horizonMs, onChunk);
    const wall = (performance.now() - t0) / 1000;
    progress.stop();
    rssAt[marks[2]!] ??= Math.round(process.memoryUsage().rss / 2 ** 20);
    const k = engine.kpis();
    const customers = k.wait.n;
    const wqMin = k.wait.meanSeconds === null ? null : k.wait.meanSeconds / 60;
    const ss = k.wait.steadyState;
    return {
      customers,
      simHours: horizonMs / 3_600_000,
      wallSeconds: round(wall),
      customersPerSec: Math.round(customers / wall),
      events: engine.eventsProcessed(),
      eventsPerSec: Math.round(engine.eventsProcessed() / wall),
      wqMin: wqMin === null ? null : round(wqMin, 6),
      wqExactMin: round(exact.wq, 6),
      wqRelError: wqMin === null ? null : round((wqMin - exact.wq) / exact.wq, 5),
      wqCi95Min: ss ? [round(ss.lo / 60, 6), round(ss.hi / 60, 6)] : null,
      peakRssMb: peakRssMb(),
      rssMbAtCustomers: rssAt,
      rssGrowthMb:
        rssAt[marks[2]!] !== undefined && rssAt[marks[0]!] !== undefined
          ? rssAt[marks[2]!]! - rssAt[marks[0]!]!
          : null,
    };
  },
};
