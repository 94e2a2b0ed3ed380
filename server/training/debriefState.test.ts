import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../sim/index.ts';
import { smallTrackedSite as smallSite } from '../../test/smallTrackedSite.ts';
import { openDataDir } from '../live/dataDir.ts';
import { readInputs } from '../live/inputLog.ts';
import { LiveRunner } from '../live/runner.ts';
import { RunIndex } from '../live/runIndex.ts';
import type { ScenarioLibrary } from '../live/scenarioLibrary.ts';
import { DebriefError, debriefStateAt, ledgerDifferences, viewToJson } from './debriefState.ts';

const MIN = 60_000;
const root = mkdtempSync(join(tmpdir(), 'bintwin-debrief-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const scenario = smallSite({
  exceptions: { rates: { wrongLot: 0.05, uomError: 0.05, shrinkPerHour: 2 } } as never,
});
const library = { get: () => ({ scenario }) } as unknown as ScenarioLibrary;
const STATUS = { runId: 'r', scenario: scenario.name, seed: '5', speed: 60, paused: true, until: null };
/** What the floor view is sent, as JSON: the projection compared field for field. */
const floor = (e: Engine): string =>
  createHash('sha256')
    .update(JSON.stringify(viewToJson(e.project(STATUS, 1))))
    .digest('hex');

/** A live runner on the test scenario in its own data folder, paused at 0, rewind points every 5 min. */
async function pausedRunner(dir: string): Promise<LiveRunner> {
  const data = openDataDir(join(root, dir));
  const index = await RunIndex.open(data.runIndexFile);
  const r = new LiveRunner({
    data,
    index,
    library,
    log: pino({ level: 'silent' }),
    tickMs: 60_000,
    rewind: { everyMs: 5 * MIN, keep: 3 },
  });
  await r.start({ scenario: scenario.name, seed: '5', pacing: { speed: 60, paused: true, until: null } });
  return r;
}

describe('debrief state at a scrubbed moment', () => {
  it('equals the live state at t: from a rewind point or from the start, with inputs, locks and a rewind', async () => {
    const r = await pausedRunner('a');
    const folder = r.currentRun().folder;
    const live = new Map<number, string>();
    const at = async (t: number): Promise<void> => {
      await r.control({ type: 'control.jump', simTime: t });
      live.set(t, r.read(floor));
    };
    const aisle = r.read((e) =>
      e
        .site()
        .bins.find((b) => /^[A-Z]+-\d\d-/.test(b.code))!
        .code.slice(0, 4),
    );
    const worker = r.view().workers.find((w) => w.role === 'picker')!.code;

    await at(7 * MIN);
    expect(await r.injectFor(worker, 'wrongLot')).toMatchObject({ ok: true });
    expect(await r.floorCommand({ type: 'aisle.lock', aisle })).toMatchObject({ ok: true });
    // The moment t holds the inputs applied at t: the floor after them.
    live.set(7 * MIN, r.read(floor));
    await at(12 * MIN + 345);
    await at(18 * MIN);
    await r.control({ type: 'control.jump', simTime: 19 * MIN });
    expect(await r.floorCommand({ type: 'aisle.unlock', aisle })).toMatchObject({ ok: true });
    expect(await r.control({ type: 'control.step' })).toMatchObject({ type: 'control.ack' });
    await at(33 * MIN);
    expect(readInputs(folder).map((x) => x.cmd.type)).toEqual([
      'inject',
      'aisle.lock',
      'aisle.unlock',
      'step',
    ]);
    // Points kept: 20, 25, 30 (keep 3). 33 replays from 30; 12:00.345 and 18 from the start.
    const reached = r.currentRun().simTime;
    for (const [t, want] of live) {
      const d = debriefStateAt(folder, t, reached);
      expect(d.from).toBe(t >= 20 * MIN ? Math.floor(t / (5 * MIN)) * 5 * MIN : null);
      expect(floor(d.engine), `at ${t}`).toBe(want);
    }
    expect(debriefStateAt(folder, 18 * MIN, reached).replayed).toBe(2);
    expect(() => debriefStateAt(folder, reached + 1, reached)).toThrow(DebriefError);

    // A rewind cuts the input log back with the journal: the debrief follows the run as it now stands.
    expect(await r.rewindTo(25 * MIN)).toMatchObject({ ok: true });
    expect(await r.floorCommand({ type: 'aisle.lock', aisle })).toMatchObject({ ok: true });
    await at(29 * MIN);
    expect(readInputs(folder).map((x) => x.cmd.type)).toEqual([
      'inject',
      'aisle.lock',
      'aisle.unlock',
      'step',
      'aisle.lock',
    ]);
    const d = debriefStateAt(folder, 29 * MIN, r.currentRun().simTime);
    expect(d.from).toBe(25 * MIN);
    expect(floor(d.engine)).toBe(live.get(29 * MIN));
    const view = d.engine.project(STATUS, 1);
    expect(view.alerts.some((a) => a.id === `aisle-locked:${aisle}`)).toBe(true);
    // The ledgers' differences are the bins whose two quantities differ, nothing else.
    for (const x of ledgerDifferences(view)) expect(x.system).not.toBe(x.physical);
    await r.stop();
  });

  it('keeps a trainee-driven worker marked at moments before and after a rewind point', async () => {
    const r = await pausedRunner('b');
    const folder = r.currentRun().folder;
    const worker = r.view().workers.find((w) => w.role === 'picker')!.code;
    await r.control({ type: 'control.jump', simTime: 3 * MIN });
    expect(r.applyInput((e) => e.apply({ type: 'rf.drive', worker, person: true }))).toMatchObject({
      ok: true,
    });
    await r.control({ type: 'control.jump', simTime: 12 * MIN });
    const reached = r.currentRun().simTime;
    for (const t of [4 * MIN, 12 * MIN]) {
      const d = debriefStateAt(folder, t, reached);
      const w = d.engine.project(STATUS, 1).workers.find((x) => x.code === worker);
      expect(w?.trainee, `at ${t} (from ${d.from})`).toBe(true);
    }
    await r.stop();
  });
});
