import { describe, expect, it } from 'vitest';
import type { SettingsData } from './settingsFile.ts';
import { findTokens, newToken, tokenId } from './tokens.ts';

const entry = (label: string, sha256: string): SettingsData['tokens'][number] => ({
  role: 'viewer',
  label,
  sha256,
  createdAt: '2026-01-01T00:00:00.000Z',
});

describe('findTokens', () => {
  const data: SettingsData = {
    schemaVersion: 1,
    tokens: [
      entry('a', `abcd1${'0'.repeat(59)}`),
      entry('b', `abcd2${'0'.repeat(59)}`),
      entry('abcd1', `ffff${'0'.repeat(60)}`),
    ],
  };

  it('matches a label before an id, and an id by a prefix of 4+ hex digits', () => {
    expect(findTokens(data, 'abcd1').map((t) => t.label)).toEqual(['abcd1']);
    expect(findTokens(data, 'abcd2').map((t) => t.label)).toEqual(['b']);
    expect(findTokens(data, 'abcd').map((t) => t.label)).toEqual(['a', 'b']);
    expect(findTokens(data, 'abc')).toEqual([]);
    expect(findTokens(data, 'zzzz')).toEqual([]);
  });

  it('makes distinct random tokens whose id is their hash prefix', () => {
    const now = new Date(0);
    const x = newToken('admin', 'x', now);
    const y = newToken('admin', 'y', now);
    expect(x.token).not.toBe(y.token);
    expect(tokenId(x.entry)).toBe(x.entry.sha256.slice(0, 8));
    expect(x.entry.createdAt).toBe('1970-01-01T00:00:00.000Z');
  });
});
