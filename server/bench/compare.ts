import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What `bench --compare` needs to know. */
export interface CompareOptions {
  /** This tree (A): the repository root holding server/bin/bench.js and node_modules. */
  root: string;
  /** The git ref to compare against (B). */
  ref: string;
  cases: readonly string[];
  /** A B rounds per case (each round runs A then B, or B then A on odd rounds). */
  rounds: number;
  /** Passed on to both trees' bench (omitted when 1, so an older ref without --scale still runs). */
  scale: number;
  /** Where progress and the table go. */
  log: (line: string) => void;
}

/** One side's parsed JSON lines for one case, per round. */
type Runs = Record<string, unknown>[];

/** Figures shown in the table when both sides report them (others stay in the JSON lines). */
const SHOWN = [
  'customersPerSec',
  'customersPerCpuSec',
  'eventsPerSec',
  'eventsPerCpuSec',
  'customersPerSecPerCalMops',
  'eventsPerSecPerCalMops',
  'simSecondsPerWallSecond',
  'wallSeconds',
  'cpuSeconds',
  'gcPauseShare',
  'bytesPerCustomer',
  'bytesPerEvent',
  'allocatedMb',
  'peakRssMb',
  'rssGrowthMb',
  'calibrationMops',
];

function git(root: string, args: string[]): string {
  const r = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${(r.stderr || r.stdout).trim()}`);
  return r.stdout.trim();
}

/** Resolves `ref` to a commit, or throws an error that names it. */
export function resolveRef(root: string, ref: string): string {
  if (ref.startsWith('-')) throw new Error(`--compare: "${ref}" is not a git ref`);
  // A copy made with `git archive` (as CI makes) or a downloaded zip has no history: say so
  // rather than call every ref "not a commit".
  const inside = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: root, encoding: 'utf8' });
  if (inside.status !== 0 || inside.stdout.trim() !== 'true')
    throw new Error(`--compare needs a git checkout: ${root} is not inside a git work tree`);
  const r = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`--compare: "${ref}" is not a commit of this repository`);
  return r.stdout.trim();
}

/** Runs one case in a tree, returns its JSON line (or an error line). */
function runCase(tree: string, name: string, scale: number): Record<string, unknown> {
  const args = [join(tree, 'server/bin/bench.js'), '--only', name];
  if (scale !== 1) args.push('--scale', String(scale));
  const r = spawnSync(process.execPath, args, {
    cwd: tree,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 2 ** 20,
  });
  const lines = (r.stdout ?? '').trim().split('\n').filter(Boolean);
  const last = lines[lines.length - 1];
  try {
    if (last !== undefined) return JSON.parse(last) as Record<string, unknown>;
  } catch {
    // fall through: reported below with the process's own words
  }
  const why = (r.stderr ?? '').trim().split('\n').slice(-1)[0] ?? '';
  return { case: name, error: `exit ${r.status ?? r.signal}: ${why || 'no JSON line'}` };
}

/** Median of the finite numbers in xs, or null. */
export function median(xs: readonly number[]): number | null {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m]! : (v[m - 1]! + v[m]!) / 2;
}

function fmt(x: number | null): string {
  if (x === null) return '–';
  if (Math.abs(x) >= 1000) return Math.round(x).toLocaleString('en-US');
  return String(Math.round(x * 1000) / 1000);
}

/** The side-by-side table of one case: medians of A and B and the ratio A/B of the medians. */
export function compareTable(name: string, refLabel: string, a: Runs, b: Runs): string[] {
  const out = [`${name}: A = this tree, B = ${refLabel}; medians of ${a.length} and ${b.length} runs`];
  const errors = [...a.map((r) => ['A', r] as const), ...b.map((r) => ['B', r] as const)].filter(
    ([, r]) => typeof r['error'] === 'string',
  );
  for (const [side, r] of errors) out.push(`  ${side} failed: ${String(r['error'])}`);
  const rows: string[][] = [['figure', 'A', 'B', 'A/B']];
  for (const key of SHOWN) {
    const ma = median(a.map((r) => r[key]).filter((x): x is number => typeof x === 'number'));
    const mb = median(b.map((r) => r[key]).filter((x): x is number => typeof x === 'number'));
    if (ma === null && mb === null) continue;
    const ratio = ma !== null && mb !== null && mb !== 0 ? Math.round((ma / mb) * 1000) / 1000 : null;
    rows.push([key, fmt(ma), fmt(mb), ratio === null ? '–' : `${ratio}×`]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows)
    out.push('  ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
  return out;
}

/**
 * `bench --compare <ref>`: checks the ref out into a temporary git worktree (sharing this tree's
 * node_modules by a symlink), runs each case on both trees in turn — A B, then B A, … so drift of
 * a loaded machine hits both sides alike — and prints medians and ratios. The worktree is removed
 * afterwards, also when a run fails. Returns the exit code (1 if any run failed).
 */
export function runCompare(o: CompareOptions): number {
  const sha = resolveRef(o.root, o.ref);
  const dir = mkdtempSync(join(tmpdir(), 'bintwin-compare-'));
  const tree = join(dir, 'tree');
  let added = false;
  try {
    git(o.root, ['worktree', 'add', '--detach', '--quiet', tree, sha]);
    added = true;
    const modules = join(o.root, 'node_modules');
    // A tree whose node_modules is itself a symlink may have committed it: keep that one.
    const link = join(tree, 'node_modules');
    if (existsSync(modules) && !existsSync(link)) symlinkSync(modules, link, 'dir');
    let failed = false;
    const label = `${o.ref} (${sha.slice(0, 10)})`;
    for (const name of o.cases) {
      const a: Runs = [];
      const b: Runs = [];
      for (let round = 0; round < o.rounds; round++) {
        const order = round % 2 === 0 ? (['A', 'B'] as const) : (['B', 'A'] as const);
        for (const side of order) {
          o.log(`bench --compare: ${name} round ${round + 1}/${o.rounds}: ${side}`);
          const r = runCase(side === 'A' ? o.root : tree, name, o.scale);
          if (typeof r['error'] === 'string') failed = true;
          (side === 'A' ? a : b).push(r);
        }
      }
      for (const line of compareTable(name, label, a, b)) o.log(line);
    }
    return failed ? 1 : 0;
  } finally {
    if (added) spawnSync('git', ['worktree', 'remove', '--force', tree], { cwd: o.root });
    rmSync(dir, { recursive: true, force: true });
    spawnSync('git', ['worktree', 'prune'], { cwd: o.root });
  }
}
