import { describe, expect, it } from 'vitest';
import { halfWidthOf, replicationsToAdd } from './sequentialRule.ts';

const rule = { kpi: 'x', halfWidth: 0.5, initial: 4, step: 3, max: 10 };

describe('replicationsToAdd', () => {
  it('adds a step while any variant is wider than the target, never past the cap', () => {
    expect(replicationsToAdd(rule, 4, [0.4, 0.6])).toBe(3);
    expect(replicationsToAdd(rule, 7, [0.4, 0.6])).toBe(3);
    expect(replicationsToAdd(rule, 9, [0.4, 0.6])).toBe(1);
    expect(replicationsToAdd(rule, 10, [0.4, 0.6])).toBe(0);
  });

  it('stops when every variant meets the target, and goes on while one has no estimate', () => {
    expect(replicationsToAdd(rule, 4, [0.4, 0.5])).toBe(0);
    expect(replicationsToAdd(rule, 4, [0.4, null])).toBe(3);
  });
});

describe('halfWidthOf', () => {
  it('uses only the defined values', () => {
    // 1, 2, 3 (null skipped): s = 1, t(0.975, 2) = 4.302652729749464 → 4.3027 / √3.
    expect(halfWidthOf([1, null, 2, 3], 0.95)).toBeCloseTo(4.302652729749464 / Math.sqrt(3), 12);
    expect(halfWidthOf([1, null], 0.95)).toBeNull();
  });
});
