import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { CliError, EXIT_RUNTIME, EXIT_USAGE } from './cliError.ts';
import { addServeCommand } from './serveProgram.ts';
import { addFeedCommand } from './feedProgram.ts';
import { addTokenCommand } from './tokenProgram.ts';
import { addExperimentCommand, addWorkerCommand } from './experimentProgram.ts';
import { addSlottingCommand } from './slottingProgram.ts';
import { MAX_HORIZON_DAYS, parseRunFlags, type RawRunFlags } from './runOptions.ts';

const version = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/**
 * Builds the `bintwin` command tree. Commands load their modules on demand so `--help` and
 * `validate` do not pay for compiling the engine. Actions store their exit code in `result`.
 */
export function createProgram(result: { exitCode: number }): Command {
  const program = new Command('bintwin')
    .description('Warehouse floor simulator and digital twin: deterministic runs of scenario files.')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .showSuggestionAfterError(true)
    // Commander's own errors become one `bintwin: ...` line with exit code 2 in runCli.
    .exitOverride()
    .configureOutput({ outputError: () => {} })
    .addHelpText(
      'after',
      `
Examples:
  bintwin scenarios                        list the shipped scenarios
  bintwin run demo-dc --days 1             one simulated day, results in runs/demo-dc-<seed>/
  bintwin validate my-site.json            check a scenario file, listing every problem
  bintwin token create --role admin        a new admin token for ./data (lost the first-run one?)

Exit codes: 0 ok, 1 failure while running (bad scenario file, unwritable output), 2 usage error.`,
    );

  program
    .command('run')
    .description('run a scenario headless and write its journal, KPIs and a summary')
    .argument('<scenario>', 'shipped scenario name (see `bintwin scenarios`) or path to a .json file')
    .addOption(
      new Option('--days <n>', `simulated days (default: the scenario's horizon; max ${MAX_HORIZON_DAYS})`),
    )
    .addOption(new Option('--hours <n>', 'simulated hours, instead of --days'))
    .option('--seed <s>', "random seed, integer or text (default: the scenario's seed)")
    .option('--out <dir>', 'output folder (default: runs/<scenario>-<seed>)')
    .option('--journal <file|none>', 'journal file, or none to skip it (default: <out>/journal.ndjson)')
    .option('-q, --quiet', 'no progress and no summary; errors are still printed')
    .addHelpText(
      'after',
      `
Writes <out>/kpis.json (KPIs), <out>/run.json (what was run, how long it took) and the journal
as NDJSON (one event per line). Progress goes to stderr: a bar on a terminal, a line every 10%
otherwise. Ctrl-C stops at the next simulated hour and still writes everything (exit 130).
The same scenario and seed give the same journal, byte for byte.`,
    )
    .action(async (scenario: string, opts: RawRunFlags) => {
      // Flags are checked before the engine is loaded, so a typo is reported at once.
      const flags = parseRunFlags(opts);
      const { runCommand } = await import('./runCommand.ts');
      result.exitCode = await runCommand(scenario, flags);
    });

  program
    .command('validate')
    .description('check a scenario and print a summary, or every problem found')
    .argument('<scenario>', 'shipped scenario name or path to a .json file')
    .action(async (scenario: string) => {
      const { validateCommand } = await import('./validateCommand.ts');
      result.exitCode = validateCommand(scenario);
    });

  addServeCommand(program, result);
  addFeedCommand(program, result);
  addTokenCommand(program, result);
  addExperimentCommand(program, result);
  addWorkerCommand(program, result);
  addSlottingCommand(program, result);

  program
    .command('scenarios')
    .description('list the shipped scenarios with their descriptions')
    .action(async () => {
      const { scenariosCommand } = await import('./scenariosCommand.ts');
      result.exitCode = scenariosCommand();
    });

  return program;
}

/** Parses `argv` (without node and script), runs the command and returns the exit code; errors become one `bintwin: ` message on stderr. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const result = { exitCode: 0 };
  try {
    await createProgram(result).parseAsync(argv, { from: 'user' });
    return result.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
      // Plain `bintwin` printed the help to stderr already.
      if (err.code === 'commander.help') return EXIT_USAGE;
      process.stderr.write(`bintwin: ${err.message.replace(/^error: /, '').replace(/\n/g, ' ')}\n`);
      return EXIT_USAGE;
    }
    if (err instanceof CliError) {
      process.stderr.write(`bintwin: ${err.message}\n`);
      return err.exitCode;
    }
    // Anything else is a bug: show the stack so it can be reported.
    process.stderr.write(
      `bintwin: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    return EXIT_RUNTIME;
  }
}
