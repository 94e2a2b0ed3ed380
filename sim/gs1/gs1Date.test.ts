import { describe, expect, it } from 'vitest';
import { fullYear, isLeapYear, yymmddError, yymmddToIso } from './gs1Date.ts';

describe('GS1 dates', () => {
  it('places two-digit years with the sliding window around the reference year', () => {
    expect(fullYear(26)).toBe(2026);
    expect(fullYear(76)).toBe(2076); // 50 ahead: still this century
    expect(fullYear(77)).toBe(1977); // 51 ahead: previous century
    expect(fullYear(0, 2060)).toBe(2100); // 60 behind: next century
    expect(fullYear(11, 2060)).toBe(2011); // 49 behind: this century
    expect(fullYear(99, 2001)).toBe(1999);
  });

  it('knows leap years, including the century rules', () => {
    expect([2024, 2028, 2000].map(isLeapYear)).toEqual([true, true, true]);
    expect([2026, 1900, 2100].map(isLeapYear)).toEqual([false, false, false]);
  });

  it('validates months and days', () => {
    expect(yymmddError('261301', true)).toBe('ILLEGAL_MONTH');
    expect(yymmddError('260001', true)).toBe('ILLEGAL_MONTH');
    expect(yymmddError('260431', true)).toBe('ILLEGAL_DAY');
    expect(yymmddError('260400', true)).toBeNull();
    expect(yymmddError('260400', false)).toBe('ILLEGAL_DAY');
    expect(yymmddError('280229', false)).toBeNull();
    expect(yymmddError('260229', false)).toBe('ILLEGAL_DAY');
  });

  it('converts to ISO dates, day 00 meaning the last day of the month', () => {
    expect(yymmddToIso('260131')).toBe('2026-01-31');
    expect(yymmddToIso('260100')).toBe('2026-01-31');
    expect(yymmddToIso('280200')).toBe('2028-02-29');
    expect(yymmddToIso('990101')).toBe('1999-01-01');
    expect(yymmddToIso('261301')).toBeNull();
    expect(yymmddToIso('26013')).toBeNull();
  });
});
