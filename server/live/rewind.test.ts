import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, type JournalEvent, type TruthEvent } from '../../sim/index.ts';
import { smallTrackedSite as smallSite } from '../../test/smallTrackedSite.ts';
import { openDataDir, runFiles } from './dataDir.ts';
import { installRewindPoint, listRewindPoints } from './rewindPoints.ts';
import { LiveRunner } from './runner.ts';
import { RunIndex } from './runIndex.ts';
import type { ScenarioLibrary } from './scenarioLibrary.ts';

const MIN = 60_000;
const root = mkdtempSync(join(tmpdir(), 'bintwin-rewind-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const scenario = smallSite({
  exceptions: { rates: { wrongLot: 0.05, uomError: 0.05, shrinkPerHour: 2 } } as never,
});
const library = { get: () => ({ scenario }) } as unknown as ScenarioLibrary;
const log = pino({ level: 'silent' });
const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

/** The journal and truth log of an uninterrupted run to `t`, as the live run writes them. */
function straight(t: number): { journal: string[]; truth: string[] } {
  const journal: JournalEvent[] = [];
  const truth: TruthEvent[] = [];
  createEngine(scenario, {
    seed: '5',
    journal: (e) => journal.push(e),
    truth: (e) => truth.push(e),
  }).runUntil(t);
  return { journal: journal.map((e) => JSON.stringify(e)), truth: truth.map((e) => JSON.stringify(e)) };
}
const lines = (file: string): string[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '');

// lowdb keeps the run index in memory under NODE_ENV=test, so a "restart" shares the instance.
async function runner(
  dir: string,
  shared?: RunIndex,
): Promise<{ r: LiveRunner; folder: () => string; index: RunIndex }> {
  const data = openDataDir(dir);
  const index = shared ?? (await RunIndex.open(data.runIndexFile));
  const r = new LiveRunner({
    data,
    index,
    library,
    log,
    tickMs: 60_000,
    rewind: { everyMs: 5 * MIN, keep: 4 },
  });
  await r.start({ scenario: scenario.name, seed: '5', pacing: { speed: 60, paused: true, until: null } });
  return { r, folder: () => r.currentRun().folder, index };
}

describe('rewind points', () => {
  const ref = straight(40 * MIN);

  it('are kept every 5 sim minutes (bounded), and a rewind restores the floor byte for byte, then runs on identically', async () => {
    const { r, folder } = await runner(join(root, 'a'));
    await r.control({ type: 'control.jump', simTime: 30 * MIN });
    expect(r.rewindPoints().map((p) => p.simMs / MIN)).toEqual([15, 20, 25, 30]);
    const point = listRewindPoints(folder()).find((p) => p.simMs === 15 * MIN)!;
    const saved = JSON.parse(readFileSync(point.file, 'utf8')) as { engine: unknown; lastSeq: number };

    expect(await r.rewindTo(12 * MIN)).toMatchObject({ ok: false, message: /no rewind point/ });
    expect(await r.rewindTo(15 * MIN)).toEqual({ ok: true, simMs: 15 * MIN });
    const files = runFiles(folder());
    expect(r.currentRun().simTime).toBe(15 * MIN);
    expect(r.status().paused).toBe(true);
    // The floor is the point's, to the byte; the files are cut back to it.
    // (Less the KPI block: reading KPIs for the view moves its WIP clock to now, an existing
    // read-side effect that changes no journal byte.)
    const restored = r.read((e) => e.snapshot());
    const floor = (s: unknown): string => JSON.stringify({ ...(s as object), kpi: null });
    expect(sha(floor(restored))).toBe(sha(floor(saved.engine)));
    expect(sha(lines(files.journal).join('\n'))).toBe(sha(ref.journal.slice(0, saved.lastSeq).join('\n')));
    const truthAt = (restored as { counters: { truth: number } }).counters.truth;
    expect(lines(files.truth)).toEqual(ref.truth.slice(0, truthAt));
    // Points after it are gone: they were of the abandoned future.
    expect(r.rewindPoints().map((p) => p.simMs / MIN)).toEqual([15]);

    await r.control({ type: 'control.jump', simTime: 40 * MIN });
    expect(sha(lines(files.journal).join('\n'))).toBe(sha(ref.journal.join('\n')));
    expect(lines(files.truth)).toEqual(ref.truth);
    await r.stop();
  });

  it('a crash mid-rewind (point installed, run not yet rebuilt) restarts at the point and runs on identically', async () => {
    const dir = join(root, 'b');
    const first = await runner(dir);
    await first.r.control({ type: 'control.jump', simTime: 30 * MIN });
    const folder = first.folder();
    const point = listRewindPoints(folder).find((p) => p.simMs === 20 * MIN)!;
    installRewindPoint(folder, runFiles(folder).checkpoint, 20 * MIN);
    // The crash: the first runner is never stopped (no final checkpoint); its timer is cleared.
    clearInterval((first.r as unknown as { timer: NodeJS.Timeout }).timer);
    const second = await runner(dir, first.index);
    expect(second.r.currentRun().simTime).toBe(20 * MIN);
    expect(lines(runFiles(folder).journal)).toEqual(ref.journal.slice(0, point.lastSeq));
    await second.r.control({ type: 'control.jump', simTime: 40 * MIN });
    expect(sha(lines(runFiles(folder).journal).join('\n'))).toBe(sha(ref.journal.join('\n')));
    expect(lines(runFiles(folder).truth)).toEqual(ref.truth);
    await second.r.stop();
  });
});
