import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// The CLI as users start it: a child process through the bin shim, so exit codes, stdout and
// stderr are the real ones.
const BIN = fileURLToPath(new URL('../bin/bintwin.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'bintwin-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A small scenario: ten servers, no travel, unlimited stock (the M/M/c validation system). */
const scenarioPath = join(dir, 'mmc-small.json');
writeFileSync(
  scenarioPath,
  JSON.stringify({
    schemaVersion: 1,
    name: 'mmc-small',
    description: 'Ten pickers, no travel.',
    workers: [{ role: 'picker', count: 10 }],
    demand: { arrivals: { kind: 'poisson', ratePerHour: 540 } },
    picking: { travel: 'none', serviceTime: { kind: 'exponential', mean: 60 } },
    inventory: { mode: 'unlimited' },
  }),
);

/** Runs `bintwin args...` to completion. */
function bintwin(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

describe('bintwin CLI', () => {
  it('prints help for the program and for each command', () => {
    const top = bintwin('--help');
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/^Usage: bintwin \[options\] \[command\]/);
    for (const cmd of ['run', 'validate', 'scenarios']) expect(top.stdout).toContain(`\n  ${cmd} `);
    const run = bintwin('run', '--help');
    expect(run.code).toBe(0);
    for (const flag of [
      '--days <n>',
      '--hours <n>',
      '--seed <s>',
      '--out <dir>',
      '--journal <file|none>',
      '--quiet',
    ]) {
      expect(run.stdout).toContain(flag);
    }
  });

  it('rejects bad flags with one line and exit code 2', () => {
    const bad = bintwin('run', scenarioPath, '--days', 'x');
    expect(bad).toEqual({
      code: 2,
      stdout: '',
      stderr: 'bintwin: --days must be a positive number, got "x"\n',
    });
    const both = bintwin('run', scenarioPath, '--days', '1', '--hours', '-2');
    expect(both.code).toBe(2);
    expect(both.stderr).toBe(
      'bintwin: --hours must be a positive number, got "-2"; give --days or --hours, not both\n',
    );
    const unknown = bintwin('run', scenarioPath, '--dayz', '2');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe("bintwin: unknown option '--dayz' (Did you mean --days?)\n");
  });

  it('names the available scenarios when the name is unknown', () => {
    const r = bintwin('run', 'no-such-scenario');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^bintwin: unknown scenario "no-such-scenario" \((available: |no scenarios in )/,
    );
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('fails with exit code 1 when the output folder cannot be written', () => {
    writeFileSync(join(dir, 'a-file'), '');
    const r = bintwin('run', scenarioPath, '--hours', '1', '--out', 'a-file/out');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^bintwin: cannot write to output folder "a-file\/out": /);
  });

  it('validates a file, listing every problem', () => {
    const ok = bintwin('validate', scenarioPath);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^OK mmc-small \(.*mmc-small\.json\)\n/);
    expect(ok.stdout).toMatch(/workers +10 × picker/);
    const badPath = join(dir, 'bad.json');
    writeFileSync(badPath, JSON.stringify({ schemaVersion: 1, name: 'Bad', workers: [], demand: {} }));
    const bad = bintwin('validate', badPath);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.split('\n').slice(1, -1)).toEqual([
      '  name: lower-case letters, digits and dashes',
      '  workers: must have at least 1 item, got an array',
      '  demand.arrivals: required (an object)',
      '  picking: required (an object)',
    ]);
  });

  it('runs an hour, writes kpis.json and the journal, and prints a summary', () => {
    const r = bintwin('run', scenarioPath, '--hours', '1', '--out', 'one-hour');
    expect(r.stderr).toContain('100%');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^mmc-small seed 1: 1 h simulated in /);
    expect(r.stdout).toMatch(/\norders\n {2}created +\d/);
    const kpis = JSON.parse(readFileSync(join(dir, 'one-hour', 'kpis.json'), 'utf8')) as {
      scenario: string;
      orders: { created: number };
    };
    expect(kpis.scenario).toBe('mmc-small');
    expect(kpis.orders.created).toBeGreaterThan(400);
    const lines = readFileSync(join(dir, 'one-hour', 'journal.ndjson'), 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.length).toBeGreaterThan(kpis.orders.created);
    const seqs = lines.map((l) => (JSON.parse(l) as { seq: number }).seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it('gives identical journal bytes for the same seed and different ones for another seed', () => {
    const run = (out: string, seed: string): string => {
      const r = bintwin('run', scenarioPath, '--hours', '2', '--seed', seed, '--out', out, '--quiet');
      expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
      return sha256(join(dir, out, 'journal.ndjson'));
    };
    const a = run('seed-7a', '7');
    expect(run('seed-7b', '7')).toBe(a);
    expect(run('seed-8', '8')).not.toBe(a);
  });

  it('skips the journal with --journal none', () => {
    const r = bintwin('run', scenarioPath, '--hours', '1', '--out', 'no-journal', '--journal', 'none', '-q');
    expect(r.code).toBe(0);
    expect(() => readFileSync(join(dir, 'no-journal', 'journal.ndjson'))).toThrow(/ENOENT/);
    expect(readFileSync(join(dir, 'no-journal', 'kpis.json'), 'utf8')).toMatch(/"scenario": "mmc-small"/);
  });
});
