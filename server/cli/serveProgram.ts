import type { Command } from 'commander';
import type { RawServeFlags } from './serveOptions.ts';

/** Registers `bintwin serve` on the program; modules load on demand like the other commands. */
export function addServeCommand(program: Command, result: { exitCode: number }): void {
  program
    .command('serve')
    .description(
      'run a scenario live: web client, Socket.IO stream, control, checkpoints (resumes the current run)',
    )
    .argument('[scenario]', 'scenario for a new run (shipped or uploaded name)', 'demo-dc')
    .option('--port <n>', 'port (env BINTWIN_PORT; default 8080; 0 = any free port)')
    .option('--host <addr>', 'interface to listen on (env BINTWIN_HOST; default 0.0.0.0)')
    .option(
      '--data-dir <dir>',
      'runs, checkpoints, settings and uploads (env BINTWIN_DATA_DIR; default ./data)',
    )
    .option('--speed <n|max>', 'sim seconds per wall second, 0.25…1000, or max (default 60)')
    .option('--seed <s>', "random seed of a new run (default: the scenario's)")
    .option('--until <time>', 'pause by itself at this sim time (90m, 8h, 2d)')
    .option('--paused', 'start paused')
    .option('--checkpoint-minutes <n>', 'sim minutes between checkpoints (default 10)')
    .option(
      '--rewind-minutes <n>',
      'keep a rewind point every n sim minutes (training; off by default, 5 is usual)',
    )
    .option('--new-run', 'start a new run instead of resuming the current one')
    .option('--mirror <site>', 'mirror a real site: no simulated work, the feeds drive the system ledger')
    .option('--layout <file>', 'with --mirror: the layout (JSON, list form)')
    .option('--items <file>', 'with --mirror: the item master (JSON, list form)')
    .option('--stock <file>', 'with --mirror: opening stock (CSV bin,sku,lot,qty[,status] or JSON)')
    .option(
      '--orders <file>',
      'with --mirror: open purchase orders / ASNs (JSON) receive scans are checked against',
    )
    .option(
      '--allow-origin <origin>',
      'also allow browser pages of this origin to open sockets (repeatable; env BINTWIN_ALLOW_ORIGIN, comma-separated)',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option('--tls-cert <file>', 'serve HTTPS/WSS with this PEM certificate (env BINTWIN_TLS_CERT)')
    .option('--tls-key <file>', 'the PEM private key for --tls-cert (env BINTWIN_TLS_KEY)')
    .action(async (scenario: string, opts: RawServeFlags) => {
      const { parseServeFlags } = await import('./serveOptions.ts');
      const flags = parseServeFlags(opts);
      const { serveCommand } = await import('./serveCommand.ts');
      result.exitCode = await serveCommand(scenario, flags);
    });
}
