import { describe, expect, it } from 'vitest';
import demoDc from '../../../scenarios/demo-dc.json' with { type: 'json' };
import { scenarioSchema, type JournalEvent } from '../../index.ts';
import { createEngine, restoreEngine, type SimEngine } from '../../engineApi.ts';
import { enter, kit, ok, takeUnit, untilAsked } from '../handheld/testDriving.ts';
import { supervisionState } from './supervisorDesk.ts';
import { handheldScreen } from '../handheld/handheldScreen.ts';

const handheldScreenOf = (e: SimEngine, code: string) => handheldScreen(e.world, code)!;

// The supervisors' desk as a bottleneck: override requests of handheld (person-driven) and
// simulated putaway drivers queue for `people.supervisors`, first come first served, each
// decided after its own decision time drawn from `inbound.overrideApprovalTime`.

const { replenishment: _r, counting: _c, ...base } = demoDc;
const HOUR = 3_600_000;
/** Long enough that a second request is made while the first is still being decided. */
const DECIDE_S = 1800;

function run(supervisors: number, inbound: Record<string, unknown>, people: string[]) {
  const scenario = scenarioSchema.parse({
    ...base,
    people: { ...(base as { people?: object }).people, supervisors },
    inbound: {
      ...base.inbound,
      overrideApprovalTime: { kind: 'constant', value: DECIDE_S },
      overrideApproveShare: 1,
      ...inbound,
    },
  });
  const events: JournalEvent[] = [];
  const e = createEngine(scenario, { seed: 3, journal: (ev) => events.push(ev) });
  for (const code of people) expect(e.apply({ type: 'rf.drive', worker: code, person: true }).ok).toBe(true);
  // Nothing is put away before the first trucks (07:00 on); skips the 5 s polling of the night.
  e.runUntil(7 * HOUR);
  return { e, events, scenario };
}

/** Takes the unit at staging, walks to the bin and asks for an override there; returns the task. */
function requestAtBin(e: SimEngine, code: string): string {
  const at = takeUnit(e, code);
  ok(enter(e, code, 'exit', '', 'overrideRequest', 'blocked'));
  return at.taskId!;
}

const at = (events: JournalEvent[], type: string, task: string): number => {
  const ev = events.find((x) => x.type === type && x.docs?.task === task);
  if (!ev) throw new Error(`no ${type} for ${task}`);
  return ev.t;
};

/**
 * Runs until fork-01 has an override request the supervisor has not yet decided (no `decided`
 * event for its task), in 5 s steps for at most a day; the task's code, or '' if none came.
 */
function untilOverrideWaits(e: SimEngine, events: JournalEvent[], decided: string): string {
  for (let i = 0; i < 24 * 720; i++) {
    e.runUntil(e.now() + 5_000);
    const req = events.find((x) => x.type === 'putaway.overrideRequested' && x.actor?.worker === 'fork-01');
    if (req && !events.some((x) => x.type === decided && x.docs?.task === req.docs?.task))
      return req.docs!.task!;
  }
  return '';
}

describe('the supervisors desk', () => {
  it('with one supervisor, the second of two handheld requests waits for the first decision', () => {
    const { e, events } = run(1, { overrideShare: 0 }, ['fork-01', 'fork-02']);
    const first = requestAtBin(e, 'fork-01');
    const second = requestAtBin(e, 'fork-02');
    const r1 = at(events, 'putaway.overrideRequested', first);
    const r2 = at(events, 'putaway.overrideRequested', second);
    expect(r2).toBeGreaterThan(r1);
    expect(r2).toBeLessThan(r1 + DECIDE_S * 1000);
    expect(supervisionState(e.world).waiting.map((r) => r.ref)).toHaveLength(1);
    e.runUntil(r1 + 3 * DECIDE_S * 1000);
    const d1 = at(events, 'putaway.overrideApproved', first);
    const d2 = at(events, 'putaway.overrideApproved', second);
    expect(d1).toBe(r1 + DECIDE_S * 1000);
    // Taken when the first is decided, then its own decision time.
    expect(d2).toBe(d1 + DECIDE_S * 1000);
    const s = supervisionState(e.world);
    expect(s.queuedMs).toBe(d1 - r2);
    expect(s.maxResponseMs).toBe(d2 - r2);
    expect(s.decided).toEqual({ putawayOverride: 2 });
  });

  it('with two supervisors, both handheld requests are decided after their own decision time', () => {
    const { e, events } = run(2, { overrideShare: 0 }, ['fork-01', 'fork-02']);
    const first = requestAtBin(e, 'fork-01');
    const second = requestAtBin(e, 'fork-02');
    e.runUntil(e.now() + 3 * DECIDE_S * 1000);
    for (const t of [first, second])
      expect(at(events, 'putaway.overrideApproved', t) - at(events, 'putaway.overrideRequested', t)).toBe(
        DECIDE_S * 1000,
      );
    expect(supervisionState(e.world).queuedMs).toBe(0);
  });

  it('a trainee and simulated drivers share one supervisor, first come first served', () => {
    // Every simulated drop asks for an override, so the desk has a queue the trainee joins.
    const { e, events } = run(1, { overrideShare: 1 }, ['fork-01']);
    const mine = requestAtBin(e, 'fork-01');
    e.runUntil(e.now() + 12 * HOUR);
    const requested = events.filter((x) => x.type === 'putaway.overrideRequested');
    const decided = new Map(
      events.filter((x) => x.type === 'putaway.overrideApproved').map((x) => [x.docs!.task!, x.t]),
    );
    expect(requested.length).toBeGreaterThan(3);
    expect(requested.some((x) => x.docs?.task !== mine)).toBe(true);
    // Hand-computed single-server FCFS: each decision at max(asked, previous decision) + time.
    let free = 0;
    let checked = 0;
    let trainee = { asked: 0, queued: 0 };
    for (const r of requested) {
      const start = Math.max(r.t, free);
      free = start + DECIDE_S * 1000;
      const got = decided.get(r.docs!.task!);
      if (got === undefined) break; // still queued when the run stopped
      expect([r.docs!.task, got]).toEqual([r.docs!.task, free]);
      checked++;
      if (r.docs!.task === mine) trainee = { asked: r.t, queued: start - r.t };
    }
    expect(checked).toBeGreaterThan(3);
    // The trainee asked while a simulated request was being decided, and waited for it.
    expect(trainee.asked).toBeGreaterThan(0);
    expect(trainee.queued).toBeGreaterThan(0);
  });

  it('a snapshot taken with a request queued resumes with the same decisions', () => {
    const a = run(1, { overrideShare: 0 }, ['fork-01', 'fork-02']);
    requestAtBin(a.e, 'fork-01');
    requestAtBin(a.e, 'fork-02');
    const snap = JSON.parse(JSON.stringify(a.e.snapshot())) as unknown;
    const rest: JournalEvent[] = [];
    const b = restoreEngine(a.scenario, snap, { journal: (ev) => rest.push(ev) });
    const tail = a.events.length;
    const until = a.e.now() + 3 * DECIDE_S * 1000;
    a.e.runUntil(until);
    b.runUntil(until);
    expect(JSON.stringify(rest)).toBe(JSON.stringify(a.events.slice(tail)));
    expect(rest.filter((x) => x.type === 'putaway.overrideApproved')).toHaveLength(2);
  });
});

