import cliProgress from 'cli-progress';
import { performance } from 'node:perf_hooks';
import { formatRate, formatSimTime } from './displayFormat.ts';

/** How progress is shown: a live bar on a terminal, a line every 10% in logs, or nothing. */
export type ProgressMode = 'bar' | 'lines' | 'off';

/** Receives the run's position after each chunk. */
export interface ProgressReporter {
  /** Reports sim time reached and events processed so far. */
  update(simMs: number, events: number): void;
  /** Ends the display (the bar leaves its last state on screen). */
  stop(): void;
}

/**
 * Picks the mode: a bar only when both stdout and stderr are terminals (the bar is drawn on
 * stderr; if either is redirected, carriage-return redraws would litter a file or CI log).
 */
export function progressMode(quiet: boolean): ProgressMode {
  if (quiet) return 'off';
  return process.stderr.isTTY && process.stdout.isTTY ? 'bar' : 'lines';
}

/** Creates a reporter for a run of `totalMs` sim time, writing to `stream` (stderr by default). */
export function createProgress(
  label: string,
  totalMs: number,
  mode: ProgressMode,
  stream: NodeJS.WritableStream = process.stderr,
): ProgressReporter {
  const started = performance.now();
  const rate = (events: number): string => {
    const s = (performance.now() - started) / 1000;
    return s > 0 ? formatRate(events / s) : '–';
  };
  if (mode === 'off') return { update() {}, stop() {} };
  if (mode === 'lines') {
    let nextTenth = 1;
    return {
      update(simMs, events) {
        const tenth = Math.floor((simMs / totalMs) * 10);
        if (tenth < nextTenth) return;
        nextTenth = tenth + 1;
        const pct = `${Math.round((simMs / totalMs) * 100)}%`.padStart(4);
        stream.write(
          `${label} ${pct}  ${formatSimTime(simMs)}  ${events.toLocaleString('en-US')} events  ${rate(events)} events/s\n`,
        );
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} {bar} {percentage}% | {sim} | {events} events | {rate} events/s | ETA {eta_formatted}`,
      stream,
      hideCursor: true,
      barsize: 24,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(totalMs, 0, { sim: formatSimTime(0), events: '0', rate: '–' });
  return {
    update(simMs, events) {
      bar.update(simMs, {
        sim: formatSimTime(simMs),
        events: events.toLocaleString('en-US'),
        rate: rate(events),
      });
    },
    stop() {
      bar.stop();
    },
  };
}
