import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createEngine } from '../../sim/index.ts';
import { analyse } from '../experiment/analyse.ts';
import { knSettings } from '../experiment/knRule.ts';
import { experimentResults, replicationsCsv } from '../experiment/experimentResults.ts';
import { createExperimentProgress } from '../experiment/experimentProgress.ts';
import { htmlReport } from '../experiment/htmlReport.ts';
import { checkKpiPaths } from '../experiment/kpiPath.ts';
import { ExperimentError, loadExperiment, type LoadedExperiment } from '../experiment/loadExperiment.ts';
import { createClusterPool } from '../experiment/clusterPool.ts';
import { createReplicationPool } from '../experiment/replicationPool.ts';
import { runExperiment } from '../experiment/runExperiment.ts';
import { summaryTable } from '../experiment/summaryTable.ts';
import { runtimeError } from './cliError.ts';
import { formatWallSeconds } from './displayFormat.ts';
import { displayPath } from './displayPath.ts';
import type { ExperimentFlags } from './experimentOptions.ts';
import { progressMode } from './progressReporter.ts';

/** `bintwin experiment <file>`: runs every replication, writes the report, CSV and JSON, prints the summary. */
export async function experimentCommand(file: string, flags: ExperimentFlags): Promise<number> {
  const loaded = load(file);
  checkKpis(loaded, file);
  const e = loaded.experiment;
  const outDir = resolve(flags.out ?? join('runs', `experiment-${e.name}`));
  try {
    mkdirSync(join(outDir, 'variants'), { recursive: true });
  } catch (err) {
    throw runtimeError(`cannot create output folder "${displayPath(outDir)}": ${(err as Error).message}`);
  }
  const k = loaded.variants.length;
  const initial = typeof e.replications === 'number' ? e.replications : e.replications.initial;
  const progress = createExperimentProgress(`experiment ${e.name}`, progressMode(flags.quiet), initial * k);
  const started = performance.now();
  const workers = Math.min(flags.workers, initial * k);
  const where = flags.redis ? `on the workers of ${flags.redis}` : `on ${workers} workers`;
  let run;
  try {
    const pool = flags.redis ? createClusterPool(flags.redis) : createReplicationPool(workers);
    run = await runExperiment(loaded, pool, (done, planned) => progress.update(done, planned));
  } catch (err) {
    progress.stop();
    throw runtimeError(`experiment ${e.name}: ${err instanceof Error ? err.message : String(err)}`);
  }
  progress.stop();
  const wall = (performance.now() - started) / 1000;

  const names = loaded.variants.map((v) => v.name);
  const analyses = analyse(
    e.kpis,
    names,
    loaded.baseline,
    run.n,
    run.replications,
    e.confidence,
    knSettings(e),
  );
  const results = experimentResults(loaded, run, analyses, displayPath(loaded.baseSource));
  const written = {
    report: join(outDir, 'report.html'),
    csv: join(outDir, 'replications.csv'),
    json: join(outDir, 'results.json'),
  };
  write(written.json, JSON.stringify(results, null, 2) + '\n');
  write(written.csv, replicationsCsv(results));
  write(written.report, htmlReport(results));
  for (const v of loaded.variants)
    write(join(outDir, 'variants', `${fileName(v.name)}.json`), JSON.stringify(v.document, null, 2) + '\n');

  if (!flags.quiet) {
    const rule = e.replications;
    const reps =
      typeof rule === 'number'
        ? `${run.n} replications`
        : `${run.n} replications (sequential on ${rule.kpi}: half-width ≤ ${rule.halfWidth} ${run.targetMet ? 'reached' : `NOT reached by the cap of ${rule.max}`})`;
    process.stdout.write(
      [
        `experiment ${e.name}: ${k} variants × ${reps}, ${loaded.warmupHours} h warm-up + ${loaded.runHours} h each, in ${formatWallSeconds(wall)} ${where}`,
        `baseline ${names[loaded.baseline]} (*); paired differences use common random numbers (same seeds per replication)`,
        '',
        summaryTable(analyses, loaded.baseline, e.confidence),
        `wrote ${displayPath(written.report)}\n      ${displayPath(written.csv)}\n      ${displayPath(written.json)}`,
        '',
      ].join('\n'),
    );
  }
  return 0;
}

function load(file: string): LoadedExperiment {
  try {
    return loadExperiment(file);
  } catch (err) {
    if (err instanceof ExperimentError) throw runtimeError(err.message);
    throw err;
  }
}

/** Checks the KPI paths against each variant's real report (flows add groups) before any replication runs. */
function checkKpis(loaded: LoadedExperiment, file: string): void {
  const paths = loaded.experiment.kpis.map((x) => x.path);
  const problems = loaded.variants.flatMap((v) =>
    checkKpiPaths(
      createEngine(v.scenario, { seed: String(loaded.seed) }).kpis(),
      paths,
      `variant "${v.name}"`,
    ),
  );
  if (problems.length > 0) throw runtimeError(new ExperimentError(file, problems).message);
}

/** A variant name as a file name: sweep names may hold any value text, a slash included. */
export function fileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._=+,-]/g, '_');
}

function write(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (err) {
    throw runtimeError(`cannot write "${displayPath(path)}": ${(err as Error).message}`);
  }
}
