import { describe, expect, it } from 'vitest';
import { type TruthEvent } from '../index.ts';
import { createEngine, restoreEngine } from '../engineApi.ts';
import { smallSite } from '../flows/replenishment/testScenario.ts';
import { armedExceptions, armedForWorker } from './exceptionRate.ts';

describe('an injection targeted at one worker', () => {
  it('happens in that worker’s next chance only, and is used up by it', () => {
    const truth: TruthEvent[] = [];
    const e = createEngine(smallSite(), { seed: 3, truth: (t) => truth.push(t) });
    e.runUntil(3_600_000);
    const target = e.world.workers.filter((w) => w.role === 'picker')[1]!.code;
    expect(e.apply({ type: 'inject', cause: 'uomError', worker: target })).toMatchObject({ ok: true });
    // Armed for the worker, not site-wide.
    expect(armedExceptions(e.world)['uomError']).toBeUndefined();
    expect(armedForWorker(e.world, target)['uomError']).toBe(1);
    const from = truth.length;
    while ((armedForWorker(e.world, target)['uomError'] ?? 0) > 0 && e.now() < 12 * 3_600_000)
      e.runUntil(e.world.queue.peekTime());
    const fired = truth.slice(from).filter((t) => t.cause === 'uomError');
    expect(fired).toHaveLength(1);
    expect(fired[0]!.worker).toBe(target);
  });

  it('is saved with a snapshot: a resumed run fires it exactly as the original', () => {
    const run = (resume: boolean): string[] => {
      const truth: TruthEvent[] = [];
      const e = createEngine(smallSite(), { seed: 3, truth: (t) => truth.push(t) });
      e.runUntil(3_600_000);
      const target = e.world.workers.find((w) => w.role === 'picker')!.code;
      e.apply({ type: 'inject', cause: 'wrongLot', worker: target });
      let f = e;
      if (resume) {
        f = restoreEngine(smallSite(), JSON.parse(JSON.stringify(e.snapshot())), {
          truth: (t) => truth.push(t),
        });
      }
      f.runUntil(8 * 3_600_000);
      return truth.filter((t) => t.cause === 'wrongLot').map((t) => `${t.t}:${t.worker}:${t.bin}`);
    };
    const straight = run(false);
    expect(straight.length).toBeGreaterThan(0);
    expect(run(true)).toEqual(straight);
  });

  it('refuses an unknown worker and a cause that happens at once', () => {
    const e = createEngine(smallSite(), { seed: 3 });
    expect(e.apply({ type: 'inject', cause: 'wrongLot', worker: 'nobody' })).toMatchObject({
      ok: false,
      message: /unknown worker "nobody"/,
    });
    const w = e.world.workers[0]!.code;
    expect(e.apply({ type: 'inject', cause: 'shrink', worker: w })).toMatchObject({
      ok: false,
      message: /takes no worker/,
    });
  });
});
