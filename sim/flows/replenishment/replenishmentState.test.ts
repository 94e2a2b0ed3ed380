import { describe, expect, it } from 'vitest';
import { RESPONSE_WINDOW, recordResponse } from './replenishmentState.ts';

describe('replenishment response times', () => {
  it('holds at most RESPONSE_WINDOW of them, the newest, however many tasks complete', () => {
    // Three windows of tasks: ~14 simulated months of demo-dc at ~350 a day.
    const s = { responseMs: [] as number[] };
    const total = 3 * RESPONSE_WINDOW;
    let most = 0;
    for (let i = 0; i < total; i++) {
      recordResponse(s, i);
      most = Math.max(most, s.responseMs.length);
    }
    expect(most).toBeLessThanOrEqual(RESPONSE_WINDOW);
    expect(s.responseMs.length).toBeGreaterThanOrEqual(RESPONSE_WINDOW / 2);
    expect(s.responseMs.at(-1)).toBe(total - 1);
    expect(s.responseMs[0]).toBe(total - s.responseMs.length);
  });
});
