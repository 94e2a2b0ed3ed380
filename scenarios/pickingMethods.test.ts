import { describe, expect, it } from 'vitest';
import { type JournalEvent, type TruthEvent } from '../sim/index.ts';
import { createEngine, type SimEngine as Engine } from '../sim/engineApi.ts';
import { loadScenario } from '../server/scenarioLoader.ts';
import { checkInvariants } from '../test/invariants.ts';
import { zoneDropPoint } from '../sim/flows/picking/pickTour.ts';

const HOUR = 3_600_000;

interface Run {
  engine: Engine;
  journal: JournalEvent[];
  truth: TruthEvent[];
}

/** Runs a shipped scenario with its journal and truth log, checking the invariants on the way. */
function run(name: string, hours: number, checkAt: number[] = []): Run {
  const { scenario } = loadScenario(name);
  const journal: JournalEvent[] = [];
  const truth: TruthEvent[] = [];
  const engine = createEngine(scenario, { journal: (e) => journal.push(e), truth: (t) => truth.push(t) });
  for (const h of [...checkAt, hours]) {
    engine.runUntil(h * HOUR);
    expect(checkInvariants(engine, journal, truth), `${name} at ${h} h`).toEqual([]);
  }
  return { engine, journal, truth };
}

describe('zone picking (demo-dc-zone)', () => {
  const { engine, journal } = run('demo-dc-zone', 23, [6, 10, 14]);
  const w = engine.world;
  const zoneOf = new Map(w.workers.map((x) => [x.code, x.zone]));

  it('runs both shifts of a day, shipping orders on every route', () => {
    const k = engine.kpis();
    expect(k.orders.shipped + k.orders.shortShipped).toBeGreaterThan(300);
  });

  it('a picker picks only lines of their own zone', () => {
    const picks = journal.filter((e) => e.type === 'pick.confirmed');
    expect(picks.length).toBeGreaterThan(1000);
    for (const p of picks)
      expect(p.bin!.split('-')[0], `${p.id} by ${p.actor!.worker}`).toBe(zoneOf.get(p.actor!.worker));
  });

  it('orders spanning zones are picked in one tour per zone and consolidated before packing', () => {
    const zonesByOrder = new Map<string, Set<string>>();
    for (const e of journal)
      if (e.type === 'pick.confirmed')
        (
          zonesByOrder.get(e.docs!.order!) ?? zonesByOrder.set(e.docs!.order!, new Set()).get(e.docs!.order!)!
        ).add(e.bin!.split('-')[0]!);
    const consolidated = journal.filter((e) => e.type === 'order.consolidated');
    expect(consolidated.length).toBeGreaterThan(10);
    expect(engine.kpis().picking.ordersConsolidated).toBe(consolidated.length);
    const packedAt = new Map(
      journal.filter((e) => e.type === 'order.packed').map((e) => [e.docs!.order!, e.t]),
    );
    for (const c of consolidated) {
      const order = c.docs!.order!;
      expect(zonesByOrder.get(order)!.size, order).toBe(c.qty);
      if (packedAt.has(order)) expect(packedAt.get(order)!).toBeGreaterThanOrEqual(c.t);
    }
    // Every multi-zone order that was picked was consolidated.
    const picked = new Set(journal.filter((e) => e.type === 'order.picked').map((e) => e.docs!.order!));
    const multi = [...zonesByOrder].filter(([o, z]) => z.size > 1 && picked.has(o)).map(([o]) => o);
    expect(new Set(consolidated.map((c) => c.docs!.order!))).toEqual(new Set(multi));
  });

  it('zone tours end at the zone drop point, not the central depot', () => {
    let pickers = 0;
    for (const x of w.workers) {
      // After the shift every zone picker who worked stands where their last tour ended.
      if (x.zone === null || x.job !== null || x.stats.linesPicked === 0) continue;
      pickers++;
      const drop = zoneDropPoint(w, x.zone);
      expect([x.x, x.y], x.code).toEqual([drop.x, drop.y]);
      expect(w.site.layout!.bins.some((b) => b.zone === x.zone && b.x === drop.x && b.y === drop.y)).toBe(
        true,
      );
    }
    expect(pickers).toBeGreaterThan(10);
  });

  it("every open task is queued in its zone or on a picker's tour (no line dropped)", () => {
    const queued = new Set(
      Object.values(
        w.flow['picking'] ? (w.flow['picking'] as { zoneQueues: Record<string, number[]> }).zoneQueues : {},
      ).flat(),
    );
    const onTour = new Set(
      w.workers.flatMap((x) => (x.job?.kind === 'pick' ? x.job.steps.map((s) => s.arg) : [])),
    );
    for (const t of w.tasks.values()) expect(queued.has(t.id) || onTour.has(t.id), `task ${t.id}`).toBe(true);
  });
});

