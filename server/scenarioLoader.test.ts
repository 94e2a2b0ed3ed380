import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listScenarios, loadScenario, ScenarioError } from './scenarioLoader.ts';

const good = {
  schemaVersion: 1,
  name: 'tiny',
  description: 'Two pickers, no travel.',
  workers: [{ role: 'picker', count: 2 }],
  demand: { arrivals: { kind: 'poisson', ratePerHour: 30 } },
  picking: { travel: 'none', serviceTime: { kind: 'exponential', mean: 60 } },
  inventory: { mode: 'unlimited' },
};

/** Temp folder for one-off files; `shipped` stands in for scenarios/ and holds only what the name tests expect. */
let dir: string;
let shipped: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bintwin-loader-'));
  shipped = join(dir, 'shipped');
  mkdirSync(shipped);
  writeFileSync(join(shipped, 'tiny.json'), JSON.stringify(good, null, 2));
  writeFileSync(
    join(shipped, 'other.json'),
    JSON.stringify({ ...good, name: 'other', description: 'Second.' }),
  );
  writeFileSync(join(shipped, 'notes.txt'), 'not a scenario');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `fn`, expecting a ScenarioError, and returns it. */
function scenarioError(fn: () => unknown): ScenarioError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ScenarioError) return err;
    throw err;
  }
  throw new Error('expected a ScenarioError');
}

describe('loadScenario', () => {
  it('loads a file by path and applies defaults', () => {
    const path = join(shipped, 'tiny.json');
    const { scenario, source } = loadScenario(path);
    expect(source).toBe(path);
    expect(scenario.name).toBe('tiny');
    expect(scenario.horizon).toEqual({ days: 1 });
    expect(scenario.picking.serviceTime).toEqual({ kind: 'exponential', mean: 60 });
  });

  it('resolves a bare name in the scenarios folder', () => {
    const { scenario, source } = loadScenario('other', { scenariosDir: shipped });
    expect(scenario.description).toBe('Second.');
    expect(source).toBe(join(shipped, 'other.json'));
  });

  it('names the available scenarios when the name is unknown', () => {
    const err = scenarioError(() => loadScenario('nope', { scenariosDir: shipped }));
    expect(err.kind).toBe('unknown-name');
    expect(err.message).toBe(
      'unknown scenario "nope" (available: other, tiny; or give a path to a .json file)',
    );
  });

  it('reports a missing file by path', () => {
    const err = scenarioError(() => loadScenario(join(dir, 'missing.json')));
    expect(err.kind).toBe('unreadable');
    expect(err.message).toContain('missing.json: cannot read scenario: no such file');
  });

  it('gives line and column of a JSON syntax error', () => {
    const path = join(dir, 'broken.json');
    // Missing comma after line 3: the error is at the start of line 4.
    writeFileSync(path, '{\n  "schemaVersion": 1,\n  "name": "x"\n  "workers": []\n}\n');
    const err = scenarioError(() => loadScenario(path));
    expect(err.kind).toBe('syntax');
    expect(err.message).toMatch(new RegExp(`^${escape(path)}:4:3: JSON syntax error: `));
  });

  it('locates syntax errors V8 reports without a position', () => {
    const path = join(dir, 'token.json');
    writeFileSync(path, '{\n  "a": ,\n}');
    expect(scenarioError(() => loadScenario(path)).message).toMatch(
      /token\.json:2:8: JSON syntax error: Unexpected token/,
    );
    writeFileSync(path, '{"a": [1, 2');
    expect(scenarioError(() => loadScenario(path)).message).toMatch(/token\.json:1:12: JSON syntax error/);
  });

  it('lists every schema problem with its path', () => {
    const path = join(dir, 'bad.json');
    writeFileSync(
      path,
      JSON.stringify({
        ...good,
        schemaVersion: 2,
        colour: 'blue',
        workers: [{ role: 'pickr', count: 0 }],
        demand: { arrivals: { kind: 'poisson', ratePerHour: -5 }, linesPerOrder: { kind: 'exponential' } },
        picking: { serviceTime: { kind: 'gamma', shape: 2 } },
      }),
    );
    const err = scenarioError(() => loadScenario(path));
    expect(err.kind).toBe('invalid');
    expect(err.message.split('\n')).toEqual([
      `${path}: 7 problems`,
      '  schemaVersion: must be 1, got 2',
      '  workers[0].role: must be one of "receiver", "putaway", "picker", "replenisher", "packer", "counter", "controller", got "pickr"',
      '  workers[0].count: must be greater than 0, got 0',
      '  demand.arrivals.ratePerHour: must be greater than 0, got -5',
      '  demand.linesPerOrder.mean: required (a number)',
      '  picking.serviceTime.kind: must be one of "constant", "uniform", "triangular", "exponential", "normal", "lognormal", "empirical", got "gamma"',
      '  colour: unknown field',
    ]);
  });

  it('explains a value of the wrong basic type', () => {
    const path = join(dir, 'type.json');
    writeFileSync(path, JSON.stringify({ ...good, picking: { serviceTime: 'slow' }, workers: 'all' }));
    expect(scenarioError(() => loadScenario(path)).problems).toEqual([
      { path: 'workers', message: 'expected an array, got "all"' },
      { path: 'picking.serviceTime', message: 'expected number or object, got "slow"' },
    ]);
  });
});

describe('listScenarios', () => {
  it('lists names and descriptions, and shows broken files instead of hiding them', () => {
    writeFileSync(join(shipped, 'zz-broken.json'), '{');
    const list = listScenarios({ scenariosDir: shipped });
    expect(list.map((s) => [s.name, s.description])).toContainEqual(['tiny', 'Two pickers, no travel.']);
    expect(list.map((s) => s.name)).not.toContain('notes');
    expect(list.find((s) => s.name === 'zz-broken')?.error).toMatch(/zz-broken\.json:1:2: JSON syntax error/);
  });
});

/** Escapes a literal for use in a RegExp. */
function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
