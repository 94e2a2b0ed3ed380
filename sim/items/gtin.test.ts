import { describe, expect, it } from 'vitest';
import { gs1CheckDigit, isValidGs1Key, isValidGtin, makeGtin14, toGtin14 } from './gtin.ts';

describe('GS1 check digits', () => {
  it('matches published GTINs', () => {
    // GS1's own example GTIN-14 and a well-known EAN-13 (Faber-Castell pencil).
    expect(gs1CheckDigit('0950600013435')).toBe(2);
    expect(isValidGtin('09506000134352')).toBe(true);
    expect(isValidGtin('4006381333931')).toBe(true);
    expect(isValidGtin('036000291452')).toBe(true); // UPC-A
    expect(isValidGtin('96385074')).toBe(true); // EAN-8
    expect(isValidGs1Key('106141412345678908')).toBe(true); // SSCC from the GS1 General Specifications
  });

  it('rejects a wrong check digit, any single-digit error and wrong lengths', () => {
    expect(isValidGtin('09506000134353')).toBe(false);
    const good = '4006381333931';
    for (let i = 0; i < good.length; i++) {
      for (let d = 0; d <= 9; d++) {
        const digit = String(d);
        if (digit === good[i]) continue;
        expect(isValidGtin(good.slice(0, i) + digit + good.slice(i + 1))).toBe(false);
      }
    }
    expect(isValidGtin('123')).toBe(false);
    expect(isValidGtin('4006381a33931')).toBe(false);
    expect(() => gs1CheckDigit('12a')).toThrow(/digits only/);
  });

  it('composes and pads GTIN-14s', () => {
    expect(makeGtin14(0, '9506000', 13435)).toBe('09506000134352');
    expect(makeGtin14(2, '9506000', 13435)).toMatch(/^2950600013435\d$/);
    expect(isValidGtin(makeGtin14(2, '9506000', 13435))).toBe(true);
    expect(toGtin14('4006381333931')).toBe('04006381333931');
    expect(() => makeGtin14(0, '9506000', 123456)).toThrow(/does not fit in 5 digits/);
    expect(() => toGtin14('4006381333932')).toThrow(/not a valid GTIN/);
  });
});
