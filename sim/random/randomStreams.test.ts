import { describe, expect, it } from 'vitest';
import { RandomStreams } from './randomStreams.ts';

describe('RandomStreams', () => {
  it('gives the same sequence for the same seed and purpose', () => {
    const a = new RandomStreams('42').stream('arrivals');
    const b = new RandomStreams('42').stream('arrivals');
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
  });

  it('keeps purposes independent of each other and of the seed', () => {
    const s = new RandomStreams('42');
    const x = s.stream('arrivals')();
    expect(s.stream('service')()).not.toBe(x);
    expect(new RandomStreams('43').stream('arrivals')()).not.toBe(x);
  });

  it('resumes exactly from saved JSON state', () => {
    const s = new RandomStreams('7');
    const r = s.stream('errors');
    for (let i = 0; i < 1000; i++) r();
    const saved = JSON.parse(JSON.stringify(s.state()));
    const expected = Array.from({ length: 10 }, () => r());
    const resumed = new RandomStreams('7', saved).stream('errors');
    expect(Array.from({ length: 10 }, () => resumed())).toEqual(expected);
  });
});
