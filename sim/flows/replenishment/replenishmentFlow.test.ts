import { describe, expect, it } from 'vitest';
import { transition, initialTransition } from 'xstate';
import { type JournalEvent, type Kpis } from '../../index.ts';
import { createEngine, restoreEngine, type SimEngine as Engine } from '../../engineApi.ts';
import { iraByTruth } from '../../kpi/ira.ts';
import {
  replenishmentEvents as RE,
  replenishmentTaskMachine,
} from '../../machines/replenishmentTaskMachine.ts';
import { checkInvariants } from '../../../test/invariants.ts';
import { faceCapacity, faceLevels, faceOnHand, qtyAt } from './faceStock.ts';
import { replenishmentFlow } from './replenishmentFlow.ts';
import { replenishmentTable } from './replenishmentTask.ts';
import { replenishmentState } from './replenishmentState.ts';
import { smallSite } from './testScenario.ts';
import type { ReplenishmentKpis } from './replenishmentKpis.ts';
import type { CountingKpis } from '../counting/countingKpis.ts';
import { post } from '../../engine/applyEffects.ts';

const HOUR = 3_600_000;

function run(hours: number, seed?: number, over = {}): { e: Engine; journal: JournalEvent[] } {
  const journal: JournalEvent[] = [];
  const e = createEngine(smallSite(over), { seed, journal: (ev) => journal.push(ev) });
  e.runUntil(hours * HOUR);
  return { e, journal };
}

const text = (j: JournalEvent[]): string => j.map((ev) => JSON.stringify(ev)).join('\n');

