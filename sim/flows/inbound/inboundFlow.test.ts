import { describe, expect, it } from 'vitest';
import { scenarioSchema, type JournalEvent, type Scenario, type ScenarioInput } from '../../index.ts';
import { createEngine, restoreEngine, type SimEngine as Engine } from '../../engineApi.ts';
import { compatible } from '../../engine/slotting.ts';
import { inboundSchema } from './inboundSchema.ts';
import type { InboundKpis } from './inboundKpis.ts';
import { buildOccupancy } from './binOccupancy.ts';
import { inboundState } from './inboundState.ts';
import { inboundMachines } from './inboundSite.ts';
import { supervision, type SupervisionState } from '../supervision/supervisorDesk.ts';
import demo from './fixtures/inbound-demo.json' with { type: 'json' };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A small tracked site with receiving, staging and QC areas, inbound doors and an inbound crew. */
function smallInbound(inbound: Record<string, unknown> = {}, reserveAisles = 4): Scenario {
  const s: ScenarioInput = {
    schemaVersion: 1,
    name: 'inbound-small',
    seed: 42,
    layout: {
      generate: {
        site: 'IN1',
        baysPerAisle: 12,
        bayWidth: 1.35,
        levels: 3,
        zones: [
          { id: 'F', name: 'Forward', kind: 'forward', aisles: 2, levels: 2 },
          { id: 'R', name: 'Reserve', kind: 'reserve', aisles: reserveAisles, levels: 4 },
          { id: 'C', name: 'Chiller', kind: 'cold', aisles: 1 },
          { id: 'H', name: 'Flammables', kind: 'hazmat', hazard: '3', aisles: 1, baysPerAisle: 6 },
          { id: 'RCV', name: 'Receiving', kind: 'receiving', bins: 2 },
          { id: 'S', name: 'Staging', kind: 'staging', bins: 4 },
          { id: 'Q', name: 'QC hold', kind: 'qc', bins: 2 },
          { id: 'P', name: 'Pack', kind: 'pack', bins: 2 },
          { id: 'SHP', name: 'Shipping', kind: 'ship', bins: 2 },
        ],
        docks: { inbound: 2, outbound: 2 },
      },
    },
    items: {
      generate: {
        count: 60,
        chilledShare: 0.1,
        frozenShare: 0,
        hazmatShare: 0.05,
        hazardClasses: ['3'],
        lotControlledShare: 0.4,
        eachSizeCm: [5, 20],
      },
    },
    shifts: [
      { id: 'early', start: '05:00', end: '13:30', days: [0, 1, 2, 3, 4] },
      { id: 'late', start: '13:00', end: '21:30', days: [0, 1, 2, 3, 4] },
    ],
    workers: [
      { role: 'picker', count: 3, speed: 1.1, prefix: 'pick' },
      { role: 'receiver', count: 2, prefix: 'rcv' },
      { role: 'putaway', count: 2, speed: 2, prefix: 'fke', shift: 'early' },
      { role: 'putaway', count: 2, speed: 2, prefix: 'fkl', shift: 'late' },
    ],
    resources: { forklift: 3, dockDoor: 2 },
    demand: {
      arrivals: { kind: 'poisson', ratePerHour: 12 },
      linesPerOrder: { kind: 'empirical', values: [1, 2, 3], weights: [5, 3, 2] },
      unitsPerLine: { kind: 'empirical', values: [1, 2, 4], weights: [6, 3, 1] },
    },
    picking: { serviceTime: { kind: 'lognormal', mean: 12, sd: 5 } },
    // Full faces and no lead time: these tests are about receiving and putaway on the first days.
    stock: { reservePallets: 1, opening: 'full' },
    inbound: {
      leadTimeDays: 0,
      trucksPerDay: [5, 5, 0, 0, 0, 0, 0],
      linesPerPo: { kind: 'empirical', values: [2, 4, 6], weights: [1, 2, 1] },
      casesPerLine: { kind: 'triangular', min: 2, mode: 8, max: 30 },
      qc: { share: 0.3, rejectShare: 0.3 },
      overrideShare: 0.15,
      ...inbound,
    },
  };
  return scenarioSchema.parse(s);
}

