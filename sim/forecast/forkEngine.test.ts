import { describe, expect, it } from 'vitest';
import smallJson from '../../scenarios/forecast-small.json' with { type: 'json' };
import { scenarioSchema } from '../scenario/scenarioSchema.ts';
import { createEngine, restoreEngine } from '../engineApi.ts';
import type { JournalEvent } from '../journal/journalEvent.ts';
import { forkEngine, forkSeed } from './forkEngine.ts';
import { forkOutcome, nextCutoff } from './forkOutcome.ts';
import { forkChangeProblems } from './forkChange.ts';
import { runForkReplication } from '../forecastApi.ts';

const HOUR = 3_600_000;
const scenario = scenarioSchema.parse(smallJson);

function liveAt(t: number) {
  const e = createEngine(scenario);
  e.runUntil(t);
  return e;
}

describe('fork from now', () => {
  const live = liveAt(10.5 * HOUR);
  const saved = live.snapshot();
  const cutoff = nextCutoff(scenario, live.now())!;

  it('the next cut-off is the next carrier departure after now, on a departure day', () => {
    expect(cutoff).toBe(12 * HOUR);
    expect(nextCutoff(scenario, 12 * HOUR)).toBe(17 * HOUR);
    expect(nextCutoff(scenario, 21.5 * HOUR)).toBe(24 * HOUR + 12 * HOUR);
    // Saturday 21:00 → Monday 12:00: Sunday (day 6) has no departures.
    expect(nextCutoff(scenario, 5 * 24 * HOUR + 21.5 * HOUR)).toBe(7 * 24 * HOUR + 12 * HOUR);
    expect(nextCutoff({ ...scenario, packing: undefined }, 0)).toBeNull();
  });

  it('is deterministic: same snapshot, replication and change give the same world', () => {
    const a = forkEngine(scenario, saved, 3, { waveMinutes: 20 });
    const b = forkEngine(scenario, saved, 3, { waveMinutes: 20 });
    a.runUntil(cutoff);
    b.runUntil(cutoff);
    expect(JSON.stringify(a.snapshot())).toBe(JSON.stringify(b.snapshot()));
    expect(a.snapshot().streamSeed).toBe(forkSeed('15', 3));
  });

  it('re-seeds every stream per replication, so replications draw different futures', () => {
    const outcomes = [0, 1, 2, 3].map((r) => {
      const e = forkEngine(scenario, saved, r);
      e.runUntil(cutoff);
      return JSON.stringify(e.snapshot().random) + e.kpis().orders.created;
    });
    expect(new Set(outcomes).size).toBe(4);
    // Not the live run's own future either.
    const cont = restoreEngine(scenario, saved);
    cont.runUntil(cutoff);
    const fork0 = forkEngine(scenario, saved, 0);
    fork0.runUntil(cutoff);
    expect(JSON.stringify(fork0.snapshot().orders)).not.toBe(JSON.stringify(cont.snapshot().orders));
  });

  it('a forked run resumes from its own snapshot exactly (the fork seed is saved state)', () => {
    // Forked before the shift (06:00): packing's and the exceptions' streams are first drawn
    // after the resume, from the fork seed only if the snapshot kept it.
    const early = liveAt(60_000).snapshot();
    expect(Object.keys(early.random)).not.toContain('packing');
    const a = forkEngine(scenario, early, 1);
    a.runUntil(2 * HOUR);
    const mid = a.snapshot();
    a.runUntil(14 * HOUR);
    expect(Object.keys(a.snapshot().random)).toContain('packing');
    const b = restoreEngine(scenario, JSON.parse(JSON.stringify(mid)));
    b.runUntil(14 * HOUR);
    expect(JSON.stringify(b.snapshot())).toBe(JSON.stringify(a.snapshot()));
    // A run never forked keeps its snapshot shape (no streamSeed key: golden snapshots stay).
    expect('streamSeed' in saved).toBe(false);
  });

  it('forking leaves the live run untouched: its journal equals a run that was never forked', () => {
    const ja: JournalEvent[] = [];
    const jb: JournalEvent[] = [];
    const a = createEngine(scenario, { journal: (e) => ja.push(e) });
    a.runUntil(9 * HOUR);
    for (let r = 0; r < 2; r++) runForkReplication(scenario, a.snapshot(), r, 12 * HOUR, { waveMinutes: 15 });
    a.runUntil(13 * HOUR);
    const b = createEngine(scenario, { journal: (e) => jb.push(e) });
    b.runUntil(13 * HOUR);
    expect(ja.length).toBeGreaterThan(100);
    expect(JSON.stringify(ja)).toBe(JSON.stringify(jb));
  });

  it('+k workers join the fork at its time and work; the same replication is paired with and without', () => {
    const plain = forkEngine(scenario, saved, 2);
    const more = forkEngine(scenario, saved, 2, { addWorkers: { role: 'picker', count: 2 } });
    expect(more.world.workers.length).toBe(plain.world.workers.length + 2);
    const added = more.world.workers.slice(-2);
    expect(added.map((w) => w.code)).toEqual(['pick-03', 'pick-04']);
    expect(new Set(more.world.workers.map((w) => w.device)).size).toBe(more.world.workers.length);
    more.runUntil(15 * HOUR);
    expect(added.every((w) => w.stats.linesPicked > 0)).toBe(true);
    // Off shift at 22:00 like their group: the shift edges were scheduled.
    more.runUntil(22.5 * HOUR);
    expect(added.every((w) => !w.onShift)).toBe(true);
  });

  it('another wave interval takes effect from the next wave, and changes the outcome', () => {
    const plain = forkEngine(scenario, saved, 0);
    const waves = forkEngine(scenario, saved, 0, { waveMinutes: 20 });
    plain.runUntil(cutoff);
    waves.runUntil(cutoff);
    expect(forkOutcome(waves.world).backlog).toBeLessThan(forkOutcome(plain.world).backlog);
  });

  it('changes are checked against the live scenario', () => {
    expect(forkChangeProblems(scenario, { addWorkers: { role: 'counter', count: 1 } })).toEqual([
      {
        path: 'change.addWorkers.role',
        message:
          'scenario "forecast-small" has no counter group to copy (it has picker, packer, replenisher)',
      },
    ]);
    const immediate = { ...scenario, release: { policy: 'immediate' as const, waveMinutes: 60 } };
    expect(forkChangeProblems(immediate, { waveMinutes: 30 })[0]?.path).toBe('change.waveMinutes');
    expect(
      forkChangeProblems(scenario, { waveMinutes: 30, addWorkers: { role: 'packer', count: 1 } }),
    ).toEqual([]);
  });

  it('an aisle locked for a count: the fork keeps pickers out of it, paired with the same replication without', () => {
    const code = scenario.layout ? 'F-01' : '';
    expect(forkChangeProblems(scenario, { lockAisles: [code] })).toEqual([]);
    expect(forkChangeProblems(scenario, { lockAisles: ['F-01', 'f-01', 'Z-09'] })).toEqual([
      { path: 'change.lockAisles.1', message: 'aisle F-01 is listed twice' },
      {
        path: 'change.lockAisles.2',
        message: expect.stringMatching(
          /has no aisle "Z-09" \(aisles are named like F-01, /,
        ) as unknown as string,
      },
    ]);
    const plain = forkEngine(scenario, saved, 1);
    const locked = forkEngine(scenario, saved, 1, { lockAisles: [code] });
    plain.runUntil(cutoff);
    locked.runUntil(cutoff);
    const lines = (e: typeof plain): number => e.world.workers.reduce((n, w) => n + w.stats.linesPicked, 0);
    expect(lines(locked)).toBeLessThan(lines(plain));
    expect(locked.world.flow['aisleLocks']).toMatchObject({ locked: [0] });
  });
});
