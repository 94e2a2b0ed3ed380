import { describe, expect, it } from 'vitest';
import { Ledger } from '../inventory/ledger.ts';
import { countWithin, iraAsCounted, iraByTruth, withinTolerance } from './ira.ts';

describe('inventory record accuracy', () => {
  it('does not net offsetting errors: booked 100 + 100, really 95 + 105 is 0% accurate', () => {
    const system = new Ledger();
    const physical = new Ledger();
    system.add('A-01-01-A', 'X', '', 'available', 100);
    system.add('A-01-02-A', 'X', '', 'available', 100);
    physical.add('A-01-01-A', 'X', '', 'available', 95);
    physical.add('A-01-02-A', 'X', '', 'available', 105);
    expect(iraByTruth(system, physical)).toEqual({ ira: 0, agree: 0, records: 2 });
    // Two counts, one bin each.
    const counts = [
      [{ systemQty: 100, countedQty: 95, within: withinTolerance(100, 95, 1, 2) }],
      [{ systemQty: 100, countedQty: 105, within: withinTolerance(100, 105, 1, 2) }],
    ];
    expect(iraAsCounted({ within: counts.filter(countWithin).length, taken: counts.length })).toBe(0);
    // The netted total would have said 200 = 200.
    expect(counts.flat().reduce((a, v) => a + v.countedQty, 0)).toBe(200);
    // Nor do lines net inside one count: a bin with one line over and one under is out.
    expect(
      countWithin([
        { systemQty: 10, countedQty: 11, within: withinTolerance(10, 11, 5, 1) },
        { systemQty: 10, countedQty: 9, within: withinTolerance(10, 9, 5, 1) },
      ]),
    ).toBe(false);
    expect(iraAsCounted({ within: 3, taken: 4 })).toBe(0.75);
  });

  it('counts a record present in only one ledger as wrong, and agreeing records as right', () => {
    const system = new Ledger();
    const physical = new Ledger();
    system.add('B', 'X', 'L1', 'available', 10);
    physical.add('B', 'X', 'L1', 'available', 10);
    physical.add('C', 'X', 'L1', 'available', 3); // an unscanned move: the system has no record here
    system.add('D', 'Y', '', 'available', 4); // and a phantom the floor does not have
    expect(iraByTruth(system, physical)).toEqual({ ira: 1 / 3, agree: 1, records: 3 });
    expect(iraByTruth(system, physical, (b) => b === 'B')).toEqual({ ira: 1, agree: 1, records: 1 });
  });

  it('applies percentage and value thresholds per count', () => {
    expect(withinTolerance(100, 99, 1, 1)).toBe(true);
    expect(withinTolerance(100, 98, 1, 1)).toBe(false);
    expect(withinTolerance(100, 99, 1, 500, 100)).toBe(false);
    expect(withinTolerance(0, 0, 5, 1)).toBe(true);
    expect(withinTolerance(0, 1, 5, 1)).toBe(false);
    expect(iraAsCounted({ within: 0, taken: 0 })).toBeNull();
  });
});
