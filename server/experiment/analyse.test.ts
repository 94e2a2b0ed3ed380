import { describe, expect, it } from 'vitest';
import { analyse, differenceWords } from './analyse.ts';
import type { ReplicationResult } from './replicationTask.ts';

const rep = (variant: number, replication: number, values: (number | null)[]): ReplicationResult => ({
  variant,
  replication,
  seed: `s-${replication + 1}`,
  values,
  eventsProcessed: 0,
});

describe('analyse', () => {
  // Two KPIs, baseline A and variant B, 4 paired replications; B's second KPI is undefined once.
  const reps = [
    rep(0, 0, [10, 1]),
    rep(0, 1, [12, 2]),
    rep(0, 2, [11, 3]),
    rep(0, 3, [13, 4]),
    rep(1, 3, [15, 8]),
    rep(1, 0, [11, 5]),
    rep(1, 1, [14, null]),
    rep(1, 2, [12, 7]),
  ];
  const out = analyse(
    [
      { path: 'x', goal: 'max', over: 'run' },
      { path: 'y', goal: undefined, over: 'run' },
    ],
    ['A', 'B'],
    0,
    4,
    reps,
    0.95,
  );

  it('pairs replication r of each variant, whatever order results arrived in', () => {
    const b = out[0]!.variants[1]!;
    expect(b.values).toEqual([11, 14, 12, 15]);
    // d = 1, 2, 1, 2 → mean 1.5 ± 3.182446305284263·√(1/3)/2.
    expect(b.vsBaseline!.mean).toBe(1.5);
    expect(b.vsBaseline!.halfWidth).toBeCloseTo(0.9186931155185393, 12);
    expect(b.vsBaseline!.verdict).toBe('higher');
    expect(out[0]!.variants[0]!.vsBaseline).toBeNull();
    expect(out[0]!.selection!.subset).toEqual([1]);
    expect(out[0]!.selectionText).toMatch(/^B has the highest mean, selected as best at 95% confidence/);
  });

  it('leaves undefined values out of the CI and out of the pairs', () => {
    const b = out[1]!.variants[1]!;
    expect(b.interval!.n).toBe(3);
    expect(b.interval!.mean).toBeCloseTo(20 / 3, 12);
    // Pairs from replications 1, 3, 4: d = 4, 4, 4.
    expect(b.vsBaseline!.n).toBe(3);
    expect(b.vsBaseline!.mean).toBe(4);
    expect(out[1]!.selection).toBeNull();
  });

  it('words a difference as a statistician would', () => {
    const d = out[0]!.variants[1]!.vsBaseline!;
    expect(differenceWords(d, 'B', 'A', 2)).toBe('B − A = +1.50 [+0.58, +2.42]: higher at 95%');
    expect(
      differenceWords({ ...d, mean: 0.1, lo: -0.2, hi: 0.4, verdict: 'no-difference-detected' }, 'B', 'A', 1),
    ).toBe('B − A = +0.1 [-0.2, +0.4]: no difference detected at 95%');
  });
});
