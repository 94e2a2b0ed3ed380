import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { writeMmcSmall } from './mmcSmallFixture.ts';

// The cluster path needs a Redis: .ci/run starts Debian's redis-server on loopback and sets
// BINTWIN_TEST_REDIS_URL; a local `npm test` without one leaves this file out, and says so.
// An empty value counts as none (so `BINTWIN_TEST_REDIS_URL= npm test` leaves it out too).
const REDIS = process.env['BINTWIN_TEST_REDIS_URL'] || undefined;
const BIN = fileURLToPath(new URL('../bin/bintwin.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'bintwin-cluster-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

writeMmcSmall(dir);
writeFileSync(
  join(dir, 'cluster.json'),
  JSON.stringify({
    name: 'cluster',
    base: 'mmc-small.json',
    variants: [
      { name: 'ten', scenario: {} },
      { name: 'twelve', scenario: { workers: [{ role: 'picker', count: 12 }] } },
    ],
    replications: 6,
    runHours: 2,
    kpis: [{ path: 'wait.meanSeconds', goal: 'min' }, 'orders.created'],
  }),
);

interface Run {
  child: ChildProcess;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
  stderr: () => string;
}

function start(...args: string[]): Run {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: dir });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done, stderr: () => stderr };
}

async function until(check: () => boolean, what: string, ms = 60_000): Promise<void> {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(REDIS === undefined)('bintwin experiment --redis (BINTWIN_TEST_REDIS_URL)', () => {
  it('runs on two worker processes, survives one killed mid-batch, and matches a local run', async () => {
    const url = REDIS!;
    const local = await start('experiment', 'cluster.json', '--workers', '2', '--out', 'local', '-q').done;
    expect(local.code).toBe(0);
    // The worker to be killed starts first and alone, so it surely takes a batch.
    const doomed = start('worker', '--redis', url, '--concurrency', '1');
    await until(() => doomed.stderr().includes('waiting for replications'), 'the first worker');
    const exp = start('experiment', 'cluster.json', '--redis', url, '--out', 'cluster');
    await until(() => /job \S+ started/.test(doomed.stderr()), 'a job on the first worker');
    doomed.child.kill('SIGKILL');
    const survivor = start('worker', '--redis', url, '--concurrency', '1');
    const r = await exp.done;
    expect(r.stderr).toMatch(/12\/12 replications/);
    expect(r.code).toBe(0);
    // The killed worker's batch was run again by the survivor (its lock lapsed: stalled).
    const killedJob = /job (\S+) started/.exec(doomed.stderr())![1]!;
    expect(survivor.stderr()).toContain(`job ${killedJob} started`);
    expect(survivor.stderr()).toContain(`job ${killedJob} done`);
    for (const f of ['results.json', 'replications.csv', 'report.html'])
      expect(readFileSync(join(dir, 'cluster', f), 'utf8')).toBe(readFileSync(join(dir, 'local', f), 'utf8'));
    expect(r.stdout).toContain(`on the workers of ${url}`);
    survivor.child.kill('SIGTERM');
    const stopped = await survivor.done;
    expect(stopped.code).toBe(0);
    expect(stopped.stderr).toContain('stopping: finishing the running jobs');
  }, 180_000);
});

describe.runIf(REDIS === undefined)('without BINTWIN_TEST_REDIS_URL', () => {
  it('says why the cluster test is left out (.ci/run provides a Redis)', () => {
    process.stderr.write(
      'experimentCluster.test.ts: no BINTWIN_TEST_REDIS_URL, cluster test not run locally\n',
    );
    expect(REDIS).toBeUndefined();
    // CI must run it: .ci/run sets BINTWIN_REQUIRE_REDIS, so a CI without Redis fails here.
    expect(process.env['BINTWIN_REQUIRE_REDIS'], 'CI runs need a Redis').not.toBe('1');
  });
});
