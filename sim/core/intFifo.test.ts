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

describe('IntFifo.remove', () => {
  it('removes at the head, in the middle and at the tail, keeping the order of the rest', () => {
    const q = new IntFifo([1, 2, 3, 4, 5, 6]);
    expect(q.remove(1)).toBe(true);
    expect(q.remove(4)).toBe(true);
    expect(q.remove(6)).toBe(true);
    expect(q.remove(9)).toBe(false);
    expect(q.toArray()).toEqual([2, 3, 5]);
    expect(q.at(0)).toBe(2);
    expect(q.has(1)).toBe(false);
    q.push(7);
    expect([q.shift(), q.shift(), q.shift(), q.shift(), q.shift()]).toEqual([2, 3, 5, 7, -1]);
  });
});

describe('IntFifo as a ring', () => {
  it('agrees with a plain array over random pushes, shifts and removals across wrap-around and growth', () => {
    let s = 7;
    const rnd = (): number => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 2 ** 32;
    };
    const q = new IntFifo();
    const ref: number[] = [];
    const wrong: string[] = [];
    for (let op = 0; op < 50_000; op++) {
      const r = rnd();
      if (r < 0.4 || ref.length < 3) {
        q.push(op);
        ref.push(op);
      } else if (r < 0.7) {
        if (q.shift() !== (ref.shift() ?? -1)) wrong.push(`shift at ${op}`);
      } else {
        const v = ref[Math.floor(rnd() * ref.length)]!;
        ref.splice(ref.indexOf(v), 1);
        if (!q.remove(v)) wrong.push(`remove ${v} at ${op}`);
      }
      if (q.size !== ref.length || q.at(0) !== (ref[0] ?? -1)) wrong.push(`head at ${op}`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(q.toArray()).toEqual(ref);
  });

  it('stops growing under steady churn', () => {
    const q = new IntFifo();
    for (let i = 0; i < 100_000; i++) {
      q.push(i);
      if (q.size > 10) q.remove(q.at(0));
    }
    expect(q.capacity).toBe(16);
  });
});
