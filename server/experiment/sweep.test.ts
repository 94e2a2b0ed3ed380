import { describe, expect, it } from 'vitest';
import { setPath, sweepPoints } from './sweep.ts';

describe('sweepPoints', () => {
  it('is the full factorial, first factor slowest', () => {
    const pts = sweepPoints([
      { path: 'counting.policy', values: ['abc', 'risk'] },
      { path: 'counting.countsPerDay', values: [80, 150, 300] },
    ]);
    expect(pts.map((p) => p.name)).toEqual([
      'counting.policy=abc,counting.countsPerDay=80',
      'counting.policy=abc,counting.countsPerDay=150',
      'counting.policy=abc,counting.countsPerDay=300',
      'counting.policy=risk,counting.countsPerDay=80',
      'counting.policy=risk,counting.countsPerDay=150',
      'counting.policy=risk,counting.countsPerDay=300',
    ]);
    expect(pts[4]!.settings).toEqual([
      { path: 'counting.policy', value: 'risk' },
      { path: 'counting.countsPerDay', value: 150 },
    ]);
  });
});

describe('setPath', () => {
  it('sets a field in a copy, through objects and list indices, creating missing objects', () => {
    const doc = { workers: [{ role: 'picker', count: 10 }], picking: { travel: 'none' } };
    const out = setPath(doc, 'workers.0.count', 12) as typeof doc;
    expect(out.workers[0]!.count).toBe(12);
    expect(doc.workers[0]!.count).toBe(10);
    expect(setPath(doc, 'counting.policy', 'risk')).toMatchObject({ counting: { policy: 'risk' } });
  });

  it('names the path when an index or a field cannot be reached', () => {
    const doc = { workers: [{ count: 10 }], seed: 3 };
    expect(() => setPath(doc, 'workers.4.count', 1)).toThrow(
      'workers.4.count: workers is a list of 1; "4" is not an index in it',
    );
    expect(() => setPath(doc, 'seed.x', 1)).toThrow('seed.x: seed is 3, not an object or list');
  });
});