function run(sc: Scenario, until: number, seed?: number): { e: Engine; journal: JournalEvent[] } {
  const journal: JournalEvent[] = [];
  const e = createEngine(sc, { seed: seed ?? sc.seed, journal: (ev) => journal.push(ev) });
  e.runUntil(until);
  return { e, journal };
}

/** The inbound KPI section of a run. */
const inboundOf = (e: Engine): InboundKpis =>
  (e.kpis() as unknown as Record<string, unknown>)['inbound'] as InboundKpis;

const sum = (evs: JournalEvent[], type: string): number =>
  evs.filter((e) => e.type === type).reduce((a, e) => a + (e.baseQty ?? 0), 0);

function unitsOnHand(e: Engine, which: 'system' | 'physical'): number {
  let n = 0;
  for (const r of e.world[which].all()) n += r.qty;
  return n;
}

/** Storage bins over capacity and stock in a bin of the wrong temperature/hazard class. */
function violations(e: Engine): { over: string[]; incompatible: string[] } {
  const w = e.world;
  const layout = w.site.layout!;
  const itemIndex = new Map(w.site.items.map((i) => [i.sku, i.index]));
  const occ = buildOccupancy(layout, w.site.items, w.site.binIndex, itemIndex, w.physical.all(), []);
  const storage = (t: string): boolean => t === 'forward' || t === 'reserve' || t === 'floor';
  const over = occ
    .occupiedBins()
    .filter((b) => storage(layout.bins[b]!.type) && occ.overCapacity(b))
    .map((b) => layout.bins[b]!.code);
  const incompatible: string[] = [];
  for (const r of w.physical.all()) {
    const bin = w.site.binIndex.get(r.bin);
    if (bin === undefined || !storage(layout.bins[bin]!.type)) continue;
    if (!compatible(w.site.items[itemIndex.get(r.sku)!]!, layout.bins[bin]!)) incompatible.push(r.bin);
  }
  return { over, incompatible };
}

