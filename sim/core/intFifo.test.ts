import { describe, expect, it } from 'vitest';
import { IntFifo } from './intFifo.ts';

describe('IntFifo', () => {
  it('is first in, first out across compaction', () => {
    const q = new IntFifo([1, 2]);
    for (let i = 3; i <= 5000; i++) q.push(i);
    const out: number[] = [];
    for (let i = 0; i < 3000; i++) out.push(q.shift());
    expect(out[0]).toBe(1);
    expect(out[2999]).toBe(3000);
    expect(q.size).toBe(2000);
    expect(q.toArray()[0]).toBe(3001);
    expect(q.remove(4000)).toBe(true);
    expect(q.size).toBe(1999);
    while (q.size) q.shift();
    expect(q.shift()).toBe(-1);
    expect(q.peek()).toBe(-1);
  });
});
