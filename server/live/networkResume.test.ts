import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { createNetwork } from '../../sim/networkApi.ts';
import { loadNetwork } from '../networkLoader.ts';
import { killChildren, startChildServer, type ChildServer } from './childServer.ts';
import { cutJournalSegments } from './journalRecovery.ts';
import { listJournalSegments } from './journalSegments.ts';
import { siteDir, type NetworkCheckpointFile } from './networkLiveRun.ts';
import { startNetworkServer } from './networkServer.ts';
import { testServerOptions, waitFor } from './testServer.ts';

const HOUR = 3_600_000;
const dir = mkdtempSync(join(tmpdir(), 'bintwin-netresume-'));
const children: ChildProcess[] = [];
afterAll(() => {
  killChildren(children);
  rmSync(dir, { recursive: true, force: true });
});

const { network } = loadNetwork('demo-network');
const SITES = network.sites.map((s) => s.name);

/** Each site's journal and truth log of an uninterrupted network run to `until`, as the live run writes them. */
function uninterrupted(until: number): { journal: Map<string, string>; truth: Map<string, string> } {
  const journal = new Map(SITES.map((s) => [s, '']));
  const truth = new Map(SITES.map((s) => [s, '']));
  const run = createNetwork(network, {
    journal: (site, e) => journal.set(site, journal.get(site)! + JSON.stringify(e) + '\n'),
    truth: (site, e) => truth.set(site, truth.get(site)! + JSON.stringify(e) + '\n'),
  });
  run.runUntil(until);
  return { journal, truth };
}

/** A site's whole journal as on disk (its segments in order, archived ones gunzipped). */
function siteJournal(runDir: string, site: string): string {
  return listJournalSegments(siteDir(runDir, site))
    .map((s) => (s.gz ? gunzipSync(readFileSync(s.file)).toString('utf8') : readFileSync(s.file, 'utf8')))
    .join('');
}

function expectSameAsUninterrupted(runDir: string, until: number): void {
  const want = uninterrupted(until);
  for (const site of SITES) {
    const got = siteJournal(runDir, site);
    // Gap-free: seq 1, 2, 3 … with nothing torn or repeated.
    const seqs = got
      .trimEnd()
      .split('\n')
      .map((l) => (JSON.parse(l) as { seq: number }).seq);
    expect(
      seqs.every((q, i) => q === i + 1),
      `${site}: journal seqs run 1..n without a gap`,
    ).toBe(true);
    expect(got.length, `${site}: journal length`).toBe(want.journal.get(site)!.length);
    expect(got === want.journal.get(site), `${site}: journal bytes`).toBe(true);
    const truth = readFileSync(join(siteDir(runDir, site), 'truth.ndjson'), 'utf8');
    expect(truth === want.truth.get(site), `${site}: truth log bytes`).toBe(true);
  }
}

function readCheckpoint(runDir: string): NetworkCheckpointFile | null {
  try {
    return JSON.parse(readFileSync(join(runDir, 'checkpoint.json'), 'utf8')) as NetworkCheckpointFile;
  } catch {
    return null;
  }
}

