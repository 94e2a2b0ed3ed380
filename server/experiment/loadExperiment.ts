import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { scenarioSchema, type Scenario } from '../../sim/index.ts';
import { formatIssues, locateJsonError, problemsMessage, type Problem } from '../scenarioProblems.ts';
import { mergeScenario, resolveExtends, ExtendsError } from '../scenarioExtends.ts';
import { baseReader, ScenarioError, SHIPPED_SCENARIOS_DIR } from '../scenarioLoader.ts';
import { experimentSchema, type Experiment } from './experimentSchema.ts';
import { setPath, sweepPoints } from './sweep.ts';

/** An experiment file that cannot be used; the message lists every problem as `path: message`. */
export class ExperimentError extends Error {
  override readonly name = 'ExperimentError';

  /** `problems` stay available for callers that format them differently. */
  constructor(
    readonly source: string,
    readonly problems: readonly Problem[],
    headline?: string,
  ) {
    super(problemsMessage(source, problems, headline));
  }
}

/** One system of the experiment: its name and the complete, validated scenario it runs. */
export interface ExperimentVariant {
  name: string;
  description: string;
  /** The merged scenario document as JSON (what a worker re-validates and runs). */
  document: Record<string, unknown>;
  scenario: Scenario;
}

/** A validated experiment with every variant resolved to a full scenario. */
export interface LoadedExperiment {
  experiment: Experiment;
  source: string;
  /** Where the base scenario came from. */
  baseSource: string;
  variants: ExperimentVariant[];
  /** Index into `variants` of the baseline. */
  baseline: number;
  /** Seed root of the replications. */
  seed: number | string;
  warmupHours: number;
  runHours: number;
}

/** Reads, validates and resolves an experiment file; throws ExperimentError listing every problem. */
export function loadExperiment(file: string, scenariosDir: string = SHIPPED_SCENARIOS_DIR): LoadedExperiment {
  const source = resolve(file);
  let text: string;
  try {
    text = readFileSync(source, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ExperimentError(
      file,
      [],
      `${file}: cannot read experiment: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const { line, column, reason } = locateJsonError(text, err);
    throw new ExperimentError(file, [], `${file}:${line}:${column}: JSON syntax error: ${reason}`);
  }
  const parsed = experimentSchema.safeParse(data);
  if (!parsed.success) throw new ExperimentError(file, formatIssues(parsed.error.issues, data));
  const experiment = parsed.data;

  const read = baseReader(scenariosDir);
  let base: { data: unknown; source: string };
  let baseDoc: unknown;
  try {
    base = read(experiment.base, source);
    baseDoc = resolveExtends(base.data, base.source, read);
  } catch (err) {
    if (err instanceof ScenarioError || err instanceof ExtendsError)
      throw new ExperimentError(file, [{ path: 'base', message: err.message.replace(/\n\s*/g, '; ') }]);
    throw err;
  }

  const warmup = experiment.warmupHours;
  const drafts: { name: string; description: string; doc: unknown; at: string }[] = [];
  const problems: Problem[] = [];
  if (experiment.variants) {
    experiment.variants.forEach((v, i) =>
      drafts.push({
        name: v.name,
        description: v.description,
        doc: mergeScenario(baseDoc, v.scenario),
        at: `variants[${i}].scenario`,
      }),
    );
  } else if (experiment.sweep) {
    for (const point of sweepPoints(experiment.sweep.factors)) {
      try {
        const doc = point.settings.reduce<unknown>((d, s) => setPath(d, s.path, s.value), baseDoc);
        drafts.push({ name: point.name, description: '', doc, at: `sweep (${point.name})` });
      } catch (err) {
        problems.push({ path: 'sweep.factors', message: (err as Error).message });
        break;
      }
    }
  }
  const variants: ExperimentVariant[] = [];
  for (const d of drafts) {
    const doc = { ...(d.doc as Record<string, unknown>) };
    if (warmup !== undefined) doc['warmupHours'] = warmup;
    const result = scenarioSchema.safeParse(doc);
    if (!result.success) {
      for (const p of formatIssues(result.error.issues, doc))
        problems.push({ path: d.at, message: `variant "${d.name}": ${p.path}: ${p.message}` });
      continue;
    }
    variants.push({ name: d.name, description: d.description, document: doc, scenario: result.data });
  }
  if (problems.length > 0) throw new ExperimentError(file, problems);

  const first = variants[0]!.scenario;
  const baseline =
    experiment.baseline === undefined ? 0 : variants.findIndex((v) => v.name === experiment.baseline);
  if (baseline < 0)
    throw new ExperimentError(file, [
      {
        path: 'baseline',
        message: `no variant "${experiment.baseline}" (variants: ${variants.map((v) => v.name).join(', ')})`,
      },
    ]);
  const { days = 0, hours = 0 } = first.horizon;
  return {
    experiment,
    source,
    baseSource: base.source,
    variants,
    baseline,
    seed: experiment.seed ?? first.seed,
    warmupHours: warmup ?? first.warmupHours,
    runHours: experiment.runHours ?? (days * 24 + hours || 24),
  };
}

/** The seed of replication `r` (0-based): the same in every variant, so comparisons are paired. */
export function replicationSeed(root: number | string, r: number): string {
  return `${root}-${r + 1}`;
}
