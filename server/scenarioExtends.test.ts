import { describe, expect, it } from 'vitest';
import { ExtendsError, mergeScenario, resolveExtends } from './scenarioExtends.ts';

describe('scenario extends', () => {
  const files: Record<string, unknown> = {
    base: {
      name: 'base',
      description: 'B',
      picking: { method: 'discrete', routing: 's-shape' },
      workers: [{ role: 'picker', count: 3 }],
    },
    mid: { extends: 'base', name: 'mid', picking: { method: 'batch' } },
    loopA: { extends: 'loopB', name: 'a' },
    loopB: { extends: 'loopA', name: 'b' },
  };
  const read = (ref: string) => {
    if (!(ref in files)) throw new ExtendsError(`unknown scenario ${ref}`);
    return { data: files[ref], source: ref };
  };

  it('merges objects key by key and replaces arrays', () => {
    expect(mergeScenario({ a: { x: 1, y: 2 }, l: [1, 2] }, { a: { y: 3 }, l: [9] })).toEqual({
      a: { x: 1, y: 3 },
      l: [9],
    });
  });

  it('follows a chain and keeps only what the variant changes', () => {
    const out = resolveExtends(
      { extends: 'mid', name: 'leaf', workers: [{ role: 'picker', count: 5 }] },
      'leaf',
      read,
    );
    expect(out).toEqual({
      name: 'leaf',
      description: 'B (variant) (variant)',
      picking: { method: 'batch', routing: 's-shape' },
      workers: [{ role: 'picker', count: 5 }],
    });
  });

  it('reports cycles and bad references', () => {
    expect(() => resolveExtends(files['loopA'], 'loopA', read)).toThrow(/cycle loopA → loopB → loopA/);
    expect(() => resolveExtends({ extends: 3 }, 'x', read)).toThrow(/extends: must be/);
    expect(() => resolveExtends({ extends: 'nope' }, 'x', read)).toThrow(/unknown scenario nope/);
  });
});
