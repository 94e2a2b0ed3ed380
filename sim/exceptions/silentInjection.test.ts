import { describe, expect, it } from 'vitest';
import { silentInjection } from './silentInjection.ts';
import { exceptions } from './exceptionRate.ts';

describe('silent injection', () => {
  it('is true while any of the causes is armed, and only then', () => {
    const w = { flow: {} as Record<string, unknown> };
    expect(silentInjection(w, ['shortReceipt', 'overReceipt'])).toBe(false);
    exceptions.state(w).armed['overReceipt'] = 1;
    expect(silentInjection(w, ['shortReceipt', 'overReceipt'])).toBe(true);
    expect(silentInjection(w, ['shortReceipt'])).toBe(false);
  });
});