describe('a driver changing hands while the supervisor decides', () => {
  it('a trainee handed back while queued: the decision reaches the simulated driver', () => {
    const { e, events } = run(1, { overrideShare: 0 }, ['fork-01', 'fork-02']);
    requestAtBin(e, 'fork-01');
    const second = requestAtBin(e, 'fork-02');
    expect(e.apply({ type: 'rf.drive', worker: 'fork-02', person: false }).ok).toBe(true);
    e.runUntil(e.now() + 3 * DECIDE_S * 1000);
    const done = events.find((x) => x.type === 'putaway.confirmed' && x.docs?.task === second)!;
    expect([done.actor?.worker, done.actor?.method]).toEqual(['fork-02', 'override']);
  });

  it('a simulated driver taken over while its override waits: the handheld shows the wait, then the approved bin', () => {
    const { e, events } = run(1, { overrideShare: 1 }, []);
    const task = untilOverrideWaits(e, events, 'putaway.overrideApproved');
    expect(task).not.toBe('');
    expect(e.apply({ type: 'rf.drive', worker: 'fork-01', person: true }).ok).toBe(true);
    const s = handheldScreenOf(e, 'fork-01');
    expect([s.state, s.input, s.override?.status]).toEqual([
      'putawayTask.overridePending',
      'none',
      'waiting',
    ]);
    const a = untilAsked(e, 'fork-01');
    expect(a.state).toBe('putawayTask.overriding');
    expect(a.override?.status).toBe('approved');
    expect(enter(e, 'fork-01', 'binLabel', kit(a, 'bin', a.task!.bin))).toEqual({
      ok: true,
      done: 'overridden',
    });
    const done = events.find((x) => x.type === 'putaway.confirmed' && x.docs?.task === task)!;
    expect(done.actor?.method).toBe('override');
  });

  it('a simulated driver taken over while its override waits, then refused: the handheld says refused and asks for the directed bin', () => {
    const { e, events } = run(1, { overrideShare: 1, overrideApproveShare: 0 }, []);
    const task = untilOverrideWaits(e, events, 'putaway.overrideRejected');
    expect(task).not.toBe('');
    const asked = events.find((x) => x.type === 'putaway.overrideRequested' && x.docs?.task === task)!;
    expect(e.apply({ type: 'rf.drive', worker: 'fork-01', person: true }).ok).toBe(true);
    expect(handheldScreenOf(e, 'fork-01').override?.status).toBe('waiting');
    const a = untilAsked(e, 'fork-01');
    expect(events.some((x) => x.type === 'putaway.overrideRejected' && x.docs?.task === task)).toBe(true);
    expect([a.state, a.input]).toEqual(['putawayTask.atBin', 'binLabel']);
    expect(a.override).toEqual({ status: 'refused', bin: asked.toBin, reason: asked.reason });
    expect(a.task!.bin).toBe(asked.bin);
    // The directed bin's label is taken, and the refusal is gone with the task.
    expect(enter(e, 'fork-01', 'binLabel', kit(a, 'bin', a.task!.bin))).toEqual({
      ok: true,
      done: 'putAway',
    });
    expect(handheldScreenOf(e, 'fork-01').override).toBeUndefined();
  });
});
