import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { writeMmcSmall } from './mmcSmallFixture.ts';

// `bintwin experiment` as users start it: a child process through the bin shim.
const BIN = fileURLToPath(new URL('../bin/bintwin.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'bintwin-experiment-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

writeMmcSmall(dir);
const experimentPath = join(dir, 'pickers.json');
writeFileSync(
  experimentPath,
  JSON.stringify({
    name: 'pickers',
    base: 'mmc-small.json',
    variants: [
      { name: 'ten', scenario: {} },
      { name: 'twelve', scenario: { workers: [{ role: 'picker', count: 12 }] } },
    ],
    // Sequential: the number of rounds must not depend on the worker count either.
    replications: { kpi: 'wait.meanSeconds', halfWidth: 4, initial: 2, step: 2, max: 6 },
    warmupHours: 0.5,
    runHours: 1,
    kpis: [
      { path: 'wait.meanSeconds', goal: 'min' },
      'orders.created',
      { path: 'picking.linesPicked', over: 'after-warmup' },
    ],
  }),
);

/** Runs `bintwin args...` asynchronously (so parallel runs can overlap) and collects its output. */
function bintwin(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

interface Results {
  n: number;
  variants: { name: string }[];
  kpis: { path: string; variants: { vsBaseline: { verdict: string } | null }[] }[];
  replications: { variant: string; replication: number; seed: string; kpis: Record<string, number | null> }[];
}

describe('bintwin experiment', () => {
  it('gives identical results on 1 and 2 workers, pairs replications by seed, and writes the report', async () => {
    const one = await bintwin('experiment', 'pickers.json', '--workers', '1', '--out', 'w1');
    const two = await bintwin('experiment', 'pickers.json', '--workers', '2', '--out', 'w2');
    expect(one.stderr).toMatch(/replications in/);
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    for (const f of ['results.json', 'replications.csv', 'report.html', 'variants/twelve.json'])
      expect(readFileSync(join(dir, 'w2', f), 'utf8')).toBe(readFileSync(join(dir, 'w1', f), 'utf8'));
    // The summary differs only in the wall time and the worker count it prints.
    const strip = (s: string): string => s.replace(/ in [\d.]+ s on \d workers/, '').replace(/w[12]\//g, '');
    expect(strip(two.stdout)).toBe(strip(one.stdout));

    const results = JSON.parse(readFileSync(join(dir, 'w1', 'results.json'), 'utf8')) as Results;
    expect(results.n).toBeGreaterThanOrEqual(2);
    expect(results.n).toBeLessThanOrEqual(6);
    expect(results.replications).toHaveLength(2 * results.n);
    // Common random numbers: replication r has one seed in both variants, so both saw the same
    // arrivals (the arrival stream is separate from service), while the waits differ.
    const ten = results.replications.filter((r) => r.variant === 'ten');
    const twelve = results.replications.filter((r) => r.variant === 'twelve');
    expect(twelve.map((r) => r.seed)).toEqual(ten.map((r) => r.seed));
    expect(ten.map((r) => r.seed)).toEqual(ten.map((_, i) => `1-${i + 1}`));
    expect(twelve.map((r) => r.kpis['orders.created'])).toEqual(ten.map((r) => r.kpis['orders.created']));
    expect(twelve.map((r) => r.kpis['wait.meanSeconds'])).not.toEqual(
      ten.map((r) => r.kpis['wait.meanSeconds']),
    );
    // Two more pickers cut the wait, and the paired comparison sees it.
    expect(results.kpis[0]!.variants[1]!.vsBaseline!.verdict).toBe('lower');
    expect(one.stdout).toMatch(
      /^experiment pickers: 2 variants × \d replications \(sequential on wait\.meanSeconds/,
    );
    expect(one.stdout).toMatch(
      /\n {2}twelve +\d+ +\[\d+, \d+\] +twelve − ten = -\d+ \[-\d+, -\d+\]: lower at 95%\n/,
    );
    expect(one.stdout).toMatch(/best: twelve has the lowest mean, selected as best at 95% confidence/);

    const csv = readFileSync(join(dir, 'w1', 'replications.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe(
      'variant,replication,seed,eventsProcessed,wait.meanSeconds,orders.created,picking.linesPicked',
    );
    expect(csv).toHaveLength(2 * results.n + 2);
    const html = readFileSync(join(dir, 'w1', 'report.html'), 'utf8');
    expect(html).not.toMatch(/https?:|<script|<link|src=/);
    // Per KPI: a CI plot, a box plot; a difference plot for each KPI with pairs.
    expect(html.match(/<svg /g)).toHaveLength(9);
    expect(html).toContain('Paired differences against ten');
    // A variant file runs as is with `bintwin run`.
    const variant = JSON.parse(readFileSync(join(dir, 'w1', 'variants', 'twelve.json'), 'utf8')) as {
      workers: { count: number }[];
    };
    expect(variant.workers[0]!.count).toBe(12);
  }, 120_000);

  it('rejects bad flags (exit 2) and bad files with every problem and its path (exit 1)', async () => {
    const flags = spawnSync(process.execPath, [BIN, 'experiment', 'pickers.json', '--workers', '0'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(flags.status).toBe(2);
    expect(flags.stderr).toBe('bintwin: --workers must be a whole number from 1 to 256, got "0"\n');
    writeFileSync(
      join(dir, 'bad-kpi.json'),
      JSON.stringify({
        name: 'bad-kpi',
        base: 'mmc-small.json',
        variants: [{ name: 'a' }],
        replications: 2,
        kpis: ['wait.mean'],
      }),
    );
    const bad = await bintwin('experiment', 'bad-kpi.json');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      'bintwin: bad-kpi.json: 1 problem\n  kpis[0]: variant "a": no KPI "wait.mean": wait has n, meanSeconds, p90Seconds, steadyState\n',
    );
  }, 60_000);
});
