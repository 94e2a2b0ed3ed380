import { performance } from 'node:perf_hooks';
import { createEngine } from '../../sim/index.ts';
import { advanceEngine } from '../cli/advanceEngine.ts';
import { createProgress } from '../cli/progressReporter.ts';
import { loadScenario } from '../scenarioLoader.ts';
import { peakRssMb, round, type BenchCase } from './benchCase.ts';

const WEEK_MS = 7 * 24 * 3_600_000;

/** The large site (≥ 20,000 bins, 5,000 SKUs, 70 workers, ~20,000 lines a day) for a simulated week. */
export const benchDcCase: BenchCase = {
  name: 'bench-dc',
  description:
    'bench-dc (22,890 bins, 5,000 SKUs, 70 workers) for 7 simulated days, journal off; target ≤ 5 s, < 1 GB',
  async run(mode) {
    const { scenario } = loadScenario('bench-dc');
    const t0 = performance.now();
    const engine = createEngine(scenario);
    const setup = (performance.now() - t0) / 1000;
    const progress = createProgress('bench bench-dc', WEEK_MS, mode);
    await advanceEngine(engine, WEEK_MS, progress.update);
    const wall = (performance.now() - t0) / 1000;
    progress.stop();
    const k = engine.kpis();
    return {
      simDays: 7,
      bins: engine.site().bins.length,
      skus: engine.site().items.length,
      workers: engine.site().workers,
      linesCreated: k.lines.created,
      linesPerDay: Math.round(k.lines.created / 7),
      setupSeconds: round(setup),
      wallSeconds: round(wall),
      simSecondsPerWallSecond: Math.round(WEEK_MS / 1000 / wall),
      events: engine.eventsProcessed(),
      eventsPerSec: Math.round(engine.eventsProcessed() / wall),
      peakRssMb: peakRssMb(),
    };
  },
};
