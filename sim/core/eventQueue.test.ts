import { describe, expect, it } from 'vitest';
import { EventQueue } from './eventQueue.ts';
import { RandomStreams } from '../random/randomStreams.ts';

function drain(q: EventQueue): number[][] {
  const out: number[][] = [];
  while (q.pop()) out.push([q.popped.time, q.popped.priority, q.popped.kind, q.popped.a]);
  return out;
}

describe('EventQueue', () => {
  it('orders by time, then priority, then insertion sequence', () => {
    const q = new EventQueue();
    q.push(10, 0, 1, 100);
    q.push(5, 1, 2, 200);
    q.push(5, 0, 3, 300);
    q.push(5, 1, 4, 400);
    q.push(10, 0, 5, 500);
    expect(drain(q).map((e) => e[3])).toEqual([300, 200, 400, 100, 500]);
  });

  it('matches a stable sort on random input, across growth', () => {
    const rng = new RandomStreams('heap').stream('t');
    const q = new EventQueue();
    const ref: { t: number; p: number; i: number }[] = [];
    for (let i = 0; i < 5000; i++) {
      const t = Math.floor(rng() * 100);
      const p = Math.floor(rng() * 3);
      q.push(t, p, 0, i);
      ref.push({ t, p, i });
    }
    ref.sort((x, y) => x.t - y.t || x.p - y.p || x.i - y.i);
    expect(drain(q).map((e) => e[3])).toEqual(ref.map((r) => r.i));
  });

  it('restores from JSON and pops exactly as the original would', () => {
    const rng = new RandomStreams('heap').stream('r');
    const q = new EventQueue();
    for (let i = 0; i < 300; i++) q.push(Math.floor(rng() * 50), 0, 7, i, -i);
    for (let i = 0; i < 100; i++) q.pop();
    const copy = EventQueue.restore(JSON.parse(JSON.stringify(q.state())));
    q.push(20, 0, 1, 999);
    copy.push(20, 0, 1, 999);
    expect(drain(copy)).toEqual(drain(q));
  });

  it('reports empty', () => {
    const q = new EventQueue();
    expect(q.pop()).toBe(false);
    expect(q.peekTime()).toBe(Infinity);
  });
});
