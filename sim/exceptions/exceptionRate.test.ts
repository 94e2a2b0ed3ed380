import { describe, expect, it } from 'vitest';
import { exceptionRate } from './exceptionRate.ts';
import { exceptionsSchema } from './exceptionSchema.ts';

describe('exceptionRate', () => {
  const spec = exceptionsSchema.parse({
    rates: { wrongLot: 0.01 },
    overrides: [
      { role: 'picker', rates: { wrongLot: 0.02 } },
      { shift: 'night', role: 'picker', rates: { wrongLot: 0.05 } },
      { worker: 'pick-03', rates: { wrongLot: 0 } },
    ],
  });
  it('takes the base rate, then matching overrides in order', () => {
    expect(exceptionRate(spec, 'wrongLot', { role: 'putaway', shift: 'day', code: 'put-01' })).toBe(0.01);
    expect(exceptionRate(spec, 'wrongLot', { role: 'picker', shift: 'day', code: 'pick-01' })).toBe(0.02);
    expect(exceptionRate(spec, 'wrongLot', { role: 'picker', shift: 'night', code: 'pick-01' })).toBe(0.05);
    expect(exceptionRate(spec, 'wrongLot', { role: 'picker', shift: 'night', code: 'pick-03' })).toBe(0);
    expect(exceptionRate(spec, 'uomError', { role: 'picker', shift: 'night', code: 'pick-03' })).toBe(0);
    expect(exceptionRate(undefined, 'wrongLot', null)).toBe(0);
  });
  it('refuses an override that names nobody, and rates above 1', () => {
    expect(exceptionsSchema.safeParse({ overrides: [{ rates: { wrongLot: 0.1 } }] }).success).toBe(false);
    expect(exceptionsSchema.safeParse({ rates: { uomError: 2 } }).success).toBe(false);
  });
});
