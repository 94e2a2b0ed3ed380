import { describe, expect, it } from 'vitest';
import { formatElementString, GS } from './formatElementString.ts';
import { parseBracketed } from './parseBracketed.ts';
import { parseScan } from './parseScan.ts';

describe('formatElementString', () => {
  const parsed = parseBracketed('(01)09506000134352(10)A\\(1(3103)001234(21)S1');
  const elements = parsed.ok ? parsed.elements : [];

  it('writes bracketed, ^ and scanner forms with separators only after variable-length AIs', () => {
    expect(formatElementString(elements)).toBe('(01)09506000134352(10)A\\(1(3103)001234(21)S1');
    expect(formatElementString(elements, 'caret')).toBe('^010950600013435210A(1^310300123421S1');
    expect(formatElementString(elements, 'scan')).toBe(`010950600013435210A(1${GS}310300123421S1`);
    expect(parsed.ok && parsed.dataStr).toBe(formatElementString(elements, 'caret'));
  });

  it('round-trips through parseScan', () => {
    const scanned = parseScan(`]C1${formatElementString(elements, 'scan')}`);
    expect(scanned.ok && scanned.elements).toEqual(elements);
  });
});
