import { runCli } from './program.ts';

// Entry point of the `bintwin` command (started through server/bin/bintwin.js).
const code = await runCli(process.argv.slice(2));
process.exitCode = code;
// A failed command must end even if something it opened (a timer, a socket) is still alive.
if (code !== 0) process.exit(code);
