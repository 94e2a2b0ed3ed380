import { describe, expect, it } from 'vitest';
import type { ForecastArm, ForecastResult } from '../../sim/view/protocol.ts';
import { forecastText } from './forecastText.ts';

const HOUR = 3_600_000;

function arm(successes: number, lo: number, hi: number, backlog: number): ForecastArm {
  return {
    madeCutoff: { successes, n: 20, share: successes / 20, lo, hi },
    backlog: { mean: backlog, halfWidth: 4.2, lo: backlog - 4.2, hi: backlog + 4.2 },
    dueOpen: { mean: 1.5, halfWidth: 0.8, lo: 0.7, hi: 2.3 },
    replications: [],
  };
}

const base: ForecastResult = {
  id: 'r1/fc-1',
  runId: 'r1',
  from: 10.5 * HOUR,
  horizon: 12 * HOUR,
  horizonKind: 'cutoff',
  replications: 20,
  level: 0.95,
  change: null,
  asIs: arm(15, 0.53, 0.89, 340),
  changed: null,
  difference: null,
  elapsedMs: 4200,
  requestedBy: 'trainer',
};

describe('forecastText', () => {
  it('states the chance of making the cut-off with its interval, and the backlog with its half-width', () => {
    const t = forecastText(base);
    expect(t.headline).toBe('Cut-off 12:00: 75% make it (53%–89%)');
    expect(t.lines[0]).toBe('Backlog then: 340 ± 4.2 orders; due and open 1.5 ± 0.8');
    expect(t.lines.at(-1)).toBe('20 replications from 10:30, 95% intervals, 4.2 s');
    expect(t.tone).toBe('warn');
  });

  it('for a change, leads with the changed arm and says what the paired difference shows', () => {
    const t = forecastText({
      ...base,
      change: { addWorkers: { role: 'picker', count: 2 } },
      changed: arm(19, 0.76, 0.99, 300),
      difference: {
        madeCutoff: { mean: 0.2, halfWidth: 0.19, lo: 0.01, hi: 0.39, verdict: 'higher' },
        backlog: { mean: -40, halfWidth: 60, lo: -100, hi: 20, verdict: 'no-difference-detected' },
      },
    });
    expect(t.headline).toBe('Cut-off 12:00: 95% make it (76%–99%)');
    expect(t.lines[0]).toBe('With +2 pickers; as is: 75% make it, backlog 340 ± 4.2');
    expect(t.lines[2]).toBe(
      'Change vs as is (paired): cut-off +20% (higher), backlog -40 ± 60 (no difference detected at 95%)',
    );
    expect(t.tone).toBe('good');
  });
});
