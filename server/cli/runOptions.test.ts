import { describe, expect, it } from 'vitest';
import { scenarioSchema } from '../../sim/index.ts';
import { CliError, EXIT_USAGE } from './cliError.ts';
import { parseRunFlags, planRun } from './runOptions.ts';

const scenario = scenarioSchema.parse({
  schemaVersion: 1,
  name: 'tiny',
  seed: 5,
  horizon: { days: 2, hours: 6 },
  workers: [{ role: 'picker', count: 1 }],
  demand: { arrivals: { kind: 'poisson', ratePerHour: 10 } },
  picking: { travel: 'none', serviceTime: 30 },
  inventory: { mode: 'unlimited' },
});

/** The usage error message `parseRunFlags` throws for these flags. */
function problem(raw: Parameters<typeof parseRunFlags>[0]): string {
  try {
    parseRunFlags(raw);
  } catch (err) {
    if (err instanceof CliError && err.exitCode === EXIT_USAGE) return err.message;
    throw err;
  }
  throw new Error('expected a usage error');
}

describe('parseRunFlags', () => {
  it('rejects non-numbers, negatives and zero with the value given', () => {
    expect(problem({ days: 'x' })).toBe('--days must be a positive number, got "x"');
    expect(problem({ hours: '-3' })).toBe('--hours must be a positive number, got "-3"');
    expect(problem({ days: '0' })).toBe('--days must be a positive number, got "0"');
    expect(problem({ days: 'NaN' })).toBe('--days must be a positive number, got "NaN"');
    expect(problem({ hours: '' })).toBe('--hours must be a positive number, got ""');
  });

  it('reports every problem at once', () => {
    expect(problem({ days: '1', hours: 'abc', seed: ' ', journal: '' })).toBe(
      '--hours must be a positive number, got "abc"; give --days or --hours, not both; --seed must not be empty; --journal must be a file path or "none"',
    );
    expect(problem({ days: '4000' })).toBe('the run may be at most 3650 days long');
  });

  it('keeps integer seeds as numbers and other seeds as strings', () => {
    expect(parseRunFlags({ seed: '42' }).seed).toBe(42);
    expect(parseRunFlags({ seed: 'monday-a' }).seed).toBe('monday-a');
    expect(parseRunFlags({ seed: '1.5' }).seed).toBe('1.5');
  });
});

describe('planRun', () => {
  it('takes horizon, seed and paths from the scenario by default', () => {
    expect(planRun(parseRunFlags({}), scenario, '/w')).toEqual({
      horizonMs: (2 * 24 + 6) * 3_600_000,
      seed: 5,
      outDir: '/w/runs/tiny-5',
      journalPath: '/w/runs/tiny-5/journal.ndjson',
      quiet: false,
    });
  });

  it('lets flags override, and --journal none turns the journal off', () => {
    const plan = planRun(
      parseRunFlags({ hours: '1.5', seed: '9', out: 'x/y', journal: 'none', quiet: true }),
      scenario,
      '/w',
    );
    expect(plan).toEqual({ horizonMs: 5_400_000, seed: 9, outDir: '/w/x/y', journalPath: null, quiet: true });
    expect(planRun(parseRunFlags({ journal: '/tmp/j.ndjson' }), scenario, '/w').journalPath).toBe(
      '/tmp/j.ndjson',
    );
  });
});
