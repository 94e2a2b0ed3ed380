import { describe, expect, it } from 'vitest';
import { erlangC } from './erlangC.ts';
import { t975 } from './tQuantile.ts';
import { batchMeans } from './batchMeans.ts';

describe('erlangC', () => {
  it('matches the textbook values', () => {
    expect(erlangC(2, 1, 3).wq).toBeCloseTo(4 / 9, 12);
    expect(erlangC(9, 1, 10).wq).toBeCloseTo(0.668732, 6);
    // M/M/1: Wq = ρ / (μ − λ).
    expect(erlangC(0.5, 1, 1).wq).toBeCloseTo(1, 12);
  });
  it('refuses an unstable system', () => {
    expect(() => erlangC(3, 1, 3)).toThrow(/unstable/);
  });
});

describe('t975', () => {
  it('matches tables inside and beyond 30 df', () => {
    expect(t975(19)).toBe(2.093);
    expect(t975(40)).toBeCloseTo(2.021, 3);
    expect(t975(120)).toBeCloseTo(1.98, 3);
  });
});

describe('batchMeans', () => {
  it('gives the plain mean and a CI from the spread of batch means', () => {
    const xs = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 1 : 3));
    const r = batchMeans(xs, 4)!;
    expect(r.mean).toBe(2);
    expect(r.halfWidth).toBe(0);
    const ys = [...Array(10).fill(1), ...Array(10).fill(3)];
    const r2 = batchMeans(ys, 2)!;
    expect(r2.mean).toBe(2);
    // batch means 1 and 3: s = √2, half width = t(1) · √2/√2.
    expect(r2.halfWidth).toBeCloseTo(12.706, 6);
  });
  it('returns null with too little data', () => {
    expect(batchMeans([1, 2, 3], 20)).toBeNull();
  });
});
