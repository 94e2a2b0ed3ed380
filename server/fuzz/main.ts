import { Command, CommanderError } from 'commander';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { startTestServer, TEST_TOKENS } from '../live/testServer.ts';
import { feedTarget } from './feedTarget.ts';
import { makeRng, type FuzzReport, type FuzzTarget } from './fuzzTarget.ts';
import { httpFuzz } from './httpFuzz.ts';
import { socketFuzz } from './socketFuzz.ts';

/**
 * Every fuzz target `npm run fuzz` runs, in order. To add one: a file exporting a FuzzTarget
 * and one line here.
 */
export const FUZZ_TARGETS: FuzzTarget[] = [httpFuzz, socketFuzz, feedTarget];

/** What a fuzz run found, per target, plus crashes and memory. */
export interface FuzzSummary {
  seed: string;
  /** Per target: its wall time and the heap growth since the start once it finished (MB, after a GC). */
  targets: (FuzzReport & { name: string; seconds: number; heapMb: number })[];
  /** Uncaught exceptions and unhandled rejections while fuzzing (the server runs in this process). */
  crashes: string[];
  /** Heap growth over the run, MB (after a GC when --expose-gc is on). */
  heapGrowthMb: number;
}

/**
 * Starts a live server on loopback (port 0, temp data folder, demo-dc at ×60 so ticks and
 * deltas flow as on a wall screen), registers a device, and runs each target with an equal
 * share of the inputs and of the time left (a target that finishes early leaves its time to
 * the next). Crashes are caught with process-level handlers, since the server shares this process.
 */
export async function runFuzz(o: {
  seed: string;
  iterations: number;
  seconds: number;
  targets?: FuzzTarget[];
}): Promise<FuzzSummary> {
  const crashes: string[] = [];
  const onCrash = (err: unknown): void =>
    void crashes.push(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  const t = await startTestServer({ speed: 60, paused: false, until: null });
  try {
    // The feed fuzz's messages name device `fz`; every target uses its token.
    const reg = await fetch(`${t.url}/api/devices`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKENS.admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'fz',
        steps: ['receive', 'putaway', 'pick', 'replenish', 'move', 'count', 'epcis'],
      }),
    });
    const device = ((await reg.json()) as { token: string }).token;
    const targets = o.targets ?? FUZZ_TARGETS;
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    // BINTWIN_FUZZ_SNAPSHOT_DIR: heap snapshots at the start and end, to diff what the run kept.
    const snapshots = process.env.BINTWIN_FUZZ_SNAPSHOT_DIR;
    if (snapshots) writeHeapSnapshot(join(snapshots, 'fuzz-start.heapsnapshot'));
    const out: FuzzSummary['targets'] = [];
    const end = Date.now() + o.seconds * 1000;
    for (const [i, target] of targets.entries()) {
      const share = (end - Date.now()) / (targets.length - i);
      const started = Date.now();
      const rep = await target.run({
        url: t.url,
        tokens: { ...TEST_TOKENS, device },
        rng: makeRng(`${o.seed}:${target.name}`),
        iterations: Math.ceil(o.iterations / targets.length),
        deadline: Date.now() + share,
        server: t.server,
      });
      gc?.();
      const heapMb = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
      out.push({ name: target.name, seconds: (Date.now() - started) / 1000, heapMb, ...rep });
    }
    gc?.();
    const heapGrowthMb = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
    if (snapshots) writeHeapSnapshot(join(snapshots, 'fuzz-end.heapsnapshot'));
    return { seed: o.seed, targets: out, crashes, heapGrowthMb };
  } finally {
    await t.stop();
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  }
}

/** `npm run fuzz -- [--seed S] [--seconds N] [--iterations N]`: prints the counts; exit 1 on any crash, 5xx or finding. */
export async function fuzzMain(argv: string[]): Promise<number> {
  const program = new Command('fuzz')
    .description(
      'hostile input against a live server (HTTP routes, Socket.IO packets, scanner and EPCIS feeds); ' +
        'exit 1 on any crash, 5xx or finding',
    )
    .option('--seed <s>', 'seed of the input generator (same seed, same inputs)', 'bintwin-fuzz')
    .option('--seconds <n>', 'time limit of the whole run', '600')
    .option('--iterations <n>', 'inputs in all, shared by the targets', '100000')
    .exitOverride()
    .configureOutput({ writeOut: (t) => process.stdout.write(t), writeErr: (t) => process.stderr.write(t) });
  try {
    program.parse(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.code === 'commander.helpDisplayed' ? 0 : 2;
    throw e;
  }
  const o = program.opts<{ seed: string; seconds: string; iterations: string }>();
  const seed = o.seed;
  const seconds = Number(o.seconds);
  const iterations = Number(o.iterations);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    process.stderr.write(`bintwin fuzz: --seconds "${o.seconds}" is not a number above 0\n`);
    return 2;
  }
  if (!Number.isInteger(iterations) || iterations <= 0) {
    process.stderr.write(`bintwin fuzz: --iterations "${o.iterations}" is not a whole number above 0\n`);
    return 2;
  }
  const s = await runFuzz({ seed, seconds, iterations });
  const counts = (r?: Record<string, number>): string =>
    Object.entries(r ?? {})
      .map(([k, v]) => `  ${k} ${v}`)
      .join('');
  for (const t of s.targets) {
    process.stdout.write(
      `${t.name.padEnd(8)} sent ${String(t.sent).padStart(7)} in ${t.seconds.toFixed(0)} s  heap +${t.heapMb.toFixed(1)} MB  5xx ${t.serverErrors}` +
        `${counts(t.findings)}${t.info ? `  (${counts(t.info).trim()})` : ''}\n`,
    );
    for (const e of t.examples) process.stdout.write(`  e.g. ${e}\n`);
  }
  process.stdout.write(
    `crashes ${s.crashes.length}  heap growth ${s.heapGrowthMb.toFixed(1)} MB  seed ${seed}\n`,
  );
  for (const c of s.crashes.slice(0, 5))
    process.stdout.write(`  ${c.split('\n').slice(0, 4).join('\n  ')}\n`);
  const bad =
    s.crashes.length +
    s.targets.reduce(
      (n, t) => n + t.serverErrors + Object.values(t.findings ?? {}).reduce((a, b) => a + b, 0),
      0,
    );
  return bad === 0 ? 0 : 1;
}
