import { describe, expect, it } from 'vitest';
import { type TruthEvent } from '../index.ts';
import { createEngine } from '../engineApi.ts';
import { EXCEPTION_CAUSES } from './exceptionSchema.ts';
import { smallSite } from '../flows/replenishment/testScenario.ts';
import { armedExceptions } from './exceptionRate.ts';
import { INJECTABLE_CAUSES } from './injectableCauses.ts';

describe('trainer injections', () => {
  it('shrink now, at the chosen bin, attributed in the truth log', () => {
    const truth: TruthEvent[] = [];
    const e = createEngine(smallSite(), { seed: 3, truth: (t) => truth.push(t) });
    e.runUntil(3_600_000);
    const bin = [...e.world.physical.all()].find((r) => r.bin.startsWith('F-') && r.qty > 3)!.bin;
    const before = [...e.world.physical.recordsIn(bin)].reduce((a, r) => a + r.qty, 0);
    expect(e.apply({ type: 'inject', cause: 'shrink', bin })).toMatchObject({ ok: true });
    const after = [...e.world.physical.recordsIn(bin)].reduce((a, r) => a + r.qty, 0);
    expect(truth.at(-1)).toMatchObject({ cause: 'shrink', bin });
    expect(before - after).toBe(-truth.at(-1)!.delta.reduce((a, d) => a + d.delta, 0));
  });

  it('arms a transaction-bound exception for its next chance, and refuses nonsense', () => {
    const truth: TruthEvent[] = [];
    const e = createEngine(smallSite(), { seed: 3, truth: (t) => truth.push(t) });
    e.runUntil(3_600_000);
    expect(e.apply({ type: 'inject', cause: 'uomError' })).toMatchObject({ ok: true });
    e.runUntil(8 * 3_600_000);
    expect(truth.some((t) => t.cause === 'uomError')).toBe(true);
    expect(e.apply({ type: 'inject', cause: 'gremlins' })).toMatchObject({ ok: false });
    expect(e.apply({ type: 'inject', cause: 'shrink', bin: 'Z-99-99-Z' })).toMatchObject({ ok: false });
  });

  it('stays armed through chances where it cannot happen, and is used up exactly when it does', () => {
    // Lot-controlled picks often meet a face holding a single lot: those chances must not use
    // up an armed wrong lot (they did, so the injection silently never happened).
    const truth: TruthEvent[] = [];
    const e = createEngine(smallSite(), { seed: 3, truth: (t) => truth.push(t) });
    e.runUntil(3_600_000);
    expect(e.apply({ type: 'inject', cause: 'wrongLot' })).toMatchObject({ ok: true });
    const from = truth.length;
    const armed = (): number => armedExceptions(e.world)['wrongLot'] ?? 0;
    while (armed() > 0 && e.now() < 12 * 3_600_000) {
      e.runUntil(e.world.queue.peekTime());
      const fired = truth.slice(from).filter((t) => t.cause === 'wrongLot').length;
      // Never used up without the exception in the truth log, never kept once it happened.
      expect(fired).toBe(1 - armed());
    }
    expect(armed()).toBe(0);
    expect(truth.slice(from).filter((t) => t.cause === 'wrongLot')).toHaveLength(1);
  });

  it('an unscanned move is not refused because the first record drawn has no room nearby', () => {
    // Every forward face is full after putaway: a single random draw often finds no room.
    const e = createEngine(smallSite(), { seed: 3 });
    e.runUntil(3_600_000);
    for (let i = 0; i < 20; i++)
      expect(e.apply({ type: 'inject', cause: 'unscannedMove' })).toMatchObject({ ok: true });
  });

  it('lists every cause once, with a bin parameter only where one is used', () => {
    // Every cause but the transfer ones, which only a network run (never the live server) has.
    const networkOnly = ['transferOverLoad', 'transitLoss', 'transitDamage', 'transferReceiptLate'];
    expect(INJECTABLE_CAUSES.map((c) => c.cause).sort()).toEqual(
      [...EXCEPTION_CAUSES].filter((c) => !networkOnly.includes(c)).sort(),
    );
    for (const c of INJECTABLE_CAUSES) {
      expect(c.label.length).toBeGreaterThan(0);
      expect(c.params.length > 0).toBe(c.timing === 'now');
    }
    const e = createEngine(smallSite(), { seed: 3 });
    expect(e.apply({ type: 'inject', cause: 'wrongLot', bin: 'F-01-01-A' })).toMatchObject({
      ok: false,
      message: /takes no bin/,
    });
  });
});
