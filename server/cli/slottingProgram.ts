import type { Command } from 'commander';
import { parseSlottingFlags, type RawSlottingFlags } from './slottingOptions.ts';

/** Registers `bintwin slotting <scenario | run dir>`. */
export function addSlottingCommand(program: Command, result: { exitCode: number }): void {
  program
    .command('slotting')
    .description(
      're-slot pick faces from the pick history (ABC or COI), cost the moves, and test the proposal in a paired experiment',
    )
    .argument('<source>', 'shipped scenario name, scenario .json file, or a run folder of `bintwin run`')
    .option(
      '--days <n>',
      'days of history to simulate from a scenario (default: 1; a run folder has its own)',
    )
    .option(
      '--seed <s>',
      "seed of the history run and root of the experiment's seeds (default: the scenario's)",
    )
    .option('--method <abc|coi>', 'rank by ABC class of picks, or by cube-per-order index (default: coi)')
    .option('--replications <n>', 'paired replications of current vs proposed (default: 10)')
    .option('--run-days <n>', 'days each replication runs (default: --days)')
    .option('--workers <n>', 'worker threads running replications (default: every core)')
    .option('--out <dir>', 'output folder (default: runs/slotting-<scenario>)')
    .option('--no-experiment', 'write the proposal and stop (no paired experiment)')
    .option('-q, --quiet', 'no progress and no summary; errors are still printed')
    .addHelpText(
      'after',
      `
Writes <out>/proposal.json (ABC class and COI of every item with a face, the new faces, the
moves with units and labour hours, the travel the observed orders would have saved),
<out>/<scenario>-slotted.json (the proposal as a scenario: "extends" plus stock.faces) and, with
the experiment, <out>/experiment.json and its report (report.html, replications.csv,
results.json). The summary states the measured travel saving net of the moves' labour, with
its confidence interval (replication r uses the same seed in both variants).
Example: bintwin slotting demo-dc --days 2 --replications 6`,
    )
    .action(async (source: string, opts: RawSlottingFlags) => {
      const flags = parseSlottingFlags(opts);
      const { slottingCommand } = await import('./slottingCommand.ts');
      result.exitCode = await slottingCommand(source, flags);
    });
}
