import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { progressMode } from '../cli/progressReporter.ts';
import type { BenchCase } from './benchCase.ts';
import { clientCase } from './clientCase.ts';
import { dcWeekCase } from './dcWeekCase.ts';
import { benchDcCase } from './benchDcCase.ts';
import { mmcCase } from './mmcCase.ts';
import { streamCase } from './streamCase.ts';
import { ingestCase } from './ingestCase.ts';

// `npm run bench`: one JSON line per case on stdout, progress on stderr.

const CASES: readonly BenchCase[] = [mmcCase, dcWeekCase, benchDcCase, streamCase, clientCase, ingestCase];
const SHIM = fileURLToPath(new URL('../bin/bench.js', import.meta.url));

/** Runs one case here and prints its line; returns the exit code. */
async function runOne(c: BenchCase): Promise<number> {
  const common = { case: c.name, node: process.version };
  try {
    const figures = await c.run(progressMode(false));
    process.stdout.write(JSON.stringify({ ...common, ...figures }) + '\n');
    return 0;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    process.stdout.write(JSON.stringify({ ...common, error: message.split('\n')[0] }) + '\n');
    process.stderr.write(`bench: ${c.name} failed: ${message}\n`);
    return 1;
  }
}

/** Runs each case in a child process of its own, so peak RSS and JIT state belong to that case alone. */
function runAllIsolated(): number {
  let code = 0;
  for (const c of CASES) {
    const r = spawnSync(process.execPath, [SHIM, '--only', c.name], { stdio: 'inherit' });
    if (r.status !== 0) code = 1;
  }
  return code;
}

const program = new Command('bench')
  .description('engine benchmarks: one JSON line per case on stdout, progress on stderr')
  .option('--only <case>', `run one case: ${CASES.map((c) => c.name).join(', ')}`)
  .exitOverride()
  .configureOutput({ outputError: () => {} })
  .addHelpText(
    'after',
    `\nCases:\n${CASES.map((c) => `  ${c.name.padEnd(8)}  ${c.description}`).join('\n')}`,
  );

try {
  program.parse(process.argv.slice(2), { from: 'user' });
  const only = program.opts<{ only?: string }>().only;
  if (only === undefined) process.exitCode = runAllIsolated();
  else {
    const c = CASES.find((x) => x.name === only);
    if (!c) {
      process.stderr.write(`bench: unknown case "${only}" (cases: ${CASES.map((x) => x.name).join(', ')})\n`);
      process.exitCode = 2;
    } else process.exitCode = await runOne(c);
  }
} catch (err) {
  if (!(err instanceof CommanderError)) throw err;
  const done = err.code === 'commander.helpDisplayed' || err.code === 'commander.version';
  if (!done) process.stderr.write(`bench: ${err.message.replace(/^error: /, '').replace(/\n/g, ' ')}\n`);
  process.exitCode = done ? 0 : 2;
}
