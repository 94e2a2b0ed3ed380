import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, type TruthEvent } from '../../sim/index.ts';
import { smallTrackedSite as smallSite } from '../../test/smallTrackedSite.ts';
import { openDataDir } from './dataDir.ts';
import { LiveRun } from './liveRun.ts';
import { RunIndex } from './runIndex.ts';

const HOUR = 3_600_000;
const root = mkdtempSync(join(tmpdir(), 'bintwin-livetruth-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const pacing = { speed: 60, paused: false, until: null };
// A small tracked site that makes mistakes, so the truth log has lines every hour.
const scenario = smallSite({
  exceptions: { rates: { wrongLot: 0.05, uomError: 0.05, misPutaway: 0.05, shrinkPerHour: 2 } } as never,
});

describe('a live run’s truth log and reconciliation reports', () => {
  it('writes both, and a crash resumed from the checkpoint ends with the truth log of a straight run', async () => {
    const data = openDataDir(join(root, 'd'));
    const index = await RunIndex.open(data.runIndexFile);
    const log = pino({ level: 'silent' });
    const run = await LiveRun.create(data, index, scenario, '7', pacing, log);
    const dir = run.folder;
    run.engine.runUntil(2 * HOUR);
    run.commit();
    run.checkpoint(pacing);
    run.engine.runUntil(3 * HOUR);
    run.commit();
    const truthFile = join(dir, 'truth.ndjson');
    const beforeCrash = readFileSync(truthFile, 'utf8').trim().split('\n');
    expect(beforeCrash.length).toBeGreaterThan(0);
    // A crash after the checkpoint: truth past it on disk, and a torn last line.
    writeFileSync(truthFile, '{"id":"T99999","se', { flag: 'a' });
    run.abandon();
    const entry = index.list().find((r) => r.id === run.id)!;
    const { run: again } = LiveRun.resume(data, index, entry, log);
    again.engine.runUntil(6 * HOUR);
    await again.close(pacing, true);

    const straight: TruthEvent[] = [];
    const e = createEngine(scenario, { seed: '7', journal: () => {}, truth: (t) => straight.push(t) });
    e.runUntil(6 * HOUR);
    expect(straight.length).toBeGreaterThan(beforeCrash.length);
    expect(readFileSync(truthFile, 'utf8')).toBe(straight.map((t) => JSON.stringify(t) + '\n').join(''));
    // Reports as `bintwin run` writes them, in the run's reports folder.
    const reports = readdirSync(join(dir, 'reports'));
    expect(reports).toEqual(
      expect.arrayContaining(['counts.csv', 'variance-made-by-worker.csv', 'ira-over-time.svg']),
    );
    expect(existsSync(join(dir, 'reports', 'where-made-vs-found.csv'))).toBe(true);
  });

  it('a checkpoint past the truth window resumes with every older event still in the log (issue 11)', async () => {
    // Four events in memory: the snapshot holds only the newest, truth.ndjson all of them.
    const windowed = {
      ...scenario,
      retention: { countRecords: 40_000, truthEvents: 4, inboundSamples: 50_000 },
    };
    const data = openDataDir(join(root, 'w'));
    const index = await RunIndex.open(data.runIndexFile);
    const log = pino({ level: 'silent' });
    const run = await LiveRun.create(data, index, windowed, '7', pacing, log);
    const truthFile = join(run.folder, 'truth.ndjson');
    run.engine.runUntil(3 * HOUR);
    run.commit();
    run.checkpoint(pacing);
    run.engine.runUntil(4 * HOUR);
    run.commit();
    expect(run.engine.truth().length).toBeLessThanOrEqual(4);
    run.abandon();
    const entry = index.list().find((r) => r.id === run.id)!;
    const { run: again } = LiveRun.resume(data, index, entry, log);
    again.engine.runUntil(6 * HOUR);
    const kpis = JSON.stringify(again.engine.kpis());
    await again.close(pacing, true);

    const straight: TruthEvent[] = [];
    const e = createEngine(scenario, { seed: '7', journal: () => {}, truth: (t) => straight.push(t) });
    e.runUntil(6 * HOUR);
    expect(straight.length).toBeGreaterThan(12);
    expect(readFileSync(truthFile, 'utf8')).toBe(straight.map((t) => JSON.stringify(t) + '\n').join(''));
    // Reconciliation from the running aggregates: the same as the run that keeps every event.
    expect(kpis).toBe(JSON.stringify(e.kpis()));
  });
});
