import type { ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { busyDemoDc, killChildren, startChildServer, type ChildServer } from './childServer.ts';
import { createEngine, replayJournal, scenarioSchema, type JournalEvent } from '../../sim/index.ts';
import type { CheckpointFile } from './liveRun.ts';
import { waitFor } from './testServer.ts';

const HOUR = 3_600_000;
const dir = mkdtempSync(join(tmpdir(), 'bintwin-resume-'));
const children: ChildProcess[] = [];
afterAll(() => {
  killChildren(children);
  rmSync(dir, { recursive: true, force: true });
});

// demo-dc with orders from the first minute, so an hour of sim time is busy.
const busy = busyDemoDc();
const scenario = scenarioSchema.parse(busy);

/** Starts `bintwin serve` as a child process; resolves with its port once it listens. */
function serve(dataDir: string): Promise<ChildServer> {
  const args = [
    'busy-dc',
    '--data-dir',
    dataDir,
    '--speed',
    '1000',
    '--until',
    '1h',
    '--checkpoint-minutes',
    '5',
  ];
  return startChildServer(args, { BINTWIN_ADMIN_TOKEN: 'x' }, children, 30_000);
}

async function health(port: number): Promise<{ simTime: number; paused: boolean }> {
  return (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as {
    simTime: number;
    paused: boolean;
  };
}

describe('crash recovery', () => {
  it('kill -9 mid-run, restart: same journal bytes and system ledger as an uninterrupted run', async () => {
    const data = join(dir, 'data');
    mkdirSync(join(data, 'scenarios'), { recursive: true });
    writeFileSync(join(data, 'scenarios', 'busy-dc.json'), JSON.stringify(busy));
    const runDir = join(data, 'runs', 'r0001-busy-dc');
    const a = await serve(data);
    // Kill once a checkpoint well into the run exists and the journal has moved past it.
    await waitFor(
      () => {
        if (!existsSync(join(runDir, 'checkpoint.json'))) return false;
        try {
          const cp = JSON.parse(readFileSync(join(runDir, 'checkpoint.json'), 'utf8')) as CheckpointFile;
          return cp.simTime >= 15 * 60_000;
        } catch {
          return false;
        }
      },
      'a checkpoint 15 sim minutes in',
      30_000,
    );
    a.child.kill('SIGKILL');
    await new Promise((r) => a.child.once('exit', r));
    const cp = JSON.parse(readFileSync(join(runDir, 'checkpoint.json'), 'utf8')) as CheckpointFile;
    expect(cp.simTime).toBeLessThan(HOUR);
    // Simulate the worst tail a crash can leave: half a line.
    writeFileSync(join(runDir, 'journal.ndjson'), '{"id":"E999999","seq":99', { flag: 'a' });

    const b = await serve(data);
    let h = await health(b.port);
    const end = Date.now() + 60_000;
    while (!(h.paused && h.simTime === HOUR) && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 100));
      h = await health(b.port);
    }
    expect(h).toMatchObject({ simTime: HOUR, paused: true });
    // It resumed the crashed run (not a fresh one that happens to produce the same bytes).
    expect(readdirSync(join(data, 'runs')).filter((f) => f.startsWith('r0'))).toEqual(['r0001-busy-dc']);
    b.child.kill('SIGTERM');
    const code = await new Promise((r) => b.child.once('exit', r));
    expect(code).toBe(0);

    const events: JournalEvent[] = [];
    const whole = createEngine(scenario, { journal: (e) => events.push(e) });
    whole.runUntil(HOUR);
    const expected = events.map((e) => JSON.stringify(e) + '\n').join('');
    const journal = readFileSync(join(runDir, 'journal.ndjson'), 'utf8');
    expect(journal.length).toBe(expected.length);
    expect(journal === expected).toBe(true);
    const lines = journal
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as JournalEvent);
    expect(replayJournal(lines).state()).toEqual(whole.stock('system'));
    const final = JSON.parse(readFileSync(join(runDir, 'checkpoint.json'), 'utf8')) as CheckpointFile;
    expect(final.simTime).toBe(HOUR);
    expect(final.engine.system).toEqual(whole.stock('system'));
  });
});
