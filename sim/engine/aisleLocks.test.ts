import demoJson from '../../scenarios/demo-dc.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { createEngine, restoreEngine, scenarioSchema } from '../index.ts';
import type { JournalEvent } from '../journal/journalEvent.ts';
import { worldOf } from '../engineWorld.ts';
import { AISLE_LOCK_KEY, aisleLockState } from './aisleLocks.ts';

const scenario = scenarioSchema.parse(demoJson);
const H = 3_600_000;
const M = 60_000;
const T = 9 * H;

/** The aisle (`A-03`) of a bin code `A-03-02-C`. */
const aisleOfBin = (bin: string | undefined): string | null =>
  bin && /^[A-Z]+-\d\d-/.test(bin) ? bin.split('-').slice(0, 2).join('-') : null;

/** Journal events of picks, putaways and replenishments at a bin of `aisle` in (from, to]. */
function intoAisle(events: readonly JournalEvent[], aisle: string, from: number, to: number): JournalEvent[] {
  return events.filter(
    (e) =>
      e.t > from &&
      e.t <= to &&
      aisleOfBin(e.bin) === aisle &&
      /^(pick|putaway|replenishment)\./.test(e.type) &&
      e.actor !== undefined,
  );
}

/** The busiest picking aisle of demo-dc in the hour before T (so a lock there keeps someone out). */
function busiestAisle(): string {
  const events: JournalEvent[] = [];
  const e = createEngine(scenario, { journal: (x) => events.push(x) });
  e.runUntil(T);
  const n = new Map<string, number>();
  for (const x of events)
    if (x.t > T - H && x.type.startsWith('pick.')) {
      const a = aisleOfBin(x.bin);
      if (a) n.set(a, (n.get(a) ?? 0) + 1);
    }
  return [...n.entries()].sort((a, b) => b[1] - a[1])[0]![0];
}

describe('aisle locks', () => {
  const aisle = busiestAisle();

  it('keeps picks, putaways and replenishments out of a locked aisle, and lets them in after the unlock', () => {
    const events: JournalEvent[] = [];
    const e = createEngine(scenario, { journal: (x) => events.push(x) });
    e.runUntil(T);
    expect(e.apply({ type: 'aisle.lock', aisle: aisle.toLowerCase() })).toEqual({
      ok: true,
      type: 'aisle.lock',
      aisle,
      locked: [aisle],
      resumed: 0,
    });
    expect(e.apply({ type: 'aisle.lock', aisle })).toMatchObject({ ok: false, message: /locked already/ });
    e.runUntil(T + 40 * M);
    // Anyone inside at the lock finishes there within minutes; after that nobody goes in.
    expect(intoAisle(events, aisle, T + 10 * M, T + 40 * M)).toEqual([]);
    const waiting = aisleLockState(worldOf(e))!.waiting.length;
    expect(waiting).toBeGreaterThan(0);
    const view = e.project(
      { runId: 'r', scenario: 'demo-dc', seed: '1', speed: 1, paused: false, until: null },
      1,
    );
    expect(view.alerts.find((a) => a.id === `aisle-locked:${aisle}`)?.message).toMatch(/locked: \d+ waiting/);
    const un = e.apply({ type: 'aisle.unlock', aisle });
    expect(un).toMatchObject({ ok: true, locked: [], resumed: waiting });
    expect(aisleLockState(worldOf(e))!.waiting).toEqual([]);
    e.runUntil(T + 70 * M);
    expect(intoAisle(events, aisle, T + 40 * M, T + 70 * M).length).toBeGreaterThan(0);
    expect(e.apply({ type: 'aisle.unlock', aisle })).toMatchObject({ ok: false, message: /not locked/ });
  });

  it('refuses an aisle the site does not have, naming the form it expects', () => {
    const e = createEngine(scenario);
    expect(e.apply({ type: 'aisle.lock', aisle: 'Q-99' })).toMatchObject({
      ok: false,
      code: 'invalid',
      message: /no aisle "Q-99".*named like/,
    });
  });

  it('is saved in the snapshot: a run restored while workers wait goes on byte for byte', () => {
    const run = (restoreAt: number | null): string => {
      const lines: string[] = [];
      const sink = (x: JournalEvent): void => void lines.push(JSON.stringify(x));
      let e = createEngine(scenario, { journal: sink });
      e.runUntil(T);
      e.apply({ type: 'aisle.lock', aisle });
      e.runUntil(T + 20 * M);
      if (restoreAt !== null) {
        const snap = JSON.parse(JSON.stringify(e.snapshot())) as unknown;
        e = restoreEngine(scenario, snap, { journal: sink });
      }
      e.runUntil(T + 40 * M);
      e.apply({ type: 'aisle.unlock', aisle });
      e.runUntil(T + 60 * M);
      return lines.join('\n');
    };
    expect(run(T + 20 * M)).toBe(run(null));
  });

  it('leaves a run that never locks an aisle without lock state (snapshots as before)', () => {
    const e = createEngine(scenario);
    e.runUntil(T);
    expect(AISLE_LOCK_KEY in e.snapshot().flow).toBe(false);
  });
});