describe('inbound flow', () => {
  it('parses "inbound": {} with every default', () => {
    const d = inboundSchema.parse({});
    expect(d.trucksPerDay).toEqual([8, 8, 8, 8, 8, 2, 0]);
    expect(d.arrivalWindow).toEqual({ start: '05:00', end: '15:00' });
    expect(d.qc.share).toBeGreaterThan(0);
    expect(() => inboundSchema.parse({ trucksPerDay: [1, 2] })).toThrow();
  });

  it('receives, inspects and puts away every unit within hours, conserving stock in both ledgers', () => {
    const sc = smallInbound();
    const { e, journal } = run(sc, 2 * DAY + 12 * HOUR);
    const k = inboundOf(e);
    const received = sum(journal, 'receipt.lineReceived');
    const confirmed = sum(journal, 'putaway.confirmed');
    const rejected = sum(journal, 'receipt.rejected');
    // Ten POs on two days, consolidated per supplier onto trucks.
    expect(k.purchasing.posRaised).toBe(10);
    expect(k.receipts.arrived).toBe(k.receipts.scheduled);
    expect(k.receipts.arrived).toBeGreaterThanOrEqual(2);
    expect(k.receipts.arrived).toBeLessThan(10);
    expect(k.receipts.closed + k.receipts.rejected).toBe(k.receipts.arrived);
    expect(k.qc.held).toBeGreaterThan(0);
    expect(k.putaway.overrides).toBeGreaterThan(0);
    expect(received).toBe(k.unitsReceived);
    // Every received unit is in a storage bin (confirmed) or held in quarantine.
    expect(confirmed + rejected).toBe(received);
    const w = e.world;
    const kindOf = new Map(w.site.layout!.zones.map((z) => [z.id, z.kind]));
    for (const r of w.physical.all()) {
      const bin = w.site.binIndex.get(r.bin);
      expect(r.bin.startsWith('MHE-')).toBe(false);
      const kind = kindOf.get(w.site.layout!.bins[bin!]!.zone);
      expect(['receiving', 'staging']).not.toContain(kind);
      if (kind === 'qc') expect(r.status).toBe('quarantine');
    }
    // Dock-to-stock is hours, not days.
    expect(k.dockToStock.n).toBeGreaterThan(20);
    expect(k.dockToStock.p90Hours).toBeLessThan(8);
    expect(Object.keys(k.dockToStock.byShift).sort()).toEqual(['early', 'late']);
    // Conservation: on hand = opening + received − shipped, in both ledgers.
    const expected = sum(journal, 'stock.opening') + received - sum(journal, 'ship.confirmed');
    expect(unitsOnHand(e, 'system')).toBe(expected);
    expect(unitsOnHand(e, 'physical')).toBe(expected);
    expect(violations(e)).toEqual({ over: [], incompatible: [] });
    // The journal tells each override's story: directed bin, actual bin, reason.
    const ov = journal.find((ev) => ev.type === 'putaway.overrideApproved')!;
    expect(ov.bin).not.toBe(ov.toBin);
    expect(['blocked', 'bin-full']).toContain(ov.reason);
    const conf = journal.find((ev) => ev.type === 'putaway.confirmed' && ev.docs?.task === ov.docs?.task)!;
    expect(conf.toBin).toBe(ov.toBin);
    expect(conf.reason).toContain(`directed:${ov.bin}`);
    // Lines carry PO and supplier.
    expect(journal.find((ev) => ev.type === 'receipt.lineReceived')!.reason).toMatch(
      /^po:PO\d+(,PO\d+)* supplier:\w+/,
    );
    expect(k.dockDoors.utilisation).toBeGreaterThan(0);
    expect(k.dockDoors.resource).toBeGreaterThan(0);
  });

  it('mid-run: every receipt is closed, rejected or still in progress, and no stock is lost in between', () => {
    const sc = smallInbound();
    const { e, journal } = run(sc, DAY + 11 * HOUR);
    const st = inboundState(e.world);
    const m = inboundMachines().receipt;
    for (const r of Object.values(st.receipts)) expect(m.final[r.state]).toBe(0);
    const k = inboundOf(e);
    expect(k.receipts.closed + k.receipts.rejected + Object.keys(st.receipts).length).toBe(
      k.receipts.scheduled,
    );
    const expected =
      sum(journal, 'stock.opening') + sum(journal, 'receipt.lineReceived') - sum(journal, 'ship.confirmed');
    expect(unitsOnHand(e, 'system')).toBe(expected);
    expect(unitsOnHand(e, 'physical')).toBe(expected);
    expect(violations(e)).toEqual({ over: [], incompatible: [] });
  });

  it('an override request waits for the supervisor, who decides one at a time; the driver waits too', () => {
    const decideS = 600;
    const sc = smallInbound({
      overrideShare: 0.4,
      overrideApproveShare: 0.6,
      overrideApprovalTime: { kind: 'constant', value: decideS },
    });
    const { e, journal } = run(sc, 2 * DAY);
    const requests = journal.filter((ev) => ev.type === 'putaway.overrideRequested');
    const decisions = journal.filter(
      (ev) => ev.type === 'putaway.overrideApproved' || ev.type === 'putaway.overrideRejected',
    );
    expect(requests.length).toBeGreaterThan(10);
    const approved = decisions.filter((ev) => ev.type === 'putaway.overrideApproved').length;
    expect(approved).toBeGreaterThan(0);
    expect(approved).toBeLessThan(decisions.length);
    let queued = 0;
    for (const d of decisions) {
      const req = requests.find((r) => r.docs?.task === d.docs?.task && r.t <= d.t)!;
      expect(req, d.id).toBeDefined();
      // Decided no sooner than the supervisor's decision time after the request.
      expect(d.t - req.t, d.id).toBeGreaterThanOrEqual(decideS * 1000);
      if (d.t - req.t > decideS * 1000) queued++;
      // The driver does nothing else while waiting for the decision.
      const busy = journal.filter(
        (ev) => ev.actor?.worker === req.actor?.worker && ev.t > req.t && ev.t < d.t,
      );
      expect(busy, d.id).toEqual([]);
    }
    // One supervisor (the default): decisions are at least one decision time apart, and with
    // four drivers some requests queue for the supervisor.
    for (let i = 1; i < decisions.length; i++) {
      expect(decisions[i]!.t - decisions[i - 1]!.t).toBeGreaterThanOrEqual(decideS * 1000);
    }
    expect(queued).toBeGreaterThan(0);
    const k = inboundOf(e);
    expect(k.putaway.overrideRequests).toBe(requests.length);
    expect(k.putaway.overrides + k.putaway.overridesRejected).toBe(decisions.length);
    expect(k.putaway.overrideWait.meanS!).toBeGreaterThanOrEqual(decideS);
    expect(k.putaway.overrideWait.maxS).toBeGreaterThan(decideS);
    const sup = (e.kpis() as unknown as Record<string, Record<string, unknown>>)['supervision']!;
    expect(sup['decisions']).toBe(decisions.length);
    expect(sup['utilisation']).toBeGreaterThan(0);
    // A rejected driver puts the unit in the directed bin or takes it back to staging.
    for (const d of decisions.filter((ev) => ev.type === 'putaway.overrideRejected')) {
      const next = journal.find(
        (ev) =>
          ev.docs?.task === d.docs?.task &&
          ev.t >= d.t &&
          (ev.type === 'putaway.confirmed' || ev.type === 'putaway.returned'),
      );
      if (next?.type === 'putaway.confirmed') expect(next.toBin).toBe(d.bin);
      else if (next) expect(next.type).toBe('putaway.returned');
    }
  });

  it('a checkpoint taken while drivers wait for the supervisor resumes to the same journal', () => {
    const sc = smallInbound({ overrideShare: 0.5, overrideApprovalTime: { kind: 'constant', value: 900 } });
    const end = DAY + 12 * HOUR;
    const text = (evs: JournalEvent[]): string => evs.map((ev) => JSON.stringify(ev)).join('\n');
    const whole = run(sc, end);
    const first: JournalEvent[] = [];
    const e1 = createEngine(sc, { journal: (ev) => first.push(ev) });
    // Step to a moment with a decision being made and another request queued behind it.
    let t = 6 * HOUR;
    const desk = (): SupervisionState | undefined => supervision.peek(e1.world);
    while (t < end && !((desk()?.deciding.length ?? 0) > 0 && (desk()?.waiting.length ?? 0) > 0)) {
      t += 60_000;
      e1.runUntil(t);
    }
    expect(desk()!.waiting.length).toBeGreaterThan(0);
    expect(e1.world.workers.some((x) => x.suspended && x.role === 'putaway')).toBe(true);
    const snap = JSON.parse(JSON.stringify(e1.snapshot()));
    const rest: JournalEvent[] = [];
    const e2 = restoreEngine(sc, snap, { journal: (ev) => rest.push(ev) });
    e2.runUntil(end);
    expect(text([...first, ...rest])).toBe(text(whole.journal));
    expect(e2.kpis()).toEqual(whole.e.kpis());
  });

  it('parks tasks when no bin fits and retries them, never losing one', () => {
    const sc = smallInbound({ trucksPerDay: [6, 6, 0, 0, 0, 0, 0], qc: { share: 0 }, retryMinutes: 20 }, 1);
    const { e, journal } = run(sc, 2 * DAY + 12 * HOUR);
    const k = inboundOf(e);
    const st = inboundState(e.world);
    expect(k.putaway.parkedEver).toBeGreaterThan(0);
    expect(k.putaway.tasksCreated).toBe(k.putaway.tasksDone + Object.keys(st.tasks).length);
    for (const id of st.parked) expect(st.tasks[id]).toBeDefined();
    // What is not yet put away still sits in staging (or on the way).
    const parkedUnits = Object.values(st.tasks).reduce((a, t) => a + t.qty, 0);
    expect(sum(journal, 'putaway.confirmed') + parkedUnits).toBe(sum(journal, 'receipt.lineReceived'));
    expect(violations(e)).toEqual({ over: [], incompatible: [] });
  });

  it('is deterministic, and a checkpoint through JSON resumes to the same journal', () => {
    const sc = smallInbound();
    const end = 2 * DAY;
    const text = (evs: JournalEvent[]): string => evs.map((ev) => JSON.stringify(ev)).join('\n');
    const a = run(sc, end);
    const b = run(sc, end);
    expect(text(a.journal)).toBe(text(b.journal));
    expect(text(run(sc, end, 43).journal)).not.toBe(text(a.journal));
    for (const cut of [DAY + 9 * HOUR + 4321, 13 * HOUR + 77]) {
      const first: JournalEvent[] = [];
      const e1 = createEngine(sc, { journal: (ev) => first.push(ev) });
      e1.runUntil(cut);
      const snap = JSON.parse(JSON.stringify(e1.snapshot()));
      const rest: JournalEvent[] = [];
      const e2 = restoreEngine(sc, snap, { journal: (ev) => rest.push(ev) });
      e2.runUntil(end);
      expect(text([...first, ...rest])).toBe(text(a.journal));
      expect(e2.kpis()).toEqual(a.e.kpis());
    }
  });

  it('runs the inbound-demo fixture (demo-dc plus inbound blocks)', () => {
    const sc = scenarioSchema.parse(demo);
    const e = createEngine(sc);
    e.runUntil(16 * HOUR);
    const k = inboundOf(e);
    expect(k.receipts.arrived).toBeGreaterThan(3);
    expect(k.receipts.closed).toBeGreaterThan(0);
    expect(k.dockToStock.medianHours).toBeLessThan(4);
    expect(violations(e)).toEqual({ over: [], incompatible: [] });
  });
});

