import { describe, expect, it } from 'vitest';
import { FloatSeries } from './floatSeries.ts';

describe('FloatSeries', () => {
  it('keeps every value in order across growth, fractions exactly', () => {
    const s = new FloatSeries();
    const want: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const v = i % 3 === 0 ? i / 7 : i;
      s.push(v);
      want.push(v);
    }
    expect(s.length).toBe(1000);
    expect(s.toArray()).toEqual(want);
    expect(Array.from(s.view())).toEqual(want);
  });

  it('round-trips through its plain-array form and appends after it', () => {
    const s = new FloatSeries([1.5, 2, 3]);
    const back = new FloatSeries(s.toArray());
    back.push(4.25);
    expect(back.toArray()).toEqual([1.5, 2, 3, 4.25]);
    expect(s.length).toBe(3);
  });

  it('grows in place where buffers are resizable (no copy into fresh pages per doubling)', () => {
    const s = new FloatSeries();
    s.push(0.5);
    const first = s.view().buffer as ArrayBuffer & { resizable?: boolean };
    for (let i = 0; i < 5000; i++) s.push(i + 0.25);
    if (first.resizable === undefined) return; // a runtime without resizable ArrayBuffer grows by copy
    expect(s.view().buffer).toBe(first);
    expect(s.view()[0]).toBe(0.5);
    expect(s.view()[5000]).toBe(4999.25);
  });

  it('as a rolling window holds the newest max/2 … max values and counts the ones let go', () => {
    const s = new FloatSeries([], 10);
    for (let i = 0; i < 23; i++) s.push(i);
    // Full at 10: halves to the newest 5 on the next push, again at 10 (pushes 11 and 16 halve).
    expect(s.length).toBeLessThanOrEqual(10);
    expect(s.length).toBeGreaterThanOrEqual(5);
    expect(s.dropped + s.length).toBe(23);
    expect(s.toArray()).toEqual(Array.from({ length: s.length }, (_x, i) => 23 - s.length + i));
    const back = new FloatSeries(s.toArray(), 10, s.dropped);
    back.push(23);
    s.push(23);
    expect(back.toArray()).toEqual(s.toArray());
    expect(back.dropped).toBe(s.dropped);
    expect(() => new FloatSeries([], 1)).toThrow(/at least 2/);
  });
});
