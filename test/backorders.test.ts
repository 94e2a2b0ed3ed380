import { describe, expect, it } from 'vitest';
import { type JournalEvent, type TruthEvent } from '../sim/index.ts';
import { createEngine, type SimEngine as Engine } from '../sim/engineApi.ts';
import { loadScenario } from '../server/scenarioLoader.ts';
import type { Scenario } from '../sim/scenario/scenarioSchema.ts';
import { checkInvariants } from './invariants.ts';
import { heldAfterShortPick } from '../sim/flows/picking/shortPickHold.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function run(scenario: Scenario, hours: number): { engine: Engine; journal: JournalEvent[] } {
  const journal: JournalEvent[] = [];
  const truth: TruthEvent[] = [];
  const engine = createEngine(scenario, { journal: (e) => journal.push(e), truth: (t) => truth.push(t) });
  engine.runUntil(hours * HOUR);
  expect(checkInvariants(engine, journal, truth)).toEqual([]);
  return { engine, journal };
}

const demo = (): Scenario => structuredClone(loadScenario('demo-dc').scenario);

describe('backorders', () => {
  it('are re-allocated when stock of one of their items becomes available', () => {
    const { engine, journal } = run(demo(), 120);
    const k = engine.kpis();
    expect(k.orders.backorders.created).toBeGreaterThan(0);
    expect(k.orders.backorders.reallocated).toBeGreaterThan(0);
    const backorderedAt = new Map<string, number>();
    for (const e of journal) if (e.type === 'order.backordered') backorderedAt.set(e.docs!.order!, e.t);
    const realloc = journal.filter((e) => e.type === 'order.allocated' && e.reason === 'backorder');
    expect(realloc.length).toBe(k.orders.backorders.reallocated);
    for (const r of realloc) {
      const order = r.docs!.order!;
      const since = backorderedAt.get(order);
      expect(since, order).toBeDefined();
      const skus = new Set(
        journal.filter((e) => e.type === 'stock.allocated' && e.docs?.order === order).map((e) => e.sku),
      );
      // Stock of one of its SKUs became available between the backorder and the re-allocation.
      const arrival = journal.find(
        (e) => e.statusTo === 'available' && skus.has(e.sku) && e.t >= since! && e.t <= r.t && e.seq < r.seq,
      );
      expect(arrival, order).toBeDefined();
    }
    // Nothing is left waiting that could have been allocated (stock held after a short pick is
    // not allocatable until a count settles it).
    for (const o of engine.world.orders.values()) {
      if (engine.world.machines.order.states[o.state] !== '"backordered"') continue;
      for (const l of o.lines) {
        const sku = engine.world.site.items[l.item]!.sku;
        const free = engine.world.system
          .recordsOf(sku)
          .some(
            (r) =>
              r.status === 'available' &&
              engine.world.site.pickable(r.bin) &&
              !heldAfterShortPick(engine.world, r.bin, r.sku, r.lot),
          );
        expect(free, `${o.id} ${sku}`).toBe(false);
      }
    }
  });

  it('are cancelled at the scenario-set age and count against fill rates', () => {
    const s = demo();
    s.demand.backorderCancelHours = 0.5;
    const { engine, journal } = run(s, 72);
    const k = engine.kpis();
    const created = new Map(
      journal.filter((e) => e.type === 'order.created').map((e) => [e.docs!.order!, e.t]),
    );
    const backordered = new Set(
      journal.filter((e) => e.type === 'order.backordered').map((e) => e.docs!.order!),
    );
    const cancelled = journal.filter((e) => e.type === 'order.cancelled');
    expect(cancelled.length).toBeGreaterThan(0);
    expect(k.orders.backorders.cancelled).toBe(cancelled.length);
    expect(k.orders.cancelled).toBe(cancelled.length);
    for (const c of cancelled) {
      const order = c.docs!.order!;
      expect(backordered.has(order), order).toBe(true);
      expect(c.t - created.get(order)!).toBe(0.5 * HOUR);
      expect(
        journal.some((e) => e.docs?.order === order && e.seq > c.seq),
        order,
      ).toBe(false);
    }
    expect(k.lines.cancelled).toBeGreaterThanOrEqual(cancelled.length);
    const o = k.orders;
    expect(o.due).toBeGreaterThanOrEqual(o.shipped + o.shortShipped + o.cancelled);
    expect(o.orderFillRate).toBeCloseTo(o.shipped / o.due, 5);
    // Cancelled lines are due and never filled (kpis round to 6 digits).
    expect(k.lines.fillRate!).toBeLessThanOrEqual(
      k.lines.shippedComplete / (k.lines.completed + k.lines.cancelled) + 1e-6,
    );
  });
});

describe('on-time shipment', () => {
  it('promises the cut-off of the order route on the promised day', () => {
    const s = demo();
    const { engine } = run(s, 30);
    const cutoffs = new Set(
      s.packing!.carrierDepartures.map((c) => Number(c.slice(0, 2)) * 60 + Number(c.slice(3))),
    );
    const routes = new Set<number>();
    expect(engine.world.orders.size).toBeGreaterThan(50);
    for (const o of engine.world.orders.values()) {
      routes.add(o.route);
      expect(cutoffs.has(o.route)).toBe(true);
      expect((o.promised % DAY) / 60_000).toBe(o.route);
      expect(s.packing!.departureDays).toContain(Math.floor(o.promised / DAY) % 7);
      // The promised day is the day `promiseHours` after creation (or the next departure day).
      expect(Math.floor(o.promised / DAY)).toBeGreaterThanOrEqual(Math.floor((o.created + 24 * HOUR) / DAY));
    }
    expect(routes.size).toBe(cutoffs.size);
  });

  it('counts only orders shipped complete by their promise, out of all orders due', () => {
    const s = demo();
    // Too few packers: orders miss their route's cut-off.
    s.workers = s.workers.map((g) => (g.role === 'packer' ? { ...g, count: 2 } : g));
    const { engine } = run(s, 72);
    const o = engine.kpis().orders;
    expect(o.shortShipped).toBeGreaterThan(0);
    expect(o.onTimeRate!).toBeLessThanOrEqual(o.shipped / o.due);
    // Late but complete shipments: filled, not on time.
    expect(o.onTimeRate!).toBeLessThan(o.orderFillRate!);
    expect(o.onTimeRate!).toBeLessThan(0.9);
  });
});
