import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareTable, median } from './compare.ts';
import { parseBenchArgs } from './benchArgs.ts';
import { BENCH_CASES } from './benchCases.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function bench(
  args: string[],
  root = ROOT,
  env: NodeJS.ProcessEnv = process.env,
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'server/bin/bench.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 240_000,
    env,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const SKIP = new Set(['node_modules', '.git', 'artifacts', 'runs', 'data', 'coverage', 'dist']);

/**
 * A copy of this tree's sources (node_modules linked), optionally made a one-commit git
 * repository, so the compare path is tested the same in a checkout and in CI's archive copy.
 */
function scratchRepo(withGit: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'bintwin-benchrepo-'));
  for (const name of readdirSync(ROOT)) {
    if (SKIP.has(name)) continue;
    cpSync(join(ROOT, name), join(dir, name), { recursive: true });
  }
  if (withGit) {
    const g = (args: string[]) => {
      const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    };
    g(['init', '--quiet']);
    g(['add', '--all']);
    g([
      '-c',
      'user.name=bench test',
      '-c',
      'user.email=bench@test.invalid',
      'commit',
      '--quiet',
      '-m',
      'scratch',
    ]);
  }
  // Linked after the commit: `node_modules/` in .gitignore does not match a symlink.
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

function compareDirs(tmp: string): string[] {
  return readdirSync(tmp).filter((d) => d.startsWith('bintwin-compare-'));
}

describe('bench command line', () => {
  it('validates its options and names the bad one', () => {
    const ok = { scale: '1', rounds: '3' };
    const cases = ['mmc', 'dc-week'];
    expect(parseBenchArgs({ ...ok, only: 'mmc' }, cases)).toEqual({ only: 'mmc', scale: 1, rounds: 3 });
    expect(parseBenchArgs({ ...ok, compare: 'main', rounds: '5', scale: '0.1' }, cases)).toEqual({
      compare: 'main',
      scale: 0.1,
      rounds: 5,
    });
    expect(parseBenchArgs({ ...ok, only: 'nope' }, cases)).toMatch(
      /unknown case "nope" \(cases: mmc, dc-week\)/,
    );
    expect(parseBenchArgs({ ...ok, scale: '0' }, cases)).toMatch(/--scale: "0"/);
    expect(parseBenchArgs({ ...ok, scale: '1.5' }, cases)).toMatch(/--scale: "1.5"/);
    expect(parseBenchArgs({ ...ok, scale: 'x' }, cases)).toMatch(/--scale: "x"/);
    expect(parseBenchArgs({ ...ok, rounds: '2' }, cases)).toMatch(/--rounds only goes with --compare/);
    expect(parseBenchArgs({ ...ok, compare: 'HEAD', rounds: '0' }, cases)).toMatch(/--rounds: "0"/);
    expect(parseBenchArgs({ ...ok, compare: 'HEAD', rounds: '1.5' }, cases)).toMatch(/--rounds: "1.5"/);
  });

  it('exits 2 on a bad option, on a ref that is not a commit and outside a git checkout', () => {
    const bad = bench(['--scale', '0']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--scale: "0"/);
    const repo = scratchRepo(true);
    try {
      const ref = bench(['--compare', 'no-such-ref-xyz', '--only', 'mmc'], repo);
      expect(ref.status).toBe(2);
      expect(ref.stderr).toMatch(/"no-such-ref-xyz" is not a commit/);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
    const plain = scratchRepo(false);
    try {
      const r = bench(['--compare', 'HEAD', '--only', 'mmc'], plain);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/--compare needs a git checkout: .* is not inside a git work tree/);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  }, 300_000);

  it('documents --compare in --help', () => {
    const r = bench(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/--compare <git-ref>/);
    expect(r.stdout).toMatch(/calibrationMops/);
    // The help lists the loaded cases by their own names: each registry entry loads the case it names.
    const listed = [
      ...r.stdout
        .split('Cases:\n')[1]!
        .split('\n\n')[0]!
        .matchAll(/^ {2}(\S+) {2,}\S/gm),
    ].map((m) => m[1]);
    expect(listed).toEqual(BENCH_CASES.map((c) => c.name));
  }, 300_000);

  it('reports the harness measurements on a tiny mmc run', () => {
    const r = bench(['--only', 'mmc', '--scale', '0.002']);
    expect(r.status).toBe(0);
    const line = JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
    expect(line['customers']).toBeGreaterThan(1000);
    for (const k of ['cpuSeconds', 'gcPauseShare', 'peakRssMb', 'calibrationMops', 'customersPerCpuSec']) {
      expect(typeof line[k], k).toBe('number');
    }
    expect(line['bytesPerCustomer'] === undefined || typeof line['bytesPerCustomer'] === 'number').toBe(true);
    expect(Object.keys(line['rssMbAtCustomers'] as object)).toHaveLength(3);
  }, 300_000);

  it('compares a tiny mmc run against HEAD and removes its worktree', () => {
    // In a scratch repository of its own: CI tests a `git archive` copy, which has no history.
    const repo = scratchRepo(true);
    // A temporary folder of its own (os.tmpdir() reads TMPDIR): another compare on the machine (a
    // CI run beside a test run) makes and removes its worktrees in the shared one meanwhile.
    const tmp = mkdtempSync(join(tmpdir(), 'bintwin-benchtmp-'));
    try {
      const r = bench(['--compare', 'HEAD', '--only', 'mmc', '--scale', '0.002', '--rounds', '1'], repo, {
        ...process.env,
        TMPDIR: tmp,
      });
      expect(r.stderr).not.toMatch(/failed/);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/mmc: A = this tree, B = HEAD \([0-9a-f]{10}\)/);
      expect(r.stdout).toMatch(/customersPerCpuSec\s+\S+\s+\S+\s+[\d.]+×/);
      expect(compareDirs(tmp)).toEqual([]);
      const worktrees = spawnSync('git', ['worktree', 'list'], { cwd: repo, encoding: 'utf8' }).stdout;
      expect(worktrees).not.toMatch(/bintwin-compare-/);
    } finally {
      rmSync(repo, { recursive: true, force: true });
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 600_000);
});

describe('compare table', () => {
  it('takes medians per side and the ratio of the medians, and shows failed runs', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
    const a = [{ customersPerSec: 300 }, { customersPerSec: 100 }, { customersPerSec: 200 }];
    const b = [{ customersPerSec: 100 }, { error: 'exit 1: boom' }];
    const t = compareTable('mmc', 'main', a, b).join('\n');
    expect(t).toMatch(/B failed: exit 1: boom/);
    expect(t).toMatch(/customersPerSec\s+200\s+100\s+2×/);
  });
});
