import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { busyDemoDc, killChildren, startChildServer, type ChildServer } from './childServer.ts';
import { createEngine, scenarioSchema, type JournalEvent } from '../../sim/index.ts';
import { listJournalSegments } from './journalSegments.ts';

const HOUR = 3_600_000;
const dir = mkdtempSync(join(tmpdir(), 'bintwin-jrotate-'));
const children: ChildProcess[] = [];
afterAll(() => {
  killChildren(children);
  rmSync(dir, { recursive: true, force: true });
});

// demo-dc with orders from the first minute (as resume.test.ts), so the journal grows steadily.
const busy = busyDemoDc();

/** `bintwin serve` with 20 KB journal segments (and a fault, if given); resolves once it listens. */
function serve(data: string, fault?: string): Promise<ChildServer> {
  const args = [
    'busy-dc',
    '--data-dir',
    data,
    '--speed',
    '1000',
    '--until',
    '1h',
    '--checkpoint-minutes',
    '5',
  ];
  const env: Record<string, string> = {
    BINTWIN_ADMIN_TOKEN: 'adm',
    BINTWIN_JOURNAL_SEGMENT_MB: String(20 / 1024),
  };
  if (fault) env['BINTWIN_JOURNAL_FAULT'] = fault;
  return startChildServer(args, env, children);
}

/** The journal of a run folder as one text: every segment, archives decompressed. */
function journalText(runDir: string): string {
  return listJournalSegments(runDir)
    .map((s) => (s.gz ? gunzipSync(readFileSync(s.file)).toString('utf8') : readFileSync(s.file, 'utf8')))
    .join('');
}

describe('segmented journal: kill -9 right after a rotation, restart', () => {
  it('resumes, archives covered segments, and the journal (on disk, downloaded, exported) is the uninterrupted one', async () => {
    const data = join(dir, 'data');
    mkdirSync(join(data, 'scenarios'), { recursive: true });
    writeFileSync(join(data, 'scenarios', 'busy-dc.json'), JSON.stringify(busy));
    const runDir = join(data, 'runs', 'r0001-busy-dc');
    // Rotation 40 is past the checkpoints at 5, 10 and 15 sim minutes (~32 segments by then).
    const a = await serve(data, 'kill-after-rotate:40');
    expect(await new Promise((r) => a.child.once('exit', (_c, sig) => r(sig)))).toBe('SIGKILL');
    const crashed = listJournalSegments(runDir);
    expect(crashed.length).toBeGreaterThanOrEqual(40);
    // The newest segment was just created: empty, as a kill mid-rotation leaves it.
    expect(readFileSync(crashed.at(-1)!.file, 'utf8')).toBe('');
    expect(crashed.some((s) => s.gz)).toBe(true);

    const b = await serve(data);
    const auth = { authorization: 'Bearer adm' };
    for (let end = Date.now() + 90_000; ;) {
      const h = (await (await fetch(`${b.base}/healthz`)).json()) as { simTime: number; paused: boolean };
      if (h.paused && h.simTime === HOUR) break;
      if (Date.now() > end) throw new Error(`did not reach 1 h: ${JSON.stringify(h)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(readdirSync(join(data, 'runs')).filter((f) => f.startsWith('r0'))).toEqual(['r0001-busy-dc']);

    const events: JournalEvent[] = [];
    createEngine(scenarioSchema.parse(busy), { journal: (e) => events.push(e) }).runUntil(HOUR);
    const expected = events.map((e) => JSON.stringify(e) + '\n').join('');
    const dl = await fetch(`${b.base}/api/runs/r0001-busy-dc/journal`, { headers: auth });
    expect(dl.status).toBe(200);
    const downloaded = await dl.text();
    expect(downloaded.length).toBe(expected.length);
    expect(downloaded === expected).toBe(true);
    // An export page from the middle: its events come from a later segment.
    const from = Math.floor(events.length * 0.8);
    const page = await fetch(`${b.base}/epcis/export?from=${from}&limit=200`, { headers: auth });
    expect(page.status).toBe(200);
    const doc = (await page.json()) as { epcisBody: { eventList: { eventID: string }[] } };
    expect(doc.epcisBody.eventList.length).toBeGreaterThan(0);
    b.child.kill('SIGTERM');
    expect(await new Promise((r) => b.child.once('exit', r))).toBe(0);

    const segs = listJournalSegments(runDir);
    expect(segs.length).toBeGreaterThan(40);
    expect(segs.filter((s) => s.gz).length).toBeGreaterThan(30);
    expect(segs.at(-1)!.gz).toBe(false);
    const text = journalText(runDir);
    expect(text.length).toBe(expected.length);
    expect(text === expected).toBe(true);
  }, 240_000);
});
