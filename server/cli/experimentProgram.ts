import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { parseExperimentFlags, type RawExperimentFlags } from './experimentOptions.ts';
import { usageError } from './cliError.ts';
import { checkRedisUrl } from '../experiment/redisUrl.ts';

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
    .option(
      '--redis <url>',
      'queue the replications on this Redis (BullMQ) for `bintwin worker` processes, instead of local threads',
    )
    .option('-q, --quiet', 'no progress and no summary; errors are still printed')
    .addHelpText(
      'after',
      `
Writes <out>/report.html (self-contained: CI plots, box plots, paired differences, ranking,
settings), <out>/replications.csv and <out>/results.json (every replication and every statistic),
and <out>/variants/<name>.json (each variant's full scenario). Replication r runs with seed
"<seed>-r" in every variant (common random numbers), so the results are the same whatever --workers.
Example: bintwin experiment scenarios/experiments/count-policy.json --workers 2
On a cluster: bintwin worker --redis redis://host:6379 on each machine, then
              bintwin experiment <file> --redis redis://host:6379`,
    )
    .action(async (file: string, opts: RawExperimentFlags) => {
      const flags = parseExperimentFlags(opts);
      const { experimentCommand } = await import('./experimentCommand.ts');
      result.exitCode = await experimentCommand(file, flags);
    });
}

/** Registers `bintwin worker --redis <url>`: runs queued replications until stopped. */
export function addWorkerCommand(program: Command, result: { exitCode: number }): void {
  program
    .command('worker')
    .description('run replications queued by `bintwin experiment --redis` (BullMQ), until Ctrl-C')
    .requiredOption('--redis <url>', 'the Redis the experiments queue on, e.g. redis://127.0.0.1:6379')
    .option(
      '--concurrency <n>',
      'replication batches run at once, each on its own thread (default: every core)',
    )
    .action(async (opts: { redis: string; concurrency?: string }) => {
      const problems: string[] = [];
      try {
        checkRedisUrl(opts.redis);
      } catch (err) {
        problems.push((err as Error).message);
      }
      let concurrency = availableParallelism();
      if (opts.concurrency !== undefined) {
        concurrency = Number(opts.concurrency);
        if (!/^\d+$/.test(opts.concurrency.trim()) || concurrency < 1 || concurrency > 256)
          problems.push(
            `--concurrency must be a whole number from 1 to 256, got ${JSON.stringify(opts.concurrency)}`,
          );
      }
      if (problems.length > 0) throw usageError(problems.join('; '));
      const { workerCommand } = await import('./workerCommand.ts');
      result.exitCode = await workerCommand(opts.redis, concurrency);
    });
}
