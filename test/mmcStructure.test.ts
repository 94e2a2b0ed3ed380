import { describe, expect, it } from 'vitest';
import { scenarioSchema, type JournalEvent } from '../sim/index.ts';
import { createEngine, restoreEngine, type SimEngine as Engine } from '../sim/engineApi.ts';

// Structural counters of the M/M/10 hot path (not timings): once warmed up, the engine builds no
// new order, task or tour records and its in-flight tables stop growing, however long it runs.

const mmc10 = scenarioSchema.parse({
  schemaVersion: 1,
  name: 'mmc-structure',
  workers: [{ role: 'picker', count: 10 }],
  demand: { arrivals: { kind: 'poisson', ratePerHour: 540 }, linesPerOrder: 1, unitsPerLine: 1 },
  picking: { travel: 'none', serviceTime: { kind: 'exponential', mean: 60 } },
  people: { speedFactor: 1, taskFactor: 1 },
  inventory: { mode: 'unlimited' },
});

const HOUR = 3_600_000;

function counters(e: Engine) {
  const w = e.world;
  return {
    orders: w.pools.order.created,
    tasks: w.pools.task.created,
    tours: w.pools.pickTour.created,
    orderSlots: w.orders.capacity,
    taskSlots: w.tasks.capacity,
    releasedSlots: w.released.capacity,
    idleSlots: w.idle.capacity,
  };
}

describe('mmc hot path: records and tables after warm-up', () => {
  it('creates no new records and grows no table over 40,000 further customers', () => {
    const e = createEngine(mmc10, { seed: 3 });
    e.runUntil(40 * HOUR); // ~21,600 customers: long enough to see the queue's usual peaks
    const warm = counters(e);
    const served = e.world.kpi.waitCount;
    e.runUntil(115 * HOUR);
    const after = counters(e);
    expect(e.world.kpi.waitCount - served).toBeGreaterThan(40_000);
    // Pools build a record only when none is free: their totals are the peak of records alive
    // at once (tens), not the customers served (tens of thousands). A rare new queue peak may
    // add a few; per-customer allocation would add tens of thousands.
    for (const k of ['orders', 'tasks', 'tours'] as const) {
      expect(warm[k], k).toBeLessThan(200);
      expect(after[k] - warm[k], k).toBeLessThanOrEqual(20);
    }
    for (const k of ['orderSlots', 'taskSlots', 'releasedSlots', 'idleSlots'] as const) {
      expect(after[k], k).toBeLessThanOrEqual(Math.max(warm[k], 512));
    }
    expect(e.world.orders.size).toBeLessThan(200);
  });

  it('reuses records without leaking one customer into the next: resume equals an uninterrupted run', () => {
    const all: JournalEvent[] = [];
    const e1 = createEngine(mmc10, { seed: 4, journal: (x) => all.push(x) });
    e1.runUntil(6 * HOUR);
    const cut = all.length;
    // The resumed run starts with empty pools; the uninterrupted one reuses records by now.
    const snap = JSON.parse(JSON.stringify(e1.snapshot())) as unknown;
    e1.runUntil(12 * HOUR);
    const rest: JournalEvent[] = [];
    const e2 = restoreEngine(mmc10, snap, { journal: (x) => rest.push(x) });
    e2.runUntil(12 * HOUR);
    expect(e1.world.pools.order.created).toBeGreaterThan(0);
    expect(JSON.stringify(rest)).toBe(JSON.stringify(all.slice(cut)));
    expect(JSON.stringify(e2.snapshot())).toBe(JSON.stringify(e1.snapshot()));
    expect(e2.kpis()).toEqual(e1.kpis());
  });
});
