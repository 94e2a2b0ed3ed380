import { describe, expect, it } from 'vitest';
import { gs1CheckCharacterPair, gs1CheckDigit, hasValidGs1CheckDigit } from './checkDigits.ts';

describe('check digits', () => {
  it('computes the GS1 mod-10 check digit for keys of any length', () => {
    expect(gs1CheckDigit('0950600013435')).toBe(2); // GTIN-14 09506000134352
    expect(gs1CheckDigit('950600013435')).toBe(2); // same as GTIN-13
    expect(gs1CheckDigit('0234567')).toBe(3); // EAN-8 02345673
    expect(gs1CheckDigit('12A')).toBe(-1);
    expect(hasValidGs1CheckDigit('09506000134352')).toBe(true);
    expect(hasValidGs1CheckDigit('09506000134353')).toBe(false);
    expect(hasValidGs1CheckDigit('416000336108')).toBe(true); // UPC-A
  });

  it('computes the alphanumeric check character pair of AIs (8013) and (8014)', () => {
    // Examples from the GS1 reference linter tests.
    expect(gs1CheckCharacterPair('1987654Ad4X4bL5ttr2310c')).toBe('2K');
    expect(gs1CheckCharacterPair('12345678901234567890123')).toBe('NT');
    expect(gs1CheckCharacterPair('')).toBe('22');
    expect(gs1CheckCharacterPair('12 3')).toBeNull();
  });
});
