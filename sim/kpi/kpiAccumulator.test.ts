import { describe, expect, it } from 'vitest';
import { kpiState, newKpiAccumulator, restoreKpi } from './kpiAccumulator.ts';

describe('KPI accumulator snapshot', () => {
  it('saves the wait series as a plain array and restores a copy that keeps appending', () => {
    const k = newKpiAccumulator();
    k.waits.push(1500);
    k.waits.push(20.25);
    k.ordersCreated = 2;
    const saved = JSON.parse(JSON.stringify(kpiState(k))) as ReturnType<typeof kpiState>;
    expect(saved.waits).toEqual([1500, 20.25]);
    const back = restoreKpi(saved);
    back.waits.push(7);
    expect(back.waits.toArray()).toEqual([1500, 20.25, 7]);
    expect(k.waits.length).toBe(2);
    expect(back.ordersCreated).toBe(2);
    expect(kpiState(restoreKpi(kpiState(k)))).toEqual(kpiState(k));
  });
});
