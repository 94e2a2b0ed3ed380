import { describe, expect, it } from 'vitest';
import { createEngine, restoreEngine } from '../engineApi.ts';
import { smallSite } from '../flows/replenishment/testScenario.ts';
import { exceptions } from './exceptionRate.ts';
import type { JournalEvent, TruthEvent } from '../index.ts';

const HOUR = 3_600_000;
// A cause a pick of this site can have (a wrong lot needs a lot-controlled item with another lot at hand).
const CAUSE = 'uomError';
const scenario = smallSite({ workers: [{ role: 'picker', count: 2, speed: 1.1, prefix: 'pick' }] });

function run() {
  const truth: TruthEvent[] = [];
  const e = createEngine(scenario, { seed: 2, truth: (t) => truth.push(t) });
  return { e, truth };
}
const armedFor = (e: ReturnType<typeof run>['e'], code: string): number =>
  exceptions.peek(e.world)?.armedFor?.[code]?.[CAUSE] ?? 0;

describe('an injection scheduled at a sim time', () => {
  it('is armed at exactly that time, not at the end of the step it falls in, and lands after it', () => {
    const { e, truth } = run();
    // An odd time, between any two events of the run.
    const at = 6 * HOUR + 12_345;
    expect(e.apply({ type: 'inject', cause: CAUSE, worker: 'pick-01', at }).ok).toBe(true);
    e.runUntil(at - 1);
    expect(armedFor(e, 'pick-01')).toBe(0);
    e.runUntil(at);
    expect(e.now()).toBe(at);
    expect(armedFor(e, 'pick-01')).toBe(1);
    e.runUntil(at + 8 * HOUR);
    const hit = truth.filter((t) => t.cause === CAUSE);
    expect(hit.map((t) => t.worker)).toEqual(['pick-01']);
    expect(hit[0]!.t).toBeGreaterThanOrEqual(at);
    // The same run without it (identical until it happens): its first pick of pick-01 at or
    // after the time is the one the injection landed on.
    const twin: JournalEvent[] = [];
    createEngine(scenario, { seed: 2, journal: (ev) => twin.push(ev) }).runUntil(at + 8 * HOUR);
    const first = twin.find(
      (ev) => ev.type === 'pick.confirmed' && ev.actor?.worker === 'pick-01' && ev.t >= at,
    )!;
    expect(hit[0]!.t).toBe(first.t);
  });

  it('is saved in snapshots: a restore before its time arms it identically, and scheduling it again is a no-op', () => {
    const a = run();
    const at = 6 * HOUR + 12_345;
    a.e.apply({ type: 'inject', cause: CAUSE, worker: 'pick-01', at });
    a.e.runUntil(at - 60_000);
    const snap = JSON.parse(JSON.stringify(a.e.snapshot())) as unknown;
    const rest: TruthEvent[] = [];
    const b = restoreEngine(scenario, snap, { truth: (t) => rest.push(t) });
    // A rewind's re-scheduling of the same cue does not arm it twice.
    expect(b.apply({ type: 'inject', cause: CAUSE, worker: 'pick-01', at })).toMatchObject({
      ok: true,
      message: expect.stringContaining('scheduled already'),
    });
    const tail = a.truth.length;
    for (const e of [a.e, b]) e.runUntil(at + 8 * HOUR);
    expect(JSON.stringify(rest)).toBe(JSON.stringify(a.truth.slice(tail)));
    expect(rest.some((t) => t.cause === CAUSE)).toBe(true);
  });

  it('refuses a time in the past, an unknown worker and a cause that happens at once', () => {
    const { e } = run();
    e.runUntil(HOUR);
    const bad = (cmd: Record<string, unknown>): string => {
      const r = e.apply({ type: 'inject', cause: CAUSE, worker: 'pick-01', at: 2 * HOUR, ...cmd });
      return r.ok ? 'accepted' : r.message;
    };
    expect(bad({ at: HOUR - 1 })).toMatch(/from now \(3600000\) on/);
    expect(bad({ worker: 'nobody' })).toBe('unknown worker "nobody"');
    expect(bad({ cause: 'shrink' })).toMatch(/happens at once/);
    expect(bad({ bin: 'A-01-01-A' })).toMatch(/takes no bin/);
    expect(bad({})).toBe('accepted');
  });
});
