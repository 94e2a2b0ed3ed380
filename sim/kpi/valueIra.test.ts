import { describe, expect, it } from 'vitest';
import { Ledger } from '../inventory/ledger.ts';
import { iraByTruth } from './ira.ts';
import { valueIra } from './valueIra.ts';

describe('value-weighted IRA', () => {
  it('weighs each record by its value, so one wrong expensive record costs more than a cheap one', () => {
    const system = new Ledger();
    const physical = new Ledger();
    const cost: Record<string, number> = { GOLD: 100, SAND: 1 };
    // Right: 10 SAND; wrong: GOLD booked 5, there 4; a phantom SAND record of 10; an unbooked GOLD of 1.
    system.add('A', 'SAND', '', 'available', 10);
    physical.add('A', 'SAND', '', 'available', 10);
    system.add('B', 'GOLD', '', 'available', 5);
    physical.add('B', 'GOLD', '', 'available', 4);
    system.add('C', 'SAND', '', 'available', 10);
    physical.add('D', 'GOLD', '', 'available', 1);
    const v = valueIra(system, physical, (s) => cost[s] ?? 0)!;
    expect(v).toBeCloseTo(10 / (10 + 500 + 10 + 100), 12);
    expect(iraByTruth(system, physical).ira).toBe(1 / 4);
    expect(
      valueIra(
        system,
        physical,
        (s) => cost[s] ?? 0,
        (bin) => bin === 'A',
      ),
    ).toBe(1);
    expect(valueIra(new Ledger(), new Ledger(), () => 1)).toBeNull();
  });
});