describe('replenishment flow', () => {
  const { e, journal } = run(48);
  const k = e.kpis() as unknown as Kpis & { replenishment: ReplenishmentKpis; counting: CountingKpis };
  const r = k.replenishment;
  const w = e.world;

  it('keeps faces stocked: high fill rate, few short picks', () => {
    expect(k.lines.completed).toBeGreaterThan(2000);
    expect(k.lines.fillRate).toBeGreaterThan(0.97);
    expect(k.picking.shortPicks).toBeLessThan(0.01 * k.picking.linesPicked);
    expect(r.completed).toBeGreaterThan(40);
    expect(r.unitsMoved).toBeGreaterThan(0);
    // Pickers mostly pick at faces.
    const byZone = k.picking.linesByZone as Record<string, number>;
    expect(byZone['F']!).toBeGreaterThan(0.9 * k.picking.linesPicked);
  });

  it('every task is completed, cancelled, closed short, or still open', () => {
    const t = r.triggered;
    const total = t['min-max'] + t.wave + t.emergency;
    expect(total).toBe(r.completed + r.cancelled + r.closedShort + r.open);
    const s = replenishmentState(w);
    for (const task of Object.values(s.open)) expect(replenishmentTable().final[task.state]).toBe(0);
    expect(journal.filter((ev) => ev.type === 'replenishment.confirmed')).toHaveLength(r.completed);
  });

  it('response time is positive and minutes-scale', () => {
    const m = r.responseMinutes!;
    expect(m.median).toBeGreaterThan(0.5);
    expect(m.mean).toBeLessThan(60);
    expect(m.p90).toBeGreaterThanOrEqual(m.median);
  });

  it('moves stock through the truck, never over a face capacity, conserving every SKU in both ledgers', () => {
    expect(checkInvariants(e, journal)).toEqual([]);
    expect(iraByTruth(w.system, w.physical).ira).toBe(1);
    for (const rec of w.system.all()) expect(rec.qty).toBeGreaterThan(0);
    for (const item of w.site.items) {
      const face = w.site.forwardBinOf[item.index]!;
      if (face < 0) continue;
      const code = w.site.layout!.bins[face]!.code;
      expect(qtyAt(w.system, code, item.sku)).toBeLessThanOrEqual(faceCapacity(w, item.index));
      expect(qtyAt(w.physical, code, item.sku)).toBeLessThanOrEqual(faceCapacity(w, item.index));
    }
    const up = journal.find((ev) => ev.type === 'replenishment.pickedUp')!;
    expect(up.toBin).toMatch(/^MHE-/);
    expect(up.statusFrom).toBe('available');
    // Confirmed drops go to forward faces only, from a truck.
    for (const ev of journal.filter((x) => x.type === 'replenishment.confirmed')) {
      expect(ev.bin).toMatch(/^MHE-/);
      expect(w.site.layout!.bins[w.site.binIndex.get(ev.toBin!)!]!.type).toBe('forward');
    }
    // Both replenishers and putaway drivers did replenishments.
    const jobs = (role: string) =>
      w.workers.filter((x) => x.role === role).reduce((a, x) => a + (x.stats.jobs['replenish'] ?? 0), 0);
    expect(jobs('replenisher')).toBeGreaterThan(0);
    expect(jobs('putaway')).toBeGreaterThan(0);
  });

  it('counts post with zero variance while the ledgers stay equal', () => {
    const c = k.counting;
    expect(c.posted).toBeGreaterThan(50);
    expect(c.adjustments).toBe(0);
    expect(c.iraAsCounted).toBe(1);
    expect(journal.filter((ev) => ev.type === 'adjustment.posted')).toHaveLength(0);
    for (const ev of journal.filter((x) => x.type === 'count.posted'))
      expect(ev.reason).toMatch(/variance 0$/);
  });

  it('is deterministic: same seed, same journal bytes; another seed differs', () => {
    const a = text(run(12, 3).journal);
    expect(text(run(12, 3).journal)).toBe(a);
    expect(text(run(12, 4).journal)).not.toBe(a);
  });

  it('a checkpoint mid-run, through JSON, resumes to the same journal and KPIs', () => {
    const whole = run(30, 5);
    const first: JournalEvent[] = [];
    const e1 = createEngine(smallSite(), { seed: 5, journal: (ev) => first.push(ev) });
    e1.runUntil(14 * HOUR + 12_345);
    expect(Object.keys(replenishmentState(e1.world).open).length + first.length).toBeGreaterThan(0);
    const snap = JSON.parse(JSON.stringify(e1.snapshot()));
    const rest: JournalEvent[] = [];
    const e2 = restoreEngine(smallSite(), snap, { journal: (ev) => rest.push(ev) });
    e2.runUntil(30 * HOUR);
    expect(text([...first, ...rest])).toBe(text(whole.journal));
    expect(e2.kpis()).toEqual(whole.e.kpis());
  });

  it('triggers at wave release when waves are used', () => {
    const { e: ew, journal: jw } = run(24, 2, { release: { policy: 'wave', waveMinutes: 60 } });
    const rw = (ew.kpis() as unknown as { replenishment: ReplenishmentKpis }).replenishment;
    expect(rw.triggered.wave).toBeGreaterThan(0);
    expect(checkInvariants(ew, jw)).toEqual([]);
  });

  it('a source gone at reserve is redirected to another reserve bin', () => {
    const journal2: JournalEvent[] = [];
    const e2 = createEngine(smallSite(), { seed: 7, journal: (ev) => journal2.push(ev) });
    const w2 = e2.world;
    const travelling = replenishmentTable().state('"travellingToReserve"');
    let t = 0;
    let task;
    while (!task && t < 24 * HOUR) {
      t += 10_000;
      e2.runUntil(t);
      task = Object.values(replenishmentState(w2).open).find((x) => x.state === travelling);
    }
    expect(task).toBeDefined();
    // Someone moves the source pallet elsewhere in reserve (scanned, so both ledgers see it).
    const src = w2.site.layout!.bins[task!.source]!.code;
    const sku = w2.site.items[task!.item]!.sku;
    const spare = w2.site.layout!.bins.find(
      (b) => b.type === 'reserve' && ![...w2.system.all()].some((x) => x.bin === b.code),
    )!;
    const qty = w2.system.qty(src, sku, task!.lot, 'available');
    post(w2, {
      type: 'scan.move',
      site: w2.site.name,
      bin: src,
      toBin: spare.code,
      sku,
      lot: task!.lot || undefined,
      baseQty: qty,
      statusFrom: 'available',
      statusTo: 'available',
    });
    e2.runUntil(t + 2 * HOUR);
    const s = replenishmentState(w2);
    expect(s.shortAtReserve).toBeGreaterThanOrEqual(1);
    expect(s.redirected + s.closedShort).toBeGreaterThanOrEqual(1);
    expect(s.open[task!.id]).toBeUndefined();
    expect(checkInvariants(e2, journal2)).toEqual([]);
  });

  it('a picker at an empty face waits for an emergency replenishment that jumps the queue', () => {
    const e3 = createEngine(smallSite(), { seed: 9 });
    e3.runUntil(6 * HOUR);
    const w3 = e3.world;
    const s = replenishmentState(w3);
    const item = w3.site.items.find(
      (i) => w3.site.forwardBinOf[i.index]! >= 0 && s.byFace[w3.site.forwardBinOf[i.index]!] === undefined,
    )!;
    const face = w3.site.forwardBinOf[item.index]!;
    // A face below max without an open task: the hook raises an emergency one, first in line.
    if (faceOnHand(w3, item.index) >= faceLevels(w3, item.index).max) {
      const code = w3.site.layout!.bins[face]!.code;
      const lot = w3.system.recordsOf(item.sku).find((x) => x.bin === code && x.status === 'available')!.lot;
      post(w3, {
        type: 'scan.move',
        site: w3.site.name,
        bin: code,
        toBin: w3.site.packBin,
        sku: item.sku,
        lot: lot || undefined,
        baseQty: 1,
        statusFrom: 'available',
        statusTo: 'available',
      });
    }
    const picker = w3.workers.find((x) => x.role === 'picker')!;
    expect(replenishmentFlow.emptyFace!(w3, picker, face, item.sku)).toBe(true);
    const id = s.byFace[face]!;
    expect(s.open[id]!.trigger).toBe('emergency');
    if (s.queue.includes(id)) expect(s.queue[0]).toBe(id);
    // Not a face of this item: no wait.
    expect(replenishmentFlow.emptyFace!(w3, picker, face + 1000, item.sku)).toBe(false);
  });
});

