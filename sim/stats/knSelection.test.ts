import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { knSelect } from './knSelection.ts';

describe('knSelect (Kim & Nelson 2001, KN)', () => {
  it('hand-computed: k = 2, n0 = 3, α = 0.05 gives η = 4.5, h² = 18; a clear winner goes at stage 3', () => {
    // D = X0 − X1 = 5, 6, 4: S² = 1; W(3) = (1/6)(18 − 3) = 2.5; 6 < 11 − 2.5 → system 1 out.
    const s = knSelect(
      [
        [10, 12, 11],
        [5, 6, 7],
      ],
      'max',
      1,
      0.95,
      3,
    );
    expect(s.h2).toBeCloseTo(18, 10);
    expect(s).toMatchObject({ decided: true, best: 0, survivors: [0], eliminatedAt: [null, 3], r: 3 });
    expect(s.maxStage).toBe(19);
    // The same data minimised: system 1 is the best.
    expect(
      knSelect(
        [
          [10, 12, 11],
          [5, 6, 7],
        ],
        'min',
        1,
        0.95,
        3,
      ).best,
    ).toBe(1);
  });

  it('hand-computed: close systems stay in contention while W is wide, and are not decided', () => {
    // D = 1, −1, 1: S² = 4/3, W(3) = (1/6)(24 − 3) = 3.5; stage 4: means 11 and 10.5, W(4) = 2.5.
    const s = knSelect(
      [
        [10, 12, 11, 11],
        [9, 13, 10, 10],
      ],
      'max',
      1,
      0.95,
      3,
    );
    expect(s).toMatchObject({
      decided: false,
      best: null,
      survivors: [0, 1],
      r: 4,
      eliminatedAt: [null, null],
    });
    expect(s.means).toEqual([11, 10.5]);
    expect(s.maxStage).toBe(25);
  });

  it('decides by stage ⌊h²S²/δ²⌋ + 1 at the latest: W is 0 there and the larger mean wins', () => {
    const a = [10, 12, 11];
    const b = [9, 13, 10];
    // Every later replication equal: the means approach 11 and 10.67 but W reaches 0 at r = 24.
    const more = (xs: number[], v: number): number[] => [...xs, ...new Array<number>(30).fill(v)];
    const s = knSelect([more(a, 11), more(b, 10.6)], 'max', 1, 0.95, 3);
    expect(s.decided).toBe(true);
    expect(s.best).toBe(0);
    expect(s.r).toBeLessThanOrEqual(s.maxStage);
  });

  it('refuses what it cannot screen', () => {
    expect(() => knSelect([[1, 2]], 'max', 1, 0.95, 3)).toThrow(/needs 3 first-stage/);
    expect(() => knSelect([[1, 2, 3]], 'max', 0, 0.95, 3)).toThrow(/indifference/);
    expect(knSelect([[1, 2, 3]], 'max', 1, 0.95, 3)).toMatchObject({ decided: true, best: 0 });
  });

  it('Monte Carlo: PCS ≥ 1 − α when the best is δ better (slippage, 4 normal systems, CRN-free)', () => {
    const rng = seedrandom('kn-pcs');
    const normal = (): number => {
      // Box–Muller from the seeded stream.
      const u = 1 - rng();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
    };
    const delta = 0.5;
    const k = 4;
    const n0 = 10;
    const confidence = 0.9;
    const macro = 400;
    let correct = 0;
    let stages = 0;
    for (let m = 0; m < macro; m++) {
      const mu = Array.from({ length: k }, (_, i) => (i === 2 ? delta : 0));
      // Enough replications that the procedure must decide within them (checked below).
      const data = mu.map((u) => Array.from({ length: 400 }, () => u + normal()));
      const s = knSelect(data, 'max', delta, confidence, n0);
      expect(s.decided).toBe(true);
      if (s.best === 2) correct++;
      stages += s.r;
    }
    const pcs = correct / macro;
    expect(pcs).toBeGreaterThanOrEqual(confidence);
    // And it is sequential: far fewer stages than the fixed bound on average.
    expect(stages / macro).toBeLessThan(100);
  });
});
