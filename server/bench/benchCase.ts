import type { ProgressMode } from '../cli/progressReporter.ts';

/** Options every case receives (cases ignore those they do not support). */
export interface BenchOptions {
  /** Shrinks the case's size by this factor (0 < scale ≤ 1; mmc: customers × scale), for smoke runs and tests. */
  scale: number;
}

/** One benchmark: runs once in its own process and returns the figures for its JSON line. */
export interface BenchCase {
  name: string;
  /** One line for `--help`. */
  description: string;
  run(progress: ProgressMode, options: BenchOptions): Promise<Record<string, unknown>>;
}

/** Peak resident set size of this process so far, in MB (maxRSS is in kB). */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** Rounds to `digits` decimals for readable JSON lines. */
export function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