describe('replenishment task paths used by the flow are legal in the statechart', () => {
  const paths: [string[], string][] = [
    [
      [RE.assigned, RE.travelStarted, RE.reservePicked, RE.forwardTravelStarted, RE.dropped, RE.confirmed],
      'done',
    ],
    [
      [
        RE.assigned,
        RE.travelStarted,
        RE.shortAtReserve,
        RE.redirected,
        RE.reservePicked,
        RE.forwardTravelStarted,
        RE.dropped,
        RE.confirmed,
      ],
      'done',
    ],
    [[RE.assigned, RE.travelStarted, RE.shortAtReserve, RE.abandoned], 'closedShort'],
    [[RE.assigned, RE.travelStarted, RE.cancelled], 'cancelled'],
    [[RE.cancelled], 'cancelled'],
  ];
  it.each(paths)('%j ends in %s (XState and the compiled table agree)', (events, end) => {
    let [snap] = initialTransition(replenishmentTaskMachine, undefined);
    const m = replenishmentTable();
    let n = m.initial;
    for (const type of events) {
      expect(snap.can({ type: type as never })).toBe(true);
      [snap] = transition(replenishmentTaskMachine, snap, { type: type as never });
      n = m.next[n * m.events.length + m.event(type)]!;
      expect(m.states[n]).toBe(JSON.stringify(snap.value));
    }
    expect(snap.value).toBe(end);
    expect(snap.status).toBe('done');
  });
});