describe('inbound KPI series over a long run (issue 11)', () => {
  it('stay within retention.inboundSamples while n, means and maxima equal the run that keeps all', () => {
    const keepAll = smallInbound();
    const bounded: Scenario = {
      ...keepAll,
      retention: { countRecords: 40_000, truthEvents: 20_000, inboundSamples: 8 },
    };
    const a = run(keepAll, 15 * DAY).e;
    const b = run(bounded, 15 * DAY).e;
    const k = inboundState(b.world).kpi;
    expect(inboundState(a.world).kpi.dockToStock.length).toBeGreaterThan(30);
    for (const xs of [k.dockToStock, k.leadTimes, k.truckPallets, k.truckLines, ...Object.values(k.byZone)])
      expect(xs.length).toBeLessThanOrEqual(8);
    const ka = inboundOf(a);
    const kb = inboundOf(b);
    const whole = (x: InboundKpis) => ({
      n: x.dockToStock.n,
      mean: x.dockToStock.meanHours,
      zones: Object.fromEntries(
        Object.entries(x.dockToStock.byZone).map(([z, h]) => [z, [h.n, h.meanHours]]),
      ),
      lead: [x.purchasing.leadTimeDays.n, x.purchasing.leadTimeDays.mean],
      trucks: x.trucks,
    });
    expect(whole(kb)).toEqual(whole(ka));
    // A checkpoint past the windows resumes to the same run.
    const c = run(bounded, 7 * DAY).e;
    const d = restoreEngine(bounded, JSON.parse(JSON.stringify(c.snapshot())), { journal: () => {} });
    d.runUntil(15 * DAY);
    expect(JSON.stringify(d.snapshot())).toBe(JSON.stringify(b.snapshot()));
  });
});
