import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { Fenwick } from './fenwick.ts';

/** The linear draw the tree replaces: subtract weights in order, stop below zero. */
function linear(weights: number[], u: number): number {
  let r = u;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i]!;
    if (r < 0 && weights[i]! > 0) return i;
  }
  return weights.length;
}

describe('Fenwick', () => {
  it('keeps prefix sums through point updates', () => {
    const f = new Fenwick(10);
    f.setAll([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(f.total()).toBe(55);
    expect(f.prefix(3)).toBe(6);
    f.set(2, 0);
    expect(f.prefix(3)).toBe(3);
    expect(f.total()).toBe(52);
    expect(f.get(2)).toBe(0);
    expect(() => f.set(1, -1)).toThrow(/non-negative/);
    expect(() => f.setAll([1])).toThrow(/1 weights for 10 slots/);
  });

  it('finds the same slot as a linear walk for every integer point, zeros and ends included', () => {
    const w = [0, 3, 0, 0, 1, 12, 0, 4, 1, 0, 0];
    const f = new Fenwick(w.length);
    f.setAll(w);
    for (let u = 0; u <= 22; u += 0.5) expect(f.search(u), `u=${u}`).toBe(linear(w, u));
  });

  it('matches the linear draw on random integer weights and random points after updates', () => {
    const rng = seedrandom('fenwick');
    const n = 2_345;
    const w = Array.from({ length: n }, () => [0, 1, 4, 12][Math.floor(rng() * 4)]!);
    const f = new Fenwick(n);
    f.setAll(w);
    for (let k = 0; k < 3_000; k++) {
      const i = Math.floor(rng() * n);
      w[i] = [0, 1, 4, 12][Math.floor(rng() * 4)]!;
      f.set(i, w[i]!);
      const total = w.reduce((a, b) => a + b, 0);
      expect(f.total()).toBe(total);
      const u = rng() * total;
      expect(f.search(u)).toBe(linear(w, u));
    }
  });

  it('handles an empty and a one-slot tree', () => {
    expect(new Fenwick(0).search(0)).toBe(0);
    const one = new Fenwick(1);
    one.set(0, 2);
    expect(one.search(1.9)).toBe(0);
    expect(one.search(2)).toBe(1);
  });
});
