import { describe, expect, it } from 'vitest';
import { fnv1a64 } from './fnv1a64.ts';

describe('fnv1a64', () => {
  it('matches the published FNV-1a 64-bit test vectors', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('hashes non-ASCII text as its UTF-8 bytes', () => {
    // "é" is C3 A9 in UTF-8; "€" E2 82 AC; "😀" F0 9F 98 80: same as hashing those bytes.
    const bytes = (b: number[]): string => {
      let h = 0xcbf29ce484222325n;
      for (const x of b) h = ((h ^ BigInt(x)) * 0x100000001b3n) & 0xffffffffffffffffn;
      return h.toString(16).padStart(16, '0');
    };
    expect(fnv1a64('é')).toBe(bytes([0xc3, 0xa9]));
    expect(fnv1a64('€')).toBe(bytes([0xe2, 0x82, 0xac]));
    expect(fnv1a64('😀')).toBe(bytes([0xf0, 0x9f, 0x98, 0x80]));
  });

  it('is sensitive to order', () => {
    expect(fnv1a64('ab')).not.toBe(fnv1a64('ba'));
  });
});
