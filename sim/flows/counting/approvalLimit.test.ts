import { describe, expect, it } from 'vitest';
import { createEngine } from '../../engineApi.ts';
import { smallSite } from '../replenishment/testScenario.ts';
import { stockKey } from './binStock.ts';
import { needsApproval } from './approvalLimit.ts';
import type { CountDoc } from './countingState.ts';

function doc(
  first: Record<string, number>,
  recount: Record<string, number>,
  system: Record<string, number>,
): CountDoc {
  return {
    id: 1,
    state: 0,
    bin: 0,
    created: 0,
    firstCounter: 0,
    counter: -1,
    started: 0,
    startSignature: '',
    reason: 'schedule',
    firstCounts: first,
    lastCounts: recount,
    lastSystem: system,
  };
}

describe('approval limit of a recount still out of tolerance', () => {
  const e = createEngine(smallSite({ counting: { review: { approvalLimit: 50 } } }), { seed: 3 });
  const item = e.world.site.items[0]!;
  const k = stockKey(item.sku, '');
  const units = (value: number): number => Math.floor(value / item.unitCost);

  it('a confirmed variance worth at most the limit posts without a signature', () => {
    const n = units(50);
    expect(n).toBeGreaterThan(0);
    expect(needsApproval(e.world, doc({ [k]: 100 - n }, { [k]: 100 - n }, { [k]: 100 }))).toBe(false);
  });

  it('a confirmed variance worth more than the limit waits for the controller', () => {
    const n = units(50) + 1;
    expect(needsApproval(e.world, doc({ [k]: 100 - n }, { [k]: 100 - n }, { [k]: 100 }))).toBe(true);
  });

  it('two blind counts that disagree always go to review, however small', () => {
    expect(needsApproval(e.world, doc({ [k]: 99 }, { [k]: 98 }, { [k]: 100 }))).toBe(true);
    // A line the first count found and the recount did not is a disagreement too.
    expect(needsApproval(e.world, doc({ [k]: 1 }, {}, {}))).toBe(true);
  });
});
