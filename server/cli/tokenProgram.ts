import { Option, type Command } from 'commander';
import { ROLES } from '../../sim/view/protocol.ts';

const DATA_DIR_HELP = "the server's data folder (env BINTWIN_DATA_DIR; default ./data)";

const WHILE_RUNNING = `
Tokens live hashed in <data-dir>/settings.json; the token itself is printed once and never
stored. A server running on that folder notices the change at its next request or connection:
a new token works at once, a revoked one is refused from then on (connected sessions keep the
role they were admitted with, also across a short reconnect Socket.IO recovers).`;

/** Registers `bintwin token create|list|revoke`: manage access tokens in the data folder. */
export function addTokenCommand(program: Command, result: { exitCode: number }): void {
  const token = program
    .command('token')
    .description('create, list or revoke access tokens of a data folder (a lost admin token: create another)')
    .addHelpText('after', WHILE_RUNNING);

  token
    .command('create')
    .description('create a token for a role and print it once')
    .addOption(new Option('--role <role>', 'what the token may do').choices(ROLES).makeOptionMandatory())
    .option('--label <text>', 'a name to recognise it by in `token list` (default: role and time)')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .addHelpText(
      'after',
      `
Example: bintwin token create --role admin --label "night shift lead"
The token goes to stdout alone on its line (for scripts); what to do with it goes to stderr.`,
    )
    .action(async (opts: { role: (typeof ROLES)[number]; label?: string; dataDir?: string }) => {
      const { tokenCreate } = await import('./tokenCommand.ts');
      result.exitCode = await tokenCreate(opts);
    });

  token
    .command('list')
    .description('list tokens: id, role, created, label (never the token)')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .action(async (opts: { dataDir?: string }) => {
      const { tokenList } = await import('./tokenCommand.ts');
      result.exitCode = tokenList(opts);
    });

  token
    .command('revoke')
    .description('revoke a token by its id (from `token list`) or its label')
    .argument('<id|label>', 'id (a prefix of 4+ hex digits works) or exact label')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .action(async (which: string, opts: { dataDir?: string }) => {
      const { tokenRevoke } = await import('./tokenCommand.ts');
      result.exitCode = await tokenRevoke(which, opts);
    });
}
