import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { busyDemoDc, killChildren, startChildServer, type ChildServer } from '../live/childServer.ts';
import { createEngine, replayJournal, scenarioSchema, type JournalEvent } from '../../sim/index.ts';
import type { CheckpointFile } from '../live/liveRun.ts';
import { waitFor } from '../live/testServer.ts';
import { openFeedLog } from './feedLogOpen.ts';

const GS = '\u001d';
const UNTIL = 40 * 60_000;
const dir = mkdtempSync(join(tmpdir(), 'bintwin-feedcrash-'));
const children: ChildProcess[] = [];
afterAll(() => {
  killChildren(children);
  if (!process.env['KEEP']) rmSync(dir, { recursive: true, force: true });
  else console.log(dir);
});

// demo-dc with orders from the first minute, so the feed interleaves with simulated work.
const busy = busyDemoDc();
const scenario = scenarioSchema.parse(busy);

/** `bintwin serve` of busy-dc at `speed`, until 40 sim minutes; resolves once it listens. */
function serve(data: string, speed: string): Promise<ChildServer> {
  const args = [
    'busy-dc',
    '--data-dir',
    data,
    '--speed',
    speed,
    '--until',
    '40m',
    '--checkpoint-minutes',
    '10',
  ];
  return startChildServer(args, { BINTWIN_ADMIN_TOKEN: 'adm' }, children, 30_000);
}

async function health(port: number): Promise<{ simTime: number; paused: boolean }> {
  return (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as {
    simTime: number;
    paused: boolean;
  };
}

describe('feed durability across a crash', () => {
  it('kill -9 after acknowledged scans: the restart re-applies them once, at their sim times', async () => {
    const data = join(dir, 'data');
    mkdirSync(join(data, 'scenarios'), { recursive: true });
    writeFileSync(join(data, 'scenarios', 'busy-dc.json'), JSON.stringify(busy));
    const runDir = join(data, 'runs', 'r0001-busy-dc');
    const probe = createEngine(scenario);
    const dock = probe.site().bins.find((b) => b.type === 'dock' || b.type === 'staging')!.code;
    const gtin = probe.site().items[0]!.uoms[0]!.gtin;

    const a = await serve(data, '300');
    const base = `http://127.0.0.1:${a.port}`;
    const post = (path: string, body: unknown, tok: string) =>
      fetch(base + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tok}` },
        body: JSON.stringify(body),
      });
    const reg = await post('/api/devices', { id: 'rf-1', steps: ['receive'] }, 'adm');
    const { token } = (await reg.json()) as { token: string };
    const acked: string[] = [];
    let n = 0;
    const scan = (raw: string) => ({
      device: 'rf-1',
      user: 'u',
      role: 'receiver',
      step: 'receive',
      raw,
      clientEventId: `c${++n}`,
      deviceTime: '2024-01-01T08:00:00Z',
    });
    const send = async (i: number): Promise<void> => {
      const r = (await (
        await post(
          '/api/scans',
          { scans: [scan(dock), scan(`]C1${'01' + gtin}10LOT${i}${GS}30${i + 1}`)] },
          token,
        )
      ).json()) as { results: { ok: boolean; eventIds?: string[] }[] };
      expect(r.results.every((x) => x.ok)).toBe(true);
      acked.push(...(r.results[1]!.eventIds ?? []));
    };
    // Receipts spread over sim time while the simulation runs …
    for (let i = 0; i < 20; i++) {
      await send(i);
      await new Promise((res) => setTimeout(res, 40));
    }
    // … then a checkpoint taken after them (every 10 sim minutes: ~2 s here), then more receipts
    // at once and the crash right after, so the crash surely loses acknowledged work. Waiting
    // for the checkpoint, rather than hoping one falls between the scans, keeps this true on a
    // fast machine too (the 40 spaced scans once all fell before the next checkpoint).
    const after = (await health(a.port)).simTime;
    await waitFor(
      () => {
        try {
          const cp = JSON.parse(readFileSync(join(runDir, 'checkpoint.json'), 'utf8')) as CheckpointFile;
          return cp.simTime >= after;
        } catch {
          return false; // being replaced (rename) or not written yet
        }
      },
      'a checkpoint after the first scans',
      60_000,
    );
    for (let i = 20; i < 40; i++) await send(i);
    a.child.kill('SIGKILL');
    await new Promise((r) => a.child.once('exit', r));
    expect(acked.length).toBe(40);
    const cp = JSON.parse(readFileSync(join(runDir, 'checkpoint.json'), 'utf8')) as CheckpointFile;
    const opened = await openFeedLog(runDir, 0, () => {});
    opened.log.close();
    const records = opened.backlog.map((e) => ({ key: e.k, entry: e.entry, simTime: e.simTime, ev: e.ev }));
    // The crash really lost some: scans were applied after the last checkpoint.
    expect(records.some((r) => r.simTime! > cp.simTime)).toBe(true);
    // … and simulated work ran between the scans.
    expect(records.at(-1)!.ev! - records[0]!.ev!).toBeGreaterThan(20);

    const b = await serve(data, '1000');
    let h = await health(b.port);
    const end = Date.now() + 60_000;
    while (!(h.paused && h.simTime === UNTIL) && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 100));
      h = await health(b.port);
    }
    expect(h).toMatchObject({ simTime: UNTIL, paused: true });
    b.child.kill('SIGTERM');
    expect(await new Promise((r) => b.child.once('exit', r))).toBe(0);

    const journal = readFileSync(join(runDir, 'journal.ndjson'), 'utf8');
    const lines = journal
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as JournalEvent);
    const ids = new Map<string, number>();
    for (const e of lines) ids.set(e.id, (ids.get(e.id) ?? 0) + 1);
    for (const id of acked) expect(ids.get(id)).toBe(1);

    // The same run without a crash: the simulation with the recorded feed applied at its sim times.
    const events: JournalEvent[] = [];
    const whole = createEngine(scenario, { journal: (e) => events.push(e) });
    for (const r of records) {
      if (r.simTime! > whole.now()) whole.runUntil(r.simTime!);
      expect(whole.apply({ type: 'feed', key: r.key, entry: r.entry! }).ok).toBe(true);
    }
    whole.runUntil(UNTIL);
    const expected = events.map((e) => JSON.stringify(e) + '\n').join('');
    expect(journal === expected).toBe(true);
    expect(replayJournal(lines).state()).toEqual(whole.stock('system'));
    const final = JSON.parse(readFileSync(join(runDir, 'checkpoint.json'), 'utf8')) as CheckpointFile;
    expect(final.engine.system).toEqual(whole.stock('system'));
    expect(existsSync(join(runDir, 'feed-000001.ndjson'))).toBe(true);
  }, 120_000);
});
