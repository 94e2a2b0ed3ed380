import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { usageError } from './cliError.ts';

/** `bintwin experiment` flags as commander hands them over. */
export interface RawExperimentFlags {
  workers?: string;
  out?: string;
  quiet?: boolean;
}

/** Validated flags. */
export interface ExperimentFlags {
  workers: number;
  out?: string;
  quiet: boolean;
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
  if (problems.length > 0) throw usageError(problems.join('; '));
  return { workers, out: raw.out, quiet: raw.quiet === true };
}

/** Registers `bintwin experiment <file>`. */
export function addExperimentCommand(program: Command, result: { exitCode: number }): void {
  program
    .command('experiment')
    .description(
      'run variants of a scenario with replications and compare their KPIs with confidence intervals',
    )
    .argument('<file>', 'experiment file (.json; see README, "Experiments")')
    .option('--workers <n>', 'worker threads running replications (default: every core)')
    .option('--out <dir>', 'output folder (default: runs/experiment-<name>)')
    .option('-q, --quiet', 'no progress and no summary; errors are still printed')
    .addHelpText(
      'after',
      `
Writes <out>/report.html (self-contained: CI plots, box plots, paired differences, ranking,
settings), <out>/replications.csv and <out>/results.json (every replication and every statistic),
and <out>/variants/<name>.json (each variant's full scenario). Replication r runs with seed
"<seed>-r" in every variant (common random numbers), so the results are the same whatever --workers.
Example: bintwin experiment scenarios/experiments/count-policy.json --workers 2`,
    )
    .action(async (file: string, opts: RawExperimentFlags) => {
      const flags = parseExperimentFlags(opts);
      const { experimentCommand } = await import('./experimentCommand.ts');
      result.exitCode = await experimentCommand(file, flags);
    });
}
