import { describe, expect, it } from 'vitest';
import { createEngine, type TruthEvent } from '../index.ts';
import { smallSite } from '../flows/replenishment/testScenario.ts';

describe('trainer injections', () => {
  it('shrink now, at the chosen bin, attributed in the truth log', () => {
    const truth: TruthEvent[] = [];
    const e = createEngine(smallSite(), { seed: 3, truth: (t) => truth.push(t) });
    e.runUntil(3_600_000);
    const bin = [...e.world.physical.all()].find((r) => r.bin.startsWith('F-') && r.qty > 3)!.bin;
    const before = [...e.world.physical.recordsIn(bin)].reduce((a, r) => a + r.qty, 0);
    expect(e.inject('shrink', bin)).toMatchObject({ ok: true });
    const after = [...e.world.physical.recordsIn(bin)].reduce((a, r) => a + r.qty, 0);
    expect(truth.at(-1)).toMatchObject({ cause: 'shrink', bin });
    expect(before - after).toBe(-truth.at(-1)!.delta.reduce((a, d) => a + d.delta, 0));
  });

  it('arms a transaction-bound exception for its next chance, and refuses nonsense', () => {
    const truth: TruthEvent[] = [];
    const e = createEngine(smallSite(), { seed: 3, truth: (t) => truth.push(t) });
    e.runUntil(3_600_000);
    expect(e.inject('uomError')).toMatchObject({ ok: true });
    e.runUntil(8 * 3_600_000);
    expect(truth.some((t) => t.cause === 'uomError')).toBe(true);
    expect(e.inject('gremlins')).toMatchObject({ ok: false });
    expect(e.inject('shrink', 'Z-99-99-Z')).toMatchObject({ ok: false });
  });
});
