/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read scenario and KPI trees by path */
import { describe, expect, it } from 'vitest';
import { createEngine, restoreEngine } from '../sim/engineApi.ts';
import { scenarioSchema, type Scenario } from '../sim/scenario/scenarioSchema.ts';
import { loadScenario } from '../server/scenarioLoader.ts';
import type { World } from '../sim/engine/world.ts';
import type { Order } from '../sim/engine/entities.ts';
import { orderClass } from '../sim/flows/allocation/customerClass.ts';
import { backorderRetryOrder, sortByAllocationRule } from '../sim/flows/allocation/allocationOrder.ts';

const HOUR = 3_600_000;
const CLASSES = [
  { name: 'express', share: 0.2, priority: 1 },
  { name: 'standard', share: 0.8, priority: 2 },
];

/** forecast-small (wave release, packing, cut-offs) overloaded to 80 orders/h, as changed by `patch`. */
function site(patch: (raw: Record<string, any>) => void): Scenario {
  const raw = structuredClone(loadScenario('forecast-small').scenario) as unknown as Record<string, any>;
  raw['demand'].arrivals.ratePerHour = 80;
  patch(raw);
  return scenarioSchema.parse(raw);
}

function kpisOf(s: Scenario, hours = 24): Record<string, any> {
  const e = createEngine(s, { seed: '7' });
  e.runUntil(hours * HOUR);
  return e.kpis() as Record<string, any>;
}

/** A world stub with just what the comparisons read. */
function stub(classes: typeof CLASSES, allocation?: string[]): World {
  return { scenario: { demand: { customerClasses: classes }, rules: { allocation } } } as unknown as World;
}

const order = (id: number, promised: number, route: number, created = id): Order =>
  ({ id, promised, route, created }) as Order;

describe('customer classes', () => {
  it('are given by a hash of the order number, in the shares asked for; none without classes', () => {
    const w = stub(CLASSES);
    let express = 0;
    for (let id = 1; id <= 20_000; id++) if (orderClass(w, id) === 0) express++;
    expect(express / 20_000).toBeGreaterThan(0.19);
    expect(express / 20_000).toBeLessThan(0.21);
    expect(orderClass(w, 17)).toBe(orderClass(stub(CLASSES), 17));
    expect(orderClass(stub([]), 17)).toBe(-1);
  });

  it('move no random stream: classes alone change no KPI but add the per-class section', () => {
    const plain = kpisOf(
      site(() => {}),
      12,
    );
    const classed = kpisOf(
      site((r) => (r['demand'].customerClasses = CLASSES)),
      12,
    );
    const { customerClasses: section, ...rest } = classed;
    expect(rest).toEqual(plain);
    expect(plain['customerClasses']).toBeUndefined();
    const by = (section as { byClass: Record<string, { due: number }> }).byClass;
    expect(by['express']!.due + by['standard']!.due).toBe(plain['orders'].due);
  });

  it('a class promise changes its orders’ promised ship time', () => {
    const base = kpisOf(
      site((r) => (r['demand'].customerClasses = CLASSES)),
      12,
    )['customerClasses'].byClass;
    const k = kpisOf(
      site((r) => (r['demand'].customerClasses = [{ ...CLASSES[0], promiseHours: 30 }, CLASSES[1]])),
      12,
    )['customerClasses'].byClass;
    // Promised a day later (the promise is a route's cut-off on a day): fewer due, more on time.
    expect(k.express.due).toBeLessThan(base.express.due);
    expect(k.express.onTimeRate).toBeGreaterThan(base.express.onTimeRate);
  });
});

describe('rules.allocation', () => {
  it('sorts key by key, ties to the order number; the default backorder order is promise then age', () => {
    const w = stub(CLASSES);
    // Find an express and a standard order number.
    const ids = Array.from({ length: 50 }, (_, i) => i + 1);
    const ex = ids.find((id) => orderClass(w, id) === 0)!;
    const st = ids.filter((id) => orderClass(w, id) === 1);
    const os = [order(st[0]!, 300, 900), order(st[1]!, 100, 600), order(ex, 200, 900)];
    const idsOf = (list: Order[]) => list.map((o) => o.id);
    expect(idsOf(sortByAllocationRule(w, ['priority'], [...os]))[0]).toBe(ex);
    expect(idsOf(sortByAllocationRule(w, ['promisedShip'], [...os]))).toEqual([st[1], ex, st[0]]);
    expect(idsOf(sortByAllocationRule(w, ['route', 'promisedShip'], [...os]))).toEqual([st[1], ex, st[0]]);
    expect(idsOf(sortByAllocationRule(w, ['fifo'], [...os]))).toEqual([...idsOf(os)].sort((a, b) => a - b));
    expect(idsOf(backorderRetryOrder(w, [...os]))).toEqual([st[1], ex, st[0]]);
    expect(idsOf(backorderRetryOrder(stub(CLASSES, ['priority', 'promisedShip']), [...os]))).toEqual([
      ex,
      st[1],
      st[0],
    ]);
  });

  it('rejects unknown keys with their path', () => {
    const r = scenarioSchema.safeParse({
      ...structuredClone(loadScenario('forecast-small').scenario),
      rules: { allocation: ['vip'] },
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['rules', 'allocation', 0]);
  });

  it('priority first gets the urgent class out on time when pickers cannot keep up; fifo is the built-in', () => {
    const base = kpisOf(site((r) => (r['demand'].customerClasses = CLASSES)));
    const fifo = kpisOf(
      site((r) => {
        r['demand'].customerClasses = CLASSES;
        r['rules'].allocation = ['fifo'];
      }),
    );
    const prio = kpisOf(
      site((r) => {
        r['demand'].customerClasses = CLASSES;
        r['rules'].allocation = ['priority'];
      }),
    );
    expect(fifo).toEqual(base);
    const b = base['customerClasses'].byClass;
    const p = prio['customerClasses'].byClass;
    expect(p.express.onTimeRate).toBeGreaterThan(b.express.onTimeRate + 0.1);
    expect(p.express.lineFillRate).toBeGreaterThan(b.express.lineFillRate + 0.1);
    expect(p.standard.onTimeRate).toBeLessThan(b.standard.onTimeRate);
  }, 60_000);

  it('a checkpoint resumed with a rule and classes gives the same KPIs as an uninterrupted run', () => {
    const s = site((r) => {
      r['demand'].customerClasses = CLASSES;
      r['rules'].allocation = ['priority', 'route'];
    });
    const e1 = createEngine(s, { seed: '7' });
    e1.runUntil(9 * HOUR + 4321);
    const e2 = restoreEngine(s, JSON.parse(JSON.stringify(e1.snapshot())));
    e2.runUntil(14 * HOUR);
    expect(e2.kpis()).toEqual(kpisOf(s, 14));
  }, 60_000);
});