describe('cluster picking is not batch picking', () => {
  const cluster = run('demo-dc-cluster', 14, [8]);
  const batch = run('demo-dc-batch', 14);
  const kc = cluster.engine.kpis().picking;
  const kb = batch.engine.kpis().picking;

  it("cluster: several orders a tour, each line put into its order's tote, nothing sorted at pack", () => {
    const tours = cluster.journal.filter((e) => e.type === 'tour.started');
    const orders = tours.reduce((a, e) => a + Number(e.reason!.split(' ')[0]), 0);
    const sizes = tours.map((e) => Number(e.reason!.split(' ')[0]));
    expect(orders / tours.length).toBeGreaterThan(1.5);
    expect(Math.max(...sizes)).toBe(6);
    expect(kc.totePuts).toBeGreaterThan(1000);
    // Tote puts = lines assigned to tours; the tours still in hand at the end are not yet picked.
    expect(kc.totePuts).toBeGreaterThanOrEqual(kc.linesPicked);
    expect(kc.linesSortedAtPack).toBe(0);
  });

  it('batch: picks summed across orders at a bin, then sorted to orders at pack; no totes', () => {
    expect(kb.totePuts).toBe(0);
    expect(kb.linesSortedAtPack).toBeGreaterThan(1000);
    expect(kb.stops).toBeLessThan(kb.linesPicked);
  });
});

describe('wave release (demo-dc-waves)', () => {
  const { engine, journal } = run('demo-dc-waves', 14, [7]);

  it('orders wait for the next wave and are released together at wave times', () => {
    const allocated = new Map<string, number>();
    for (const e of journal) if (e.type === 'order.allocated') allocated.set(e.docs!.order!, e.t);
    const released = journal.filter((e) => e.type === 'order.released');
    expect(released.length).toBeGreaterThan(300);
    for (const e of released) {
      expect(e.t % HOUR, e.id).toBe(0);
      expect(e.docs!.wave, e.id).toMatch(/^WV\d{5}$/);
      expect(e.t, e.id).toBe((Math.floor(allocated.get(e.docs!.order!)! / HOUR) + 1) * HOUR);
    }
    const waves = journal.filter((e) => e.type === 'wave.released');
    expect(waves.reduce((a, e) => a + e.qty!, 0)).toBe(released.length);
    expect(engine.kpis().wait.meanSeconds).toBeGreaterThan(0);
    // No tour takes an order before its wave.
    const releasedAt = new Map(released.map((e) => [e.docs!.order!, e.t]));
    for (const e of journal)
      if (e.type === 'pick.confirmed') expect(e.t).toBeGreaterThanOrEqual(releasedAt.get(e.docs!.order!)!);
  });
});

describe('picking above reach height', () => {
  const high = (e: Engine, id: number): boolean => {
    const t = e.world.tasks.get(id);
    return (
      t !== undefined &&
      t.bin >= 0 &&
      e.world.site.layout!.bins[t.bin]!.level > e.world.scenario.picking.reach.maxLevel
    );
  };
  const tight = (maxLevel: number) => {
    const { scenario } = loadScenario('demo-dc');
    const s = structuredClone(scenario);
    s.picking.reach.maxLevel = maxLevel;
    s.resources['orderPicker'] = 1;
    return createEngine(s);
  };

  it('is done only on tours holding the reach equipment, never more at once than the pool holds', () => {
    const e = tight(1);
    let withHigh = 0;
    for (let m = 10; m <= 14 * 60; m += 10) {
      e.runUntil(m * 60_000);
      expect(e.world.resources['orderPicker']!.inUse).toBeLessThanOrEqual(1);
      for (const x of e.world.workers) {
        const job = x.job;
        if (job?.kind !== 'pick') continue;
        const needs = job.steps.some((st) => high(e, st.arg));
        if (needs) withHigh++;
        if (needs) expect(job.resources, x.code).toContain('orderPicker');
      }
    }
    expect(withHigh).toBeGreaterThan(10);
    const k = e.kpis();
    expect(k.picking.highPicks).toBeGreaterThan(100);
    expect(k.resources['orderPicker']).toBeGreaterThan(0.3);
  });

  it('costs time: with every level above A needing the one order picker, fewer lines get picked', () => {
    const constrained = tight(1);
    const free = tight(9);
    constrained.runUntil(14 * HOUR);
    free.runUntil(14 * HOUR);
    expect(free.kpis().picking.highPicks).toBe(0);
    expect(constrained.kpis().picking.linesPicked).toBeLessThan(free.kpis().picking.linesPicked * 0.9);
  });
});
