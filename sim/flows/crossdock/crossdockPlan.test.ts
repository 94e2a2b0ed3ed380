import { describe, expect, it } from 'vitest';
import { planCrossDock } from './crossdockPlan.ts';

describe('planCrossDock', () => {
  it('fills the earliest promise first, then the oldest order, and leaves the rest to putaway', () => {
    // 12 units arrive; order 7 (promised at 100) needs 10, order 3 (promised at 200) 5, order 5 (200) 4.
    const demands = [
      { order: 5, line: 0, need: 4, promised: 200 },
      { order: 7, line: 1, need: 10, promised: 100 },
      { order: 3, line: 2, need: 5, promised: 200 },
    ];
    expect(planCrossDock(12, demands)).toEqual([
      { order: 7, line: 1, qty: 10 },
      { order: 3, line: 2, qty: 2 },
    ]);
    // Enough for everyone: each gets its need, 1 of 20 units goes to putaway.
    const all = planCrossDock(20, demands);
    expect(all.reduce((a, s) => a + s.qty, 0)).toBe(19);
    expect(planCrossDock(0, demands)).toEqual([]);
    expect(planCrossDock(5, [])).toEqual([]);
  });
});
