import { availableParallelism } from 'node:os';
import { usageError } from './cliError.ts';
import { MAX_HORIZON_DAYS } from './runOptions.ts';
import type { SlottingMethod } from '../slotting/slottingProposal.ts';

/** `bintwin slotting` flags as commander hands them over. */
export interface RawSlottingFlags {
  days?: string;
  seed?: string;
  method?: string;
  replications?: string;
  runDays?: string;
  workers?: string;
  out?: string;
  experiment?: boolean;
  quiet?: boolean;
}

/** Validated flags. */
export interface SlottingFlags {
  /** Days of history to simulate when given a scenario (a run folder has its own). */
  days: number;
  seed?: string;
  method: SlottingMethod;
  replications: number;
  /** Days each replication of the paired experiment runs (default: `days`). */
  runDays: number;
  workers: number;
  out?: string;
  /** False: stop after writing the proposal (`--no-experiment`). */
  experiment: boolean;
  quiet: boolean;
}

const positive = (v: string): boolean => /^\s*\d+(\.\d+)?\s*$/.test(v) && Number(v) > 0;
const whole = (v: string, lo: number, hi: number): boolean =>
  /^\s*\d+\s*$/.test(v) && Number(v) >= lo && Number(v) <= hi;

/** Checks every flag before anything is loaded, naming each bad one. */
export function parseSlottingFlags(raw: RawSlottingFlags): SlottingFlags {
  const problems: string[] = [];
  const days = raw.days ?? '1';
  if (!positive(days) || Number(days) > MAX_HORIZON_DAYS)
    problems.push(
      `--days must be a positive number up to ${MAX_HORIZON_DAYS}, got ${JSON.stringify(raw.days)}`,
    );
  const runDays = raw.runDays ?? days;
  if (raw.runDays !== undefined && (!positive(runDays) || Number(runDays) > MAX_HORIZON_DAYS))
    problems.push(
      `--run-days must be a positive number up to ${MAX_HORIZON_DAYS}, got ${JSON.stringify(raw.runDays)}`,
    );
  const method = raw.method ?? 'coi';
  if (method !== 'abc' && method !== 'coi')
    problems.push(`--method must be abc or coi, got ${JSON.stringify(raw.method)}`);
  const reps = raw.replications ?? '10';
  if (!whole(reps, 2, 1000))
    problems.push(
      `--replications must be a whole number from 2 to 1000, got ${JSON.stringify(raw.replications)}`,
    );
  const workers = raw.workers ?? String(availableParallelism());
  if (!whole(workers, 1, 256))
    problems.push(`--workers must be a whole number from 1 to 256, got ${JSON.stringify(raw.workers)}`);
  if (raw.seed !== undefined && raw.seed.trim() === '') problems.push('--seed must not be empty');
  if (raw.out !== undefined && raw.out.trim() === '') problems.push('--out must not be empty');
  if (problems.length > 0) throw usageError(problems.join('; '));
  return {
    days: Number(days),
    seed: raw.seed,
    method: method as SlottingMethod,
    replications: Number(reps),
    runDays: Number(runDays),
    workers: Number(workers),
    out: raw.out,
    experiment: raw.experiment !== false,
    quiet: raw.quiet === true,
  };
}
