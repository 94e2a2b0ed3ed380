import { describe, expect, it } from 'vitest';
import { parseNdjsonPrefix } from './ndjson.ts';

describe('parseNdjsonPrefix', () => {
  it('reads whole lines, skips blank ones and stops at a torn line', () => {
    expect(parseNdjsonPrefix<{ a: number }>('{"a":1}\n\n{"a":2}\n{"a":3')).toEqual([{ a: 1 }, { a: 2 }]);
  });
  it('trusts nothing after a line that does not parse', () => {
    expect(parseNdjsonPrefix('{"a":1}\n{oops}\n{"a":3}\n')).toEqual([{ a: 1 }]);
  });
});
