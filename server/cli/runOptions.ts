import { join, resolve } from 'node:path';
import type { Scenario } from '../../sim/index.ts';
import { usageError } from './cliError.ts';

const HOUR_MS = 3_600_000;
/** Longest run the CLI accepts: ten years is far beyond any study and keeps ms times exact. */
export const MAX_HORIZON_DAYS = 3650;

/** `bintwin run` flags as commander hands them over: raw strings. */
export interface RawRunFlags {
  days?: string;
  hours?: string;
  seed?: string;
  out?: string;
  journal?: string;
  quiet?: boolean;
}

/** Flags after validation; unset ones fall back to the scenario in `planRun`. */
export interface RunFlags {
  horizonMs?: number;
  seed?: number | string;
  out?: string;
  /** A path, `'none'`, or undefined for the default inside the output folder. */
  journal?: string;
  quiet: boolean;
}

/** Everything `run` needs, resolved: absolute paths, a horizon in ms, the seed actually used. */
export interface RunPlan {
  horizonMs: number;
  seed: number | string;
  outDir: string;
  /** Null when the journal is off. */
  journalPath: string | null;
  quiet: boolean;
}

/** Validates every flag and throws one usage error naming all that are wrong, so one retry fixes them all. */
export function parseRunFlags(raw: RawRunFlags): RunFlags {
  const problems: string[] = [];
  const days = positive('--days', raw.days, problems);
  const hours = positive('--hours', raw.hours, problems);
  if (raw.days !== undefined && raw.hours !== undefined) {
    problems.push('give --days or --hours, not both');
  }
  let horizonMs: number | undefined;
  if (days !== undefined) horizonMs = Math.round(days * 24 * HOUR_MS);
  if (hours !== undefined) horizonMs = Math.round(hours * HOUR_MS);
  if (horizonMs !== undefined && horizonMs > MAX_HORIZON_DAYS * 24 * HOUR_MS) {
    problems.push(`the run may be at most ${MAX_HORIZON_DAYS} days long`);
  }
  if (horizonMs === 0) problems.push('the run must be at least 1 ms long');
  let seed: number | string | undefined;
  if (raw.seed !== undefined) {
    if (raw.seed.trim() === '') problems.push('--seed must not be empty');
    // Integers stay numbers so `--seed 7` means the same as `"seed": 7` in a scenario file.
    else
      seed = /^-?\d+$/.test(raw.seed) && Number.isSafeInteger(Number(raw.seed)) ? Number(raw.seed) : raw.seed;
  }
  if (raw.out !== undefined && raw.out.trim() === '') problems.push('--out must not be empty');
  if (raw.journal !== undefined && raw.journal.trim() === '') {
    problems.push('--journal must be a file path or "none"');
  }
  if (problems.length > 0) throw usageError(problems.join('; '));
  return { horizonMs, seed, out: raw.out, journal: raw.journal, quiet: raw.quiet === true };
}

/** Fills in defaults from the scenario: horizon, seed, `runs/<scenario>-<seed>`, `<out>/journal.ndjson`. */
export function planRun(flags: RunFlags, scenario: Scenario, cwd: string = process.cwd()): RunPlan {
  const seed = flags.seed ?? scenario.seed;
  const outDir = resolve(cwd, flags.out ?? join('runs', `${scenario.name}-${seed}`));
  const journalPath =
    flags.journal === 'none'
      ? null
      : flags.journal
        ? resolve(cwd, flags.journal)
        : join(outDir, 'journal.ndjson');
  return {
    horizonMs: flags.horizonMs ?? scenarioHorizonMs(scenario),
    seed,
    outDir,
    journalPath,
    quiet: flags.quiet,
  };
}

/** The scenario's default run length; days and hours add up, and an empty horizon means one day. */
export function scenarioHorizonMs(scenario: Scenario): number {
  const { days = 0, hours = 0 } = scenario.horizon;
  const ms = Math.round((days * 24 + hours) * HOUR_MS);
  return ms > 0 ? ms : 24 * HOUR_MS;
}

function positive(flag: string, raw: string | undefined, problems: string[]): number | undefined {
  if (raw === undefined) return undefined;
  const x = raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(x) || x <= 0) {
    problems.push(`${flag} must be a positive number, got ${JSON.stringify(raw)}`);
    return undefined;
  }
  return x;
}
