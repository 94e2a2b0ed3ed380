import { describe, expect, it } from 'vitest';
import { fileName } from './experimentCommand.ts';
import { parseExperimentFlags } from './experimentOptions.ts';

describe('experiment flags', () => {
  it('checks workers and redis, naming every bad flag', () => {
    expect(parseExperimentFlags({ workers: '3', out: 'x' })).toEqual({
      workers: 3,
      out: 'x',
      quiet: false,
      redis: undefined,
    });
    expect(() => parseExperimentFlags({ workers: '1.5', out: ' ' })).toThrow(
      '--workers must be a whole number from 1 to 256, got "1.5"; --out must not be empty',
    );
    expect(() => parseExperimentFlags({ redis: 'http://x' })).toThrow(
      '--redis must be a redis:// or rediss:// URL, got "http://x"',
    );
    expect(() => parseExperimentFlags({ redis: 'redis://127.0.0.1:6379', workers: '2' })).toThrow(
      /--workers is for local runs/,
    );
    expect(parseExperimentFlags({ redis: 'redis://127.0.0.1:6379' }).redis).toBe('redis://127.0.0.1:6379');
  });

  it('turns any variant name into one file name', () => {
    expect(fileName('counting.policy=abc,workers.0.count=8')).toBe('counting.policy=abc,workers.0.count=8');
    expect(fileName('layout.file=sites/a b.json')).toBe('layout.file=sites_a_b.json');
  });
});
