import { describe, expect, it } from 'vitest';
import { parseScan } from './parseScan.ts';
import { aiValue, getBestBefore, getCount, getExpiry, getGtin, toWarehouseScan } from './warehouseScan.ts';

describe('warehouse accessors', () => {
  const el = (ai: string, value: string) => ({ ai, value, title: '' });

  it('read from element lists as well as scan results', () => {
    const elements = [el('02', '09506000134352'), el('37', '12'), el('15', '991200'), el('17', '300229')];
    expect(getGtin(elements)).toBe('09506000134352');
    expect(getCount(elements)).toBe(12);
    expect(getBestBefore(elements)).toBe('1999-12-31');
    expect(getExpiry(elements)).toBeUndefined(); // 2030 is not a leap year
    expect(aiValue(elements, '10', '37')).toBe('12');
  });

  it('gives null for a failed scan and only the fields present otherwise', () => {
    expect(toWarehouseScan(parseScan(']C1'))).toBeNull();
    expect(toWarehouseScan(parseScan(']C101095060001343521515123121S33'))).toEqual({
      gtin: '09506000134352',
      bestBefore: '2015-12-31',
      serial: 'S33',
    });
    expect(toWarehouseScan(parseScan(']Q1hello'))).toEqual({});
  });
});
