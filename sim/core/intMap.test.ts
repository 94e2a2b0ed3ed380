import { describe, expect, it } from 'vitest';
import { IntMap } from './intMap.ts';

/** A small deterministic generator (tests must not depend on Math.random). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('IntMap', () => {
  it('stores, overwrites, deletes and reports size', () => {
    const m = new IntMap<string>();
    expect(m.get(1)).toBeUndefined();
    m.set(1, 'a').set(2, 'b').set(-7, 'c').set(0, 'z');
    expect(m.size).toBe(4);
    m.set(2, 'B');
    expect(m.size).toBe(4);
    expect(m.get(2)).toBe('B');
    expect(m.has(-7)).toBe(true);
    expect(m.delete(-7)).toBe(true);
    expect(m.delete(-7)).toBe(false);
    expect(m.has(-7)).toBe(false);
    expect(m.size).toBe(3);
    expect(m.keys()).toEqual([0, 1, 2]);
    expect(m.values()).toEqual(['z', 'a', 'B']);
    expect(m.entries()).toEqual([
      [0, 'z'],
      [1, 'a'],
      [2, 'B'],
    ]);
    const seen: number[] = [];
    m.forEachUnordered((v, k) => seen.push(k));
    expect(seen.sort((a, b) => a - b)).toEqual([0, 1, 2]);
    m.clear();
    expect(m.size).toBe(0);
    expect(m.get(1)).toBeUndefined();
  });

  it('refuses keys it cannot store exactly and undefined values', () => {
    const m = new IntMap<number>();
    expect(() => m.set(1.5, 1)).toThrow(/not a 32-bit integer/);
    expect(() => m.set(2 ** 31, 1)).toThrow(/not a 32-bit integer/);
    expect(() => m.set(3, undefined as unknown as number)).toThrow(/undefined/);
  });

  it('agrees with Map over a long random mix of inserts, overwrites, deletes and misses', () => {
    for (const seed of [1, 2, 3]) {
      const rnd = lcg(seed);
      const m = new IntMap<number>(2);
      const ref = new Map<number, number>();
      // Mismatches are collected and compared once: an expect() per operation is slow.
      const wrong: string[] = [];
      // A small key range forces collisions, long probe runs and wrap-around at the table's end.
      const range = seed === 3 ? 5000 : 300;
      for (let op = 0; op < 60_000; op++) {
        const k = Math.floor(rnd() * range) - (seed === 2 ? 150 : 0);
        const r = rnd();
        if (r < 0.45) {
          m.set(k, op);
          ref.set(k, op);
        } else if (r < 0.9) {
          if (m.delete(k) !== ref.delete(k)) wrong.push(`delete ${k} at ${op}`);
        } else if (m.get(k) !== ref.get(k)) wrong.push(`get ${k} at ${op}`);
        if (m.size !== ref.size) wrong.push(`size at ${op}`);
      }
      expect(wrong.slice(0, 5)).toEqual([]);
      for (let k = -200; k < range; k++) expect(m.get(k)).toBe(ref.get(k));
      expect(m.keys()).toEqual([...ref.keys()].sort((a, b) => a - b));
    }
  });

  it('stops growing under churn with a bounded number of live entries', () => {
    const m = new IntMap<number>();
    // The engine's pattern: increasing ids, ~15 live, one insert and one delete per step.
    for (let id = 1; id <= 200_000; id++) {
      m.set(id, id);
      if (id > 15) m.delete(id - 15);
    }
    expect(m.size).toBe(15);
    expect(m.capacity).toBeLessThanOrEqual(32);
  });
});
