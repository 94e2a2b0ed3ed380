import { availableParallelism } from 'node:os';
import { usageError } from './cliError.ts';
import { checkRedisUrl } from '../experiment/redisUrl.ts';

/** `bintwin experiment` flags as commander hands them over. */
export interface RawExperimentFlags {
  workers?: string;
  out?: string;
  quiet?: boolean;
  redis?: string;
}

/** Validated flags. */
export interface ExperimentFlags {
  workers: number;
  out?: string;
  quiet: boolean;
  /** Run on `bintwin worker` processes through this Redis instead of local threads. */
  redis?: string;
}

/** Checks the flags before anything is loaded; the default worker count is every core. */
export function parseExperimentFlags(raw: RawExperimentFlags): ExperimentFlags {
  const problems: string[] = [];
  let workers = availableParallelism();
  if (raw.workers !== undefined) {
    workers = Number(raw.workers);
    if (!/^\d+$/.test(raw.workers.trim()) || workers < 1 || workers > 256) {
      problems.push(`--workers must be a whole number from 1 to 256, got ${JSON.stringify(raw.workers)}`);
    }
  }
  if (raw.out !== undefined && raw.out.trim() === '') problems.push('--out must not be empty');
  if (raw.redis !== undefined) {
    try {
      checkRedisUrl(raw.redis);
    } catch (err) {
      problems.push((err as Error).message);
    }
    if (raw.workers !== undefined)
      problems.push('--workers is for local runs; with --redis, start workers with `bintwin worker`');
  }
  if (problems.length > 0) throw usageError(problems.join('; '));
  return { workers, out: raw.out, quiet: raw.quiet === true, redis: raw.redis };
}
