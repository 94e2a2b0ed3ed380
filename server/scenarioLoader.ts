import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scenarioSchema, type Scenario } from '../sim/index.ts';
import { formatIssues, locateJsonError, problemsMessage, type Problem } from './scenarioProblems.ts';
import { ExtendsError, resolveExtends, type BaseReader } from './scenarioExtends.ts';

/** The shipped scenarios folder, found from this file rather than the cwd so the CLI works from anywhere. */
export const SHIPPED_SCENARIOS_DIR = fileURLToPath(new URL('../scenarios/', import.meta.url));

/** Why a scenario could not be loaded; callers map kinds to exit codes (unknown name = usage error). */
export type ScenarioErrorKind = 'unknown-name' | 'unreadable' | 'syntax' | 'invalid';

/** A scenario that could not be loaded. The message lists every problem, one `path: message` per line. */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';

  /** Builds the error; `problems` stay available for callers that format them differently. */
  constructor(
    readonly kind: ScenarioErrorKind,
    readonly source: string,
    readonly problems: readonly Problem[],
    headline?: string,
  ) {
    super(problemsMessage(source, problems, headline));
  }
}

/** A validated scenario and the file it came from. */
export interface LoadedScenario {
  scenario: Scenario;
  /** Absolute path of the file read. */
  source: string;
}

/** One entry of the shipped-scenario list. */
export interface ScenarioListing {
  name: string;
  description: string;
  source: string;
  /** Set when the file does not load; the listing still shows it so the breakage is visible. */
  error?: string;
}

/** Where to look for bare scenario names; tests point this at a temp folder. */
export interface ScenarioLookup {
  scenariosDir?: string;
}

/** True when the argument names a file rather than a shipped scenario. */
export function isScenarioPath(nameOrPath: string): boolean {
  return nameOrPath.includes('/') || nameOrPath.includes('\\') || nameOrPath.endsWith('.json');
}

/**
 * Loads and validates a scenario. A bare name (`demo-dc`) means `scenarios/<name>.json` in the
 * repository; anything containing a slash or ending in `.json` is a path relative to the cwd.
 * Throws a ScenarioError that lists every problem found, never just the first.
 */
export function loadScenario(nameOrPath: string, lookup: ScenarioLookup = {}): LoadedScenario {
  const dir = lookup.scenariosDir ?? SHIPPED_SCENARIOS_DIR;
  let source: string;
  if (isScenarioPath(nameOrPath)) {
    source = resolve(nameOrPath);
  } else {
    const names = shippedScenarioFiles(dir).map((f) => basename(f, '.json'));
    if (!names.includes(nameOrPath)) {
      const available = names.length > 0 ? `available: ${names.join(', ')}` : `no scenarios in ${dir}`;
      throw new ScenarioError(
        'unknown-name',
        nameOrPath,
        [],
        `unknown scenario "${nameOrPath}" (${available}; or give a path to a .json file)`,
      );
    }
    source = join(dir, `${nameOrPath}.json`);
  }
  const label = displayLabel(source);
  const text = readScenarioFile(source, label);
  return { scenario: parseScenarioText(text, label, baseReader(dir)).scenario, source };
}

/** Reads base scenarios for `extends`: a shipped name, or a path relative to the extending file. */
export function baseReader(dir: string): BaseReader {
  return (ref, from) => {
    const source = isScenarioPath(ref) ? resolve(dirname(from), ref) : join(dir, `${ref}.json`);
    const label = displayLabel(source);
    const text = readScenarioFile(source, label);
    try {
      return { data: JSON.parse(text.replace(/^\uFEFF/, '')), source };
    } catch (err) {
      const { line, column, reason } = locateJsonError(text, err);
      throw new ScenarioError(
        'syntax',
        label,
        [],
        `${label}:${line}:${column}: JSON syntax error: ${reason}`,
      );
    }
  };
}

/** The path as messages show it: relative to the cwd when inside it, so errors read like the command typed. */
function displayLabel(source: string): string {
  const rel = relative(process.cwd(), source);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : source;
}

/**
 * Parses scenario (or network) JSON text, a byte-order mark allowed; a syntax error is a
 * ScenarioError naming `source`, line and column.
 */
export function parseScenarioJson(text: string, source: string): unknown {
  try {
    // Editors on Windows may save a byte-order mark, which JSON.parse rejects.
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const { line, column, reason } = locateJsonError(text, err);
    throw new ScenarioError(
      'syntax',
      source,
      [],
      `${source}:${line}:${column}: JSON syntax error: ${reason}`,
    );
  }
}

/** Validates scenario JSON text; `source` is returned as given and labels the messages. */
export function parseScenarioText(text: string, source: string, readBase?: BaseReader): LoadedScenario {
  let data = parseScenarioJson(text, source);
  if (readBase) {
    try {
      data = resolveExtends(data, source, readBase);
    } catch (err) {
      if (err instanceof ExtendsError)
        throw new ScenarioError('invalid', source, [
          { path: 'extends', message: err.message.replace(/^extends: /, '') },
        ]);
      throw err;
    }
  }
  const result = scenarioSchema.safeParse(data);
  if (!result.success) {
    throw new ScenarioError('invalid', source, formatIssues(result.error.issues, data));
  }
  return { scenario: result.data, source };
}

/** Lists the shipped scenarios with their descriptions, including broken files (with the reason). */
export function listScenarios(lookup: ScenarioLookup = {}): ScenarioListing[] {
  const dir = lookup.scenariosDir ?? SHIPPED_SCENARIOS_DIR;
  return shippedScenarioFiles(dir).map((file) => {
    const source = join(dir, file);
    const name = basename(file, '.json');
    const label = displayLabel(source);
    try {
      const { scenario } = parseScenarioText(readScenarioFile(source, label), label, baseReader(dir));
      return { name, description: scenario.description, source };
    } catch (err) {
      const firstLine = err instanceof Error ? (err.message.split('\n')[0] ?? err.message) : String(err);
      return { name, description: '', source, error: firstLine };
    }
  });
}

/** The `.json` files in a scenarios folder, sorted; a missing folder simply has none. */
function shippedScenarioFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch {
    return [];
  }
}

/** Reads a file, turning fs errors into a ScenarioError that names the file and the cause. */
function readScenarioFile(source: string, label: string): string {
  try {
    return readFileSync(source, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory, not a scenario file'
          : code === 'EACCES'
            ? 'permission denied'
            : (err as Error).message;
    throw new ScenarioError('unreadable', label, [], `${label}: cannot read scenario: ${why}`);
  }
}
