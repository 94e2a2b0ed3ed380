import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { progressMode } from '../cli/progressReporter.ts';
import type { BenchCase, BenchOptions } from './benchCase.ts';
import { measureRun, metricFigures } from './benchMetrics.ts';
import { runCompare } from './compare.ts';
import { parseBenchArgs, type RawBenchArgs } from './benchArgs.ts';
import { BENCH_CASES as CASES, type BenchCaseEntry } from './benchCases.ts';

// `npm run bench`: one JSON line per case on stdout, progress on stderr.

const SHIM = fileURLToPath(new URL('../bin/bench.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs one case here and prints its line, the harness's metrics appended; returns the exit code. */
async function runOne(c: BenchCaseEntry, options: BenchOptions): Promise<number> {
  const common = {
    case: c.name,
    node: process.version,
    ...(options.scale !== 1 ? { scale: options.scale } : {}),
  };
  try {
    // Loaded before the measured run: importing the case is not part of what it measures.
    const bench = await c.load();
    const { result: figures, metrics } = await measureRun(() => bench.run(progressMode(false), options));
    process.stdout.write(
      JSON.stringify({ ...common, ...figures, ...metricFigures(figures, metrics) }) + '\n',
    );
    return 0;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    process.stdout.write(JSON.stringify({ ...common, error: message.split('\n')[0] }) + '\n');
    process.stderr.write(`bench: ${c.name} failed: ${message}\n`);
    return 1;
  }
}

/** Runs each case in a child process of its own, so peak RSS and JIT state belong to that case alone. */
function runAllIsolated(options: BenchOptions): number {
  let code = 0;
  const extra = options.scale !== 1 ? ['--scale', String(options.scale)] : [];
  for (const c of CASES) {
    const r = spawnSync(process.execPath, [SHIM, '--only', c.name, ...extra], { stdio: 'inherit' });
    if (r.status !== 0) code = 1;
  }
  return code;
}

const argv = process.argv.slice(2);
// Only `--help` needs the descriptions, which live in the case files: the other paths load one case
// or none (importing every case cost each bench process seconds of CPU).
const described: readonly BenchCase[] = argv.some((a) => a === '--help' || a === '-h')
  ? await Promise.all(CASES.map((c) => c.load()))
  : [];

const program = new Command('bench')
  .description('engine benchmarks: one JSON line per case on stdout, progress on stderr')
  .option('--only <case>', `run one case: ${CASES.map((c) => c.name).join(', ')}`)
  .option('--scale <factor>', 'shrink cases that support it (mmc: customers × factor), 0 < factor ≤ 1', '1')
  .option(
    '--compare <git-ref>',
    'run the case(s) on this tree (A) and on <git-ref> (B, checked out into a temporary git worktree) in turn, and print medians and A/B ratios',
  )
  .option('--rounds <n>', 'with --compare: A B rounds per case (alternating which side goes first)', '3')
  .exitOverride()
  .configureOutput({ outputError: () => {} })
  .addHelpText(
    'after',
    `\nCases:\n${described.map((c) => `  ${c.name.padEnd(8)}  ${c.description}`).join('\n')}\n` +
      `\nEvery JSON line also carries the harness's measurements: cpuSeconds, runWallSeconds, gcPauseShare\n` +
      `(GC pause time / wall), allocatedMb and bytesPerCustomer / bytesPerEvent (V8 sampling estimate),\n` +
      `peakRssMb, and calibrationMops (a fixed heap loop run in the same process before and after;\n` +
      `*PerCalMops = a rate divided by it, comparable on a loaded machine).\n` +
      `\nCompare: npm run bench -- --compare main --only mmc [--rounds 3]\n` +
      `  runs A B, B A, … (this tree, then the ref's tree), prints a table of medians with the ratio A/B,\n` +
      `  and removes the temporary worktree afterwards. Exit 1 if a run failed, 2 on bad arguments.`,
  );

try {
  program.parse(argv, { from: 'user' });
  const parsed = parseBenchArgs(
    program.opts<RawBenchArgs>(),
    CASES.map((c) => c.name),
  );
  if (typeof parsed === 'string') {
    process.stderr.write(`bench: ${parsed}\n`);
    process.exitCode = 2;
  } else if (parsed.compare !== undefined) {
    try {
      process.exitCode = runCompare({
        root: ROOT,
        ref: parsed.compare,
        cases: parsed.only !== undefined ? [parsed.only] : CASES.map((c) => c.name),
        rounds: parsed.rounds,
        scale: parsed.scale,
        log: (line) => process.stdout.write(line + '\n'),
      });
    } catch (err) {
      process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 2;
    }
  } else if (parsed.only === undefined) process.exitCode = runAllIsolated({ scale: parsed.scale });
  else
    process.exitCode = await runOne(
      CASES.find((x) => x.name === parsed.only)!,
      { scale: parsed.scale },
    );
} catch (err) {
  if (!(err instanceof CommanderError)) throw err;
  const done = err.code === 'commander.helpDisplayed' || err.code === 'commander.version';
  if (!done) process.stderr.write(`bench: ${err.message.replace(/^error: /, '').replace(/\n/g, ' ')}\n`);
  process.exitCode = done ? 0 : 2;
}
