import { performance } from 'node:perf_hooks';
import { createEngine } from '../../sim/index.ts';
import { advanceEngine } from '../cli/advanceEngine.ts';
import { createProgress } from '../cli/progressReporter.ts';
import { loadScenario } from '../scenarioLoader.ts';
import { peakRssMb, round, type BenchCase } from './benchCase.ts';

const WEEK_MS = 7 * 24 * 3_600_000;

/** The shipped demo site for a simulated week, journal off: how much faster than real time the engine runs. */
export const dcWeekCase: BenchCase = {
  name: 'dc-week',
  description: 'demo-dc for 7 simulated days, journal off; sim seconds per wall second',
  async run(mode) {
    const { scenario } = loadScenario('demo-dc');
    const engine = createEngine(scenario);
    const progress = createProgress('bench dc-week', WEEK_MS, mode);
    const t0 = performance.now();
    await advanceEngine(engine, WEEK_MS, progress.update);
    const wall = (performance.now() - t0) / 1000;
    progress.stop();
    const k = engine.kpis();
    return {
      simDays: 7,
      wallSeconds: round(wall),
      simSecondsPerWallSecond: Math.round(WEEK_MS / 1000 / wall),
      events: engine.eventsProcessed(),
      eventsPerSec: Math.round(engine.eventsProcessed() / wall),
      ordersCreated: k.orders.created,
      peakRssMb: peakRssMb(),
    };
  },
};
