import { describe, expect, it } from 'vitest';
import { createEngine } from '../engineApi.ts';
import { smallSite } from '../flows/replenishment/testScenario.ts';
import { counting, type CountingState } from '../flows/counting/countingState.ts';
import { projectView } from './projection.ts';
import { BinFlag, type RunStatus } from './viewState.ts';

const run: RunStatus = { runId: 'r1', scenario: 'small', seed: '3', speed: 60, paused: false, until: null };

describe('bin counting flag', () => {
  it('is set on a bin while it has an open count request and cleared once the count closes', () => {
    const e = createEngine(smallSite(), { seed: 3 });
    const open = (): CountingState['open'] => counting.peek(e.world)?.open ?? {};
    // Until a count request is open.
    while (Object.keys(open()).length === 0 && e.now() < 24 * 3_600_000) e.runUntil(e.world.queue.peekTime());
    const doc = Object.values(open())[0]!;
    expect(doc).toBeDefined();
    const code = e.world.site.layout!.bins[doc.bin]!.code;
    const flagged = (): boolean => {
      const v = projectView(e, run, 0);
      const i = v.bins.code.indexOf(code);
      return (v.bins.status[i]! & BinFlag.counting) !== 0;
    };
    expect(flagged()).toBe(true);
    // Every bin flagged is one with an open request, and the reverse.
    const v = projectView(e, run, 0);
    const underCount = new Set(Object.values(open()).map((d) => e.world.site.layout!.bins[d.bin]!.code));
    const shown = v.bins.code.filter((_, i) => (v.bins.status[i]! & BinFlag.counting) !== 0);
    expect(new Set(shown)).toEqual(underCount);
    // Until that request is posted or voided (and no new one is open for the bin).
    const stillOpen = (): boolean => Object.values(open()).some((d) => d.bin === doc.bin);
    while (stillOpen() && e.now() < 48 * 3_600_000) e.runUntil(e.world.queue.peekTime());
    expect(stillOpen()).toBe(false);
    expect(flagged()).toBe(false);
  });
});
