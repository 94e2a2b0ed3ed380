import { runCli } from './program.ts';

// Entry point of the `bintwin` command (started through server/bin/bintwin.js).
process.exitCode = await runCli(process.argv.slice(2));
