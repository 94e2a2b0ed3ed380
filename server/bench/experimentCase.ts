import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { analyse } from '../experiment/analyse.ts';
import { createExperimentProgress } from '../experiment/experimentProgress.ts';
import { loadExperiment, type LoadedExperiment } from '../experiment/loadExperiment.ts';
import { createReplicationPool } from '../experiment/replicationPool.ts';
import { runExperiment, type ExperimentRun } from '../experiment/runExperiment.ts';
import { round, type BenchCase } from './benchCase.ts';

const FILE = fileURLToPath(new URL('../../scenarios/experiments/demo-dc-week.json', import.meta.url));

/**
 * `bintwin experiment` on scenarios/experiments/demo-dc-week.json (30 replications × 2 variants
 * of a demo-dc week), once on 1 worker and once on every core: wall times, speed-up, whether the
 * results matched, and the CI half-widths reached. `--scale` shrinks the replications (≥ 2).
 */
export const experimentCase: BenchCase = {
  name: 'experiment',
  description:
    '30 replications × 2 variants of a demo-dc week on 1 and on all workers; speed-up and CI half-widths',
  async run(mode, options) {
    const file = loadExperiment(FILE);
    const reps = Math.max(2, Math.round(30 * options.scale));
    const loaded: LoadedExperiment = { ...file, experiment: { ...file.experiment, replications: reps } };
    const all = availableParallelism();
    const timed = async (workers: number): Promise<{ run: ExperimentRun; wall: number }> => {
      const progress = createExperimentProgress(`bench experiment ×${workers}`, mode, reps * 2);
      const t0 = performance.now();
      const run = await runExperiment(loaded, createReplicationPool(workers), (done, planned) =>
        progress.update(done, planned),
      );
      progress.stop();
      return { run, wall: (performance.now() - t0) / 1000 };
    };
    const one = await timed(1);
    const many = await timed(all);
    const e = loaded.experiment;
    const kpis = analyse(
      e.kpis,
      loaded.variants.map((v) => v.name),
      loaded.baseline,
      many.run.n,
      many.run.replications,
      e.confidence,
    );
    const halfWidth = (path: string): Record<string, number | null> =>
      Object.fromEntries(
        kpis.find((k) => k.path === path)!.variants.map((v) => [v.variant, v.interval?.halfWidth ?? null]),
      );
    return {
      replicationsPerVariant: reps,
      variants: loaded.variants.length,
      simDaysEach: loaded.runHours / 24,
      workers: all,
      wallSeconds1: round(one.wall),
      wallSecondsAll: round(many.wall),
      speedUp: round(one.wall / many.wall, 2),
      identicalResults: JSON.stringify(one.run) === JSON.stringify(many.run),
      iraHalfWidth: halfWidth('reconciliation.iraByTruth'),
      fillRateHalfWidth: halfWidth('lines.fillRate'),
      iraDifference: kpis[0]!.variants[1]!.vsBaseline,
    };
  },
};
