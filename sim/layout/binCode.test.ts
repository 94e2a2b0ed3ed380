import { describe, expect, it } from 'vitest';
import {
  binCheckString,
  binCodeError,
  formatBinCode,
  isBinCode,
  levelLetter,
  parseBinCode,
} from './binCode.ts';

describe('bin codes', () => {
  it('formats zone-aisle-bay-level with the level as a letter from the floor', () => {
    expect(formatBinCode({ zone: 'A', aisle: 1, bay: 2, level: 3 })).toBe('A-01-02-C');
    expect(formatBinCode({ zone: 'CH2', aisle: 12, bay: 140, level: 1 })).toBe('CH2-12-140-A');
    expect(levelLetter(26)).toBe('Z');
  });

  it('round trips', () => {
    for (const zone of ['A', 'R', 'HZ', 'C1']) {
      for (const aisle of [0, 1, 9, 10, 99, 123]) {
        for (const bay of [1, 2, 55, 999]) {
          for (const level of [1, 2, 5, 26]) {
            const parts = { zone, aisle, bay, level };
            const code = formatBinCode(parts);
            expect(isBinCode(code)).toBe(true);
            expect(parseBinCode(code)).toEqual(parts);
          }
        }
      }
    }
  });

  it('explains what is wrong with a bad code', () => {
    expect(() => parseBinCode('A-1-02-C')).toThrow(/aisle "1" must be 2-3 digits/);
    expect(() => parseBinCode('a-01-02-C')).toThrow(/zone "a"/);
    expect(() => parseBinCode('A-01-02')).toThrow(/4 parts/);
    expect(() => parseBinCode('A-01-02-3')).toThrow(/level "3"/);
    expect(() => parseBinCode('A-01-0x-C')).toThrow(/bay "0x"/);
    expect(binCodeError('A-01-02-C')).toBeNull();
    expect(() => formatBinCode({ zone: 'A', aisle: 1, bay: 1, level: 27 })).toThrow(/level 27/);
    expect(() => formatBinCode({ zone: 'toolong', aisle: 1, bay: 1, level: 1 })).toThrow(/zone id/);
  });

  it('gives a stable two-digit check string that varies between neighbours', () => {
    expect(binCheckString('A-01-02-C')).toMatch(/^\d{2}$/);
    expect(binCheckString('A-01-02-C')).toBe(binCheckString('A-01-02-C'));
    const checks = new Set<string>();
    for (let bay = 1; bay <= 40; bay++)
      checks.add(binCheckString(formatBinCode({ zone: 'A', aisle: 1, bay, level: 1 })));
    expect(checks.size).toBeGreaterThan(20);
  });
});
