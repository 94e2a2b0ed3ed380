import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_JUMP_MS, Pacer, type PacedRun } from './pacer.ts';

/** A run whose clock only moves by runTo; `pending` is the next event's time for step. */
function fakeRun(pending: number | null = null): PacedRun & { t: number; calls: number[] } {
  const r = {
    t: 0,
    calls: [] as number[],
    id: () => 'r1',
    now: () => r.t,
    runTo: (target: number) => {
      r.calls.push(target);
      r.t = Math.max(r.t, target);
    },
    step: () => {
      if (pending === null) return 'nothing is pending';
      r.t = pending;
      return null;
    },
  };
  return r;
}

/** The wall clock the pacer reads, set by the test (no real time passes or is asserted). */
function fakeWall(): (ms: number) => void {
  let wall = 1000;
  vi.spyOn(performance, 'now').mockImplementation(() => wall);
  return (ms) => (wall += ms);
}

const log = pino({ level: 'silent' });

describe('Pacer', () => {
  afterEach(() => vi.restoreAllMocks());

  it('runs the sim to speed × wall time since the anchor, and re-anchors on a speed change', async () => {
    const pass = fakeWall();
    const run = fakeRun();
    const p = new Pacer(run, 100, log);
    p.state = { speed: 60, paused: false, until: null };
    p.anchor();
    pass(100);
    p.advance();
    expect(run.t).toBe(6000);
    await p.command({ type: 'control.speed', speed: 10 }, () => {});
    pass(100);
    p.advance();
    expect(run.t).toBe(7000);
  });

  it('drops a stall backlog instead of racing, and pauses at --until', () => {
    const pass = fakeWall();
    const run = fakeRun();
    const p = new Pacer(run, 100, log);
    p.state = { speed: 60, paused: false, until: 20_000 };
    p.anchor();
    pass(5000); // 300 s of sim owed: more than a second of wall at this speed
    p.advance();
    expect(run.t).toBe(6000); // one tick's worth after re-anchoring
    pass(1000);
    p.advance();
    expect(run.t).toBe(20_000);
    expect(p.state.paused).toBe(true);
  });

  it('refuses a jump back or too far, naming the times; a jump advances in chunks', async () => {
    fakeWall();
    const run = fakeRun();
    run.t = 5000;
    const p = new Pacer(run, 100, log);
    expect(await p.command({ type: 'control.jump', simTime: 1000 }, () => {})).toEqual({
      ok: false,
      message: 'cannot jump back to 1000 ms: the run is at 5000 ms (reset, then jump)',
    });
    const far = await p.command({ type: 'control.jump', simTime: 5000 + MAX_JUMP_MS + 1 }, () => {});
    expect(far).toEqual({ ok: false, message: 'a jump may go at most 31 days ahead' });
    const busy: boolean[] = [];
    expect(await p.command({ type: 'control.jump', simTime: 3 * 3_600_000 }, (b) => busy.push(b))).toEqual({
      ok: true,
    });
    expect(run.calls).toEqual([3_600_000 + 5000, 2 * 3_600_000 + 5000, 3 * 3_600_000]);
    expect(busy).toEqual([true, false]);
  });

  it('step pauses and reports what the run says; resume past --until clears it', async () => {
    fakeWall();
    const run = fakeRun(null);
    const p = new Pacer(run, 100, log);
    p.state = { speed: 60, paused: false, until: 0 };
    expect(await p.command({ type: 'control.step' }, () => {})).toEqual({
      ok: false,
      message: 'nothing is pending',
    });
    expect(p.state.paused).toBe(true);
    await p.command({ type: 'control.resume' }, () => {});
    expect(p.state).toEqual({ speed: 60, paused: false, until: null });
    expect(await p.command({ type: 'control.reset' }, () => {})).toBeNull();
  });
});
