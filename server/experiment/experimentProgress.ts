import cliProgress from 'cli-progress';
import { performance } from 'node:perf_hooks';
import { formatWallSeconds } from '../cli/displayFormat.ts';
import type { ProgressMode } from '../cli/progressReporter.ts';

/** Shows replications done of planned, with an ETA. */
export interface ExperimentProgress {
  /** After each finished replication; `planned` may grow between sequential rounds. */
  update(done: number, planned: number): void;
  stop(): void;
}

/** A cli-progress bar on a terminal, one line per replication otherwise, or nothing; `initial` replications planned. */
export function createExperimentProgress(
  label: string,
  mode: ProgressMode,
  initial: number,
  stream: NodeJS.WritableStream = process.stderr,
): ExperimentProgress {
  if (mode === 'off') return { update() {}, stop() {} };
  const started = performance.now();
  if (mode === 'lines') {
    return {
      update(done, planned) {
        const s = (performance.now() - started) / 1000;
        const eta =
          done > 0 && planned > done ? `, ETA ${formatWallSeconds((s / done) * (planned - done))}` : '';
        stream.write(`${label}: ${done}/${planned} replications in ${formatWallSeconds(s)}${eta}\n`);
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} {bar} {value}/{total} replications | {elapsed} | ETA {eta_formatted}`,
      stream,
      hideCursor: true,
      barsize: 24,
      etaBuffer: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  let total = initial;
  bar.start(initial, 0, { elapsed: '0 s' });
  return {
    update(done, planned) {
      if (planned !== total) {
        bar.setTotal(planned);
        total = planned;
      }
      bar.update(done, { elapsed: formatWallSeconds((performance.now() - started) / 1000) });
    },
    stop() {
      bar.stop();
    },
  };
}
