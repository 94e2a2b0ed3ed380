import type { ProgressMode } from '../cli/progressReporter.ts';

/** One benchmark: runs once in its own process and returns the figures for its JSON line. */
export interface BenchCase {
  name: string;
  /** One line for `--help`. */
  description: string;
  run(progress: ProgressMode): Promise<Record<string, unknown>>;
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