describe('network run restart-resume', () => {
  it('stopped at 1 h and started again on the same data folder: resumes at 1 h, same run, journals continue', async () => {
    const dataDir = join(dir, 'inproc');
    const options = {
      ...testServerOptions('demo-network', { speed: 'max', paused: false, until: HOUR }, dataDir, {
        tickMs: 20,
      }),
      checkpointEveryMs: 5 * 60_000,
    };
    const a = await startNetworkServer(options);
    const runId = a.runner.status().runId;
    await waitFor(() => a.runner.status().paused, 'the run reaching 1 h', 60_000);
    await a.close();
    const runDir = join(dataDir, 'runs', runId);
    expect(readCheckpoint(runDir)!.simTime).toBe(HOUR);

    const b = await startNetworkServer(options);
    try {
      expect(b.runner.status().runId).toBe(runId);
      expect(b.runner.currentRun().simTime).toBe(HOUR);
      const reply = await b.runner.control({ type: 'control.jump', simTime: 2 * HOUR }, 'DC1');
      expect(reply.type).toBe('control.ack');
    } finally {
      await b.close();
    }
    expect(readdirSync(join(dataDir, 'runs'))).toEqual([runId]);
    expectSameAsUninterrupted(runDir, 2 * HOUR);
    // A lost run index must not hand the old id out again and overwrite the run's journals.
    rmSync(join(dataDir, 'runs.json'));
    await expect(startNetworkServer(options)).rejects.toThrow(/a run already lives in .*runs\.json/);
    expectSameAsUninterrupted(runDir, 2 * HOUR);
  });

  it('gzips the closed journal segments of every site that a checkpoint covers; the journals stay whole across a restart', async () => {
    const dataDir = join(dir, 'archive');
    const options = {
      ...testServerOptions('demo-network', { speed: 'max', paused: false, until: HOUR }, dataDir, {
        tickMs: 20,
      }),
      checkpointEveryMs: 5 * 60_000,
      journal: { segmentBytes: 16 * 1024 },
    };
    const a = await startNetworkServer(options);
    const runId = a.runner.status().runId;
    await waitFor(() => a.runner.status().paused, 'the run reaching 1 h', 60_000);
    await a.close();
    const runDir = join(dataDir, 'runs', runId);
    const archived = (site: string): number =>
      listJournalSegments(siteDir(runDir, site)).filter((s) => s.gz).length;
    // Every site of demo-network writes more than one 16 KB segment in an hour.
    for (const site of SITES) expect(archived(site), `${site}: archived segments`).toBeGreaterThan(0);
    expectSameAsUninterrupted(runDir, HOUR);
    const b = await startNetworkServer(options);
    try {
      expect(b.runner.currentRun().simTime).toBe(HOUR);
      expect((await b.runner.control({ type: 'control.jump', simTime: 2 * HOUR }, 'DC1')).type).toBe(
        'control.ack',
      );
    } finally {
      await b.close();
    }
    expectSameAsUninterrupted(runDir, 2 * HOUR);
  });

  it('kill -9 past 1 h, a torn journal line and a crash between resume steps: resumes at the checkpoint, journals byte-identical', async () => {
    const dataDir = join(dir, 'child');
    const runDir = join(dataDir, 'runs', 'r0001-demo-network');
    const serve = (): Promise<ChildServer> =>
      startChildServer(
        [
          'demo-network',
          '--data-dir',
          dataDir,
          '--speed',
          '1000',
          '--until',
          '2h',
          '--checkpoint-minutes',
          '5',
        ],
        { BINTWIN_ADMIN_TOKEN: 'x' },
        children,
        30_000,
      );
    const a = await serve();
    await waitFor(
      () => (readCheckpoint(runDir)?.simTime ?? 0) >= HOUR,
      'a network checkpoint 1 sim hour in',
      60_000,
    );
    a.child.kill('SIGKILL');
    await new Promise((r) => a.child.once('exit', r));
    const cp = readCheckpoint(runDir)!;
    expect(cp.simTime).toBeGreaterThanOrEqual(HOUR);
    expect(cp.simTime).toBeLessThan(2 * HOUR);
    // The worst tail a crash can leave: half a line on one site's journal.
    writeFileSync(join(siteDir(runDir, 'BR1'), 'journal.ndjson'), '{"id":"E999999","seq":99', { flag: 'a' });
    // A crash between resume steps: one site already cut back to the checkpoint, the others not,
    // and a checkpoint temp file that was never renamed.
    cutJournalSegments(siteDir(runDir, 'DC1'), cp.lastSeq['DC1']!);
    writeFileSync(join(runDir, '.checkpoint.json.1.1.tmp'), '{"schemaVer');

    const b = await serve();
    await waitFor(
      () => /resumed network run from checkpoint/.test(b.output()),
      'the resume log line',
      10_000,
    );
    const resumed = b
      .output()
      .split('\n')
      .filter((l) => l.includes('resumed network run from checkpoint'))
      .map((l) => JSON.parse(l) as { simTime: number; run: string })[0]!;
    expect(resumed).toMatchObject({ simTime: cp.simTime, run: 'r0001-demo-network' });
    const end = Date.now() + 60_000;
    let h = { simTime: 0, paused: false };
    while (!(h.paused && h.simTime === 2 * HOUR) && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 100));
      h = (await (await fetch(`${b.base}/healthz`)).json()) as typeof h;
    }
    expect(h).toMatchObject({ simTime: 2 * HOUR, paused: true });
    b.child.kill('SIGTERM');
    expect(await new Promise((r) => b.child.once('exit', r))).toBe(0);
    expect(readCheckpoint(runDir)!.simTime).toBe(2 * HOUR);
    expect(readdirSync(join(dataDir, 'runs'))).toEqual(['r0001-demo-network']);
    expect(existsSync(join(runDir, 'network.json'))).toBe(true);
    expectSameAsUninterrupted(runDir, 2 * HOUR);
  });
});
