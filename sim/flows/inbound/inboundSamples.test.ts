import { describe, expect, it } from 'vitest';
import { pushSample, type DroppedSamples } from './inboundSamples.ts';
import { hoursSummary } from './inboundKpis.ts';

describe('inbound sample windows (issue 11)', () => {
  it('keep the newest max/2 … max values and count, sum and max of the rest', () => {
    const holder: { dropped?: Record<string, DroppedSamples> } = {};
    const xs: number[] = [];
    const all: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const v = ((i * 7919) % 1013) * 3_600; // integer ms, no order in them
      all.push(v);
      pushSample(holder, 'd2s', xs, v, 40);
      expect(xs.length).toBeLessThanOrEqual(40);
    }
    const d = holder.dropped!['d2s']!;
    expect(xs.length).toBeGreaterThanOrEqual(20);
    expect(d.n + xs.length).toBe(all.length);
    expect(xs).toEqual(all.slice(-xs.length));
    expect(d.sum).toBe(all.slice(0, d.n).reduce((a, b) => a + b, 0));
    expect(d.max).toBe(Math.max(...all.slice(0, d.n)));
    // n and mean over the whole run; median and p90 over the window.
    const h = hoursSummary(xs, d);
    const full = hoursSummary(all);
    expect(h.n).toBe(full.n);
    expect(h.meanHours).toBe(full.meanHours);
    expect(h.medianHours).toBe(hoursSummary(xs).medianHours);
  });

  it('leave a series under its bound exactly as it was', () => {
    const holder: { dropped?: Record<string, DroppedSamples> } = {};
    const xs: number[] = [];
    for (let i = 0; i < 40; i++) pushSample(holder, 'x', xs, i, 40);
    expect(xs).toHaveLength(40);
    expect(holder.dropped).toBeUndefined();
  });
});
