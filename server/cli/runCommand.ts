import { accessSync, constants, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createEngine } from '../../sim/index.ts';
import { advanceEngine } from './advanceEngine.ts';
import { JournalWriter } from '../journalWriter.ts';
import { runtimeError } from './cliError.ts';
import { displayPath } from './displayPath.ts';
import {
  formatBytes,
  formatRate,
  formatSimDuration,
  formatSimTime,
  formatWallSeconds,
} from './displayFormat.ts';
import { formatKpis, type KpiTree } from './formatKpis.ts';
import { createProgress, progressMode } from './progressReporter.ts';
import { planRun, type RunFlags, type RunPlan } from './runOptions.ts';
import { loadScenarioArg } from './scenarioArg.ts';
import { writeReports } from '../reports/writeReports.ts';
import { isNetworkArg } from '../networkLoader.ts';
import { runNetworkCommand } from './runNetworkCommand.ts';

/** Exit code after Ctrl-C, by shell convention (128 + SIGINT). */
const EXIT_INTERRUPTED = 130;

/** `bintwin run` with validated flags: runs a scenario headless, writes journal, kpis.json and run.json, prints a summary. */
export async function runCommand(scenarioArg: string, flags: RunFlags): Promise<number> {
  // A network scenario (several sites on one clock) runs through its own command.
  if (isNetworkArg(scenarioArg)) return runNetworkCommand(scenarioArg, flags);
  const { scenario, source } = loadScenarioArg(scenarioArg);
  const plan = planRun(flags, scenario);
  prepareOutDir(plan);
  const journal = plan.journalPath ? openJournal(plan.journalPath) : null;
  // The truth log (physical-only happenings) sits beside the journal, never inside it.
  const truth = plan.journalPath ? openJournal(join(dirname(plan.journalPath), 'truth.ndjson')) : null;

  const engine = createEngine(
    scenario,
    journal && truth
      ? { seed: plan.seed, journal: journal.write, truth: truth.write as never }
      : { seed: plan.seed },
  );
  const label = `${scenario.name} seed ${plan.seed}`;
  const progress = createProgress(label, plan.horizonMs, progressMode(plan.quiet));
  // First Ctrl-C: stop after the current chunk and keep everything; a second one kills as usual.
  let interrupted = false;
  const onSigint = (): void => {
    interrupted = true;
    process.off('SIGINT', onSigint);
  };
  process.on('SIGINT', onSigint);
  const started = performance.now();
  try {
    await advanceEngine(engine, plan.horizonMs, progress.update, () => interrupted);
  } catch (err) {
    progress.stop();
    throw runtimeError(
      `engine failed at ${formatSimTime(engine.now())}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
  } finally {
    process.off('SIGINT', onSigint);
    // Whatever happened, the journal written so far reaches the disk.
    journal?.close();
    truth?.close();
  }
  progress.stop();
  const wallSeconds = (performance.now() - started) / 1000;

  const kpis = engine.kpis();
  const reports = writeReports(engine, plan.outDir);
  const kpisPath = join(plan.outDir, 'kpis.json');
  const runPath = join(plan.outDir, 'run.json');
  writeOutput(kpisPath, JSON.stringify(kpis, null, 2) + '\n');
  writeOutput(
    runPath,
    JSON.stringify(
      {
        scenario: scenario.name,
        source,
        seed: plan.seed,
        horizonMs: plan.horizonMs,
        reachedMs: engine.now(),
        complete: !interrupted,
        eventsProcessed: engine.eventsProcessed(),
        wallSeconds: Math.round(wallSeconds * 1000) / 1000,
        journal: plan.journalPath,
        journalEvents: journal?.lineCount() ?? 0,
      },
      null,
      2,
    ) + '\n',
  );

  if (!plan.quiet) {
    const events = engine.eventsProcessed();
    const head = interrupted
      ? `${label}: interrupted at ${formatSimTime(engine.now())} of ${formatSimDuration(plan.horizonMs)}; results so far`
      : `${label}: ${formatSimDuration(plan.horizonMs)} simulated`;
    const written = [displayPath(kpisPath), displayPath(runPath)];
    if (reports.length > 0)
      written.push(`${reports.length} reconciliation reports (CSV, SVG) in ${displayPath(plan.outDir)}`);
    if (journal && plan.journalPath) {
      written.push(
        `${displayPath(plan.journalPath)} (${journal.lineCount().toLocaleString('en-US')} events, ${formatBytes(journal.bytesWritten())})`,
      );
    }
    process.stdout.write(
      [
        `${head} in ${formatWallSeconds(wallSeconds)} (${events.toLocaleString('en-US')} events, ${formatRate(events / wallSeconds)} events/s)`,
        '',
        formatKpis(kpis as unknown as KpiTree),
        '',
        `wrote ${written.join('\n      ')}`,
        '',
      ].join('\n'),
    );
  }
  return interrupted ? EXIT_INTERRUPTED : 0;
}

/** Creates the output folder and checks it is writable before any sim time is spent. */
function prepareOutDir(plan: RunPlan): void {
  for (const dir of new Set([plan.outDir, ...(plan.journalPath ? [dirname(plan.journalPath)] : [])])) {
    try {
      makeDirs(dir);
      if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
      accessSync(dir, constants.W_OK);
    } catch (err) {
      throw runtimeError(`cannot write to output folder "${displayPath(dir)}": ${describeFsError(err)}`);
    }
  }
}

/**
 * `mkdir -p`, written out because Node 20's recursive mkdirSync never returns when mkdir
 * reports ENOENT under an existing parent (as in /proc).
 */
function makeDirs(dir: string): void {
  try {
    mkdirSync(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    const parent = dirname(dir);
    if (code !== 'ENOENT' || parent === dir) throw err;
    makeDirs(parent);
    mkdirSync(dir);
  }
}

function openJournal(path: string): JournalWriter {
  try {
    return new JournalWriter(path);
  } catch (err) {
    throw runtimeError(`cannot create journal "${displayPath(path)}": ${describeFsError(err)}`);
  }
}

function writeOutput(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (err) {
    throw runtimeError(`cannot write "${displayPath(path)}": ${describeFsError(err)}`);
  }
}

/** The cause of a file-system error in words (`permission denied`), not the raw `EACCES: ...` line. */
function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
    case 'EEXIST':
      return 'a file is in the way (not a folder)';
    case 'EISDIR':
      return 'is a folder';
    case 'ENOENT':
      return 'a folder on the way does not exist and cannot be created';
    case 'ENOSPC':
      return 'disk full';
    case 'EROFS':
      return 'read-only file system';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}
