import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../../sim/index.ts';
import type { ScenarioListing, ScenarioOrigin } from '../../sim/viewApi.ts';
import {
  listScenarios,
  loadScenario,
  parseScenarioText,
  ScenarioError,
  SHIPPED_SCENARIOS_DIR,
} from '../scenarioLoader.ts';
import type { Problem } from '../scenarioProblems.ts';
import { writeFileAtomic } from './atomicWrite.ts';

/** Where a scenario comes from: the repository or an upload into the data folder. */
export type { ScenarioOrigin } from '../../sim/viewApi.ts';

/** One entry of the library listing (the body type of `GET /api/scenarios`, shared with the client). */
export type LibraryEntry = ScenarioListing;

/** A scenario from the library with its validated form and its text as stored. */
export interface LibraryScenario {
  name: string;
  origin: ScenarioOrigin;
  scenario: Scenario;
  text: string;
}

/** Validation outcome: the scenario, or every problem as path + message. */
export type Validation = { ok: true; scenario: Scenario } | { ok: false; problems: Problem[] };

const NAME = /^[a-z0-9][a-z0-9-]*$/;

/** Shipped scenarios plus uploads kept in the data folder; a name is unique across both. */
export class ScenarioLibrary {
  /** `uploadsDir` holds uploaded `<name>.json` files. */
  constructor(
    private readonly uploadsDir: string,
    private readonly shippedDir: string = SHIPPED_SCENARIOS_DIR,
  ) {}

  /** Shipped and uploaded scenarios, sorted by name. */
  list(): LibraryEntry[] {
    const shipped = listScenarios({ scenariosDir: this.shippedDir }).map((s): LibraryEntry => ({
      name: s.name,
      description: s.description,
      origin: 'shipped',
      ...(s.error === undefined ? {} : { error: s.error }),
    }));
    const uploaded = listScenarios({ scenariosDir: this.uploadsDir }).map((s): LibraryEntry => ({
      name: s.name,
      description: s.description,
      origin: 'uploaded',
      ...(s.error === undefined ? {} : { error: s.error }),
    }));
    return [...shipped, ...uploaded].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Loads a scenario by name; throws ScenarioError ('unknown-name', or the file's problems). */
  get(name: string): LibraryScenario {
    if (!NAME.test(name)) throw new ScenarioError('unknown-name', name, [], `unknown scenario "${name}"`);
    for (const [origin, dir] of [
      ['uploaded', this.uploadsDir],
      ['shipped', this.shippedDir],
    ] as const) {
      if (!this.has(dir, name)) continue;
      const { scenario, source } = loadScenario(name, { scenariosDir: dir });
      return { name, origin, scenario, text: readFileSync(source, 'utf8') };
    }
    throw new ScenarioError('unknown-name', name, [], `unknown scenario "${name}"`);
  }

  /** Validates scenario JSON text, collecting every problem. */
  validate(text: string): Validation {
    try {
      return { ok: true, scenario: parseScenarioText(text, 'upload').scenario };
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      const problems =
        err.problems.length > 0
          ? [...err.problems]
          : [{ path: '', message: err.message.replace(/^upload:/, '').trim() }];
      return { ok: false, problems };
    }
  }

  /**
   * Validates and stores an upload under its scenario name (atomically: never half-written).
   * A shipped name cannot be replaced, so a run that names it always means the shipped file.
   */
  save(text: string): { ok: true; name: string; replaced: boolean } | { ok: false; problems: Problem[] } {
    const v = this.validate(text);
    if (!v.ok) return v;
    const name = v.scenario.name;
    if (this.has(this.shippedDir, name)) {
      return {
        ok: false,
        problems: [{ path: 'name', message: `"${name}" is a shipped scenario; choose another name` }],
      };
    }
    const replaced = this.has(this.uploadsDir, name);
    writeFileAtomic(join(this.uploadsDir, `${name}.json`), text);
    return { ok: true, name, replaced };
  }

  private has(dir: string, name: string): boolean {
    try {
      return readdirSync(dir).includes(`${name}.json`);
    } catch {
      return false;
    }
  }
}
