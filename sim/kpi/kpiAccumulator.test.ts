import { describe, expect, it } from 'vitest';
import { WAITS_WINDOW, kpiState, newKpiAccumulator, restoreKpi } from './kpiAccumulator.ts';

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

  it('holds at most WAITS_WINDOW order waits however long the run, and saves how many it let go', () => {
    // 2.5 windows of waits: ~110 simulated days of demo-dc (a wall screen's month at ×60 is 1,800).
    const k = newKpiAccumulator();
    const total = Math.round(2.5 * WAITS_WINDOW);
    for (let i = 0; i < total; i++) k.waits.push(i);
    expect(k.waits.length).toBeLessThanOrEqual(WAITS_WINDOW);
    expect(k.waits.length + k.waits.dropped).toBe(total);
    expect(k.waits.view().at(-1)).toBe(total - 1);
    const saved = JSON.parse(JSON.stringify(kpiState(k))) as ReturnType<typeof kpiState>;
    expect(saved.waitsDropped).toBe(k.waits.dropped);
    const back = restoreKpi(saved);
    back.waits.push(total);
    k.waits.push(total);
    expect(kpiState(back)).toEqual(kpiState(k));
    // A run that never filled the window saves no count (its snapshots are as before).
    expect('waitsDropped' in kpiState(newKpiAccumulator())).toBe(false);
  });
});
