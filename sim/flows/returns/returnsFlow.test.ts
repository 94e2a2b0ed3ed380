import { describe, expect, it } from 'vitest';
import type { JournalEvent, Scenario, TruthEvent } from '../../index.ts';
import { createEngine, restoreEngine, type SimEngine } from '../../engineApi.ts';
import { injectException } from '../../exceptions/injectException.ts';
import { checkInvariants } from '../../../test/invariants.ts';
import { drawDisposition } from './disposition.ts';
import { returnsSchema, DISPOSITION_CODES } from './returnsSchema.ts';
import { returnsSite as siteOf } from './returnsSite.ts';
import { returnsSite } from './testSite.ts';
import type { returnsKpis } from './returnsKpis.ts';

const HOUR = 3_600_000;

type ReturnsKpis = NonNullable<ReturnType<typeof returnsKpis>>;

interface Run {
  e: SimEngine;
  journal: JournalEvent[];
  truth: TruthEvent[];
  k: ReturnsKpis;
}

function run(sc: Scenario, hours: number): Run {
  const journal: JournalEvent[] = [];
  const truth: TruthEvent[] = [];
  const e = createEngine(sc, { journal: (x) => journal.push(x), truth: (x) => truth.push(x) });
  e.runUntil(hours * HOUR);
  const k = (e.kpis() as unknown as { returns: ReturnsKpis }).returns;
  return { e, journal, truth, k };
}

const count = (j: readonly JournalEvent[], type: string): number => j.filter((x) => x.type === type).length;

describe('customer returns', () => {
  it('issues RMAs for shipped lines, receives them under quarantine, inspects and dispositions every code; both ledgers balance', () => {
    const { e, journal, truth, k } = run(returnsSite(), 72);
    expect(checkInvariants(e, journal, truth)).toEqual([]);
    expect(k.received).toBeGreaterThan(50);
    for (const c of DISPOSITION_CODES) expect(k.disposition.count[c], c).toBeGreaterThan(0);
    // Each received return is booked into a returns-area bin under quarantine, by a receiver.
    const area = new Set(siteOf(e.world).area.map((b) => e.world.site.layout!.bins[b]!.code));
    const received = journal.filter((x) => x.type === 'return.received');
    expect(received.length).toBe(k.received);
    for (const r of received) {
      expect(area.has(r.bin!), r.bin).toBe(true);
      expect(r.statusTo).toBe('quarantine');
      expect(r.actor?.role).toBe('receiver');
      expect(r.docs?.rma).toMatch(/^RMA\d{7}$/);
    }
    // Rework goes to the rework area and comes back available; restocks land in storage as available.
    const rework = new Set(siteOf(e.world).rework.map((b) => e.world.site.layout!.bins[b]!.code));
    for (const r of journal.filter((x) => x.type === 'return.reworkStarted'))
      expect(rework.has(r.toBin!)).toBe(true);
    for (const r of journal.filter((x) => x.type === 'return.restocked')) {
      expect(e.world.site.pickable(r.toBin!), r.toBin).toBe(true);
      expect(r.statusTo).toBe('available');
    }
    expect(count(journal, 'return.scrapped')).toBe(k.disposition.count.scrap);
    expect(count(journal, 'return.vendorReturned')).toBe(k.disposition.count.vendorReturn);
    expect(k.quarantineDwell.n).toBeGreaterThan(0);
    expect(k.quarantineDwell.p95Hours!).toBeGreaterThanOrEqual(k.quarantineDwell.meanHours! * 0.5);
    expect(k.disposition.value.scrap).toBeGreaterThan(0);
    // QC-rejected receipt lines do not stay in quarantine: each is shipped back or scrapped.
    const rejected = count(journal, 'receipt.rejected');
    expect(rejected).toBeGreaterThan(0);
    expect(k.qcRejects.vendorReturned + k.qcRejects.scrapped + k.qcRejects.awaitingDecision).toBe(rejected);
    expect(k.qcRejects.vendorReturned).toBeGreaterThan(0);
    expect(k.qcRejects.scrapped).toBeGreaterThan(0);
  }, 120_000);

  it('converges to the configured disposition distribution over a long run', () => {
    const weights = { restock: 0.4, rework: 0.3, vendorReturn: 0.2, scrap: 0.1 };
    const { k } = run(returnsSite({ share: 1, dispositions: weights }), 192);
    const n = k.inspected;
    expect(n).toBeGreaterThan(800);
    for (const c of DISPOSITION_CODES) {
      const p = weights[c];
      // Four standard errors: a wrong draw (a code skipped, weights misread) is far outside.
      expect(Math.abs(k.disposition.share[c] - p), c).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
    }
  }, 180_000);

  it('draws codes by weight, never one weighted zero', () => {
    const s = returnsSchema.parse({ dispositions: { restock: 1, rework: 0, vendorReturn: 1, scrap: 2 } });
    expect(drawDisposition(s, 0)).toBe('restock');
    expect(drawDisposition(s, 0.2499)).toBe('restock');
    expect(drawDisposition(s, 0.25)).toBe('vendorReturn');
    expect(drawDisposition(s, 0.4999)).toBe('vendorReturn');
    expect(drawDisposition(s, 0.5)).toBe('scrap');
    expect(drawDisposition(s, 0.9999999)).toBe('scrap');
    expect(() =>
      returnsSchema.parse({ dispositions: { restock: 0, rework: 0, vendorReturn: 0, scrap: 0 } }),
    ).toThrow(/some disposition needs a weight/);
  });

  it('resumes from a checkpoint exactly as an uninterrupted run', () => {
    const sc = returnsSite({}, { exceptions: { rates: { returnRestockedUninspected: 0.1 } } });
    const text = (evs: JournalEvent[]): string => evs.map((x) => JSON.stringify(x)).join('\n');
    const whole = run(sc, 40);
    const again = run(sc, 40);
    expect(text(again.journal)).toBe(text(whole.journal));
    const first: JournalEvent[] = [];
    const b = createEngine(sc, { journal: (x) => first.push(x) });
    b.runUntil(19 * HOUR + 17 * 60_000);
    const saved: unknown = JSON.parse(JSON.stringify(b.snapshot()));
    expect((saved as { flow: Record<string, unknown> }).flow['returns']).toBeDefined();
    const rest: JournalEvent[] = [];
    const c = restoreEngine(sc, saved, { journal: (x) => rest.push(x) });
    c.runUntil(40 * HOUR);
    expect(text([...first, ...rest])).toBe(text(whole.journal));
    expect(c.kpis()).toEqual(whole.e.kpis());
  }, 120_000);
});

describe('returns KPIs', () => {
  it('are absent without a returns section, and the same with the journal off (the posted hook needs no journal)', () => {
    const off = returnsSite();
    const { returns: _r, ...noReturns } = off;
    const plain = createEngine(noReturns as Scenario);
    plain.runUntil(6 * HOUR);
    expect(Object.keys(plain.kpis())).not.toContain('returns');
    const quiet = createEngine(off);
    quiet.runUntil(30 * HOUR);
    const { k } = run(off, 30);
    expect(k.received).toBeGreaterThan(0);
    expect((quiet.kpis() as unknown as { returns: ReturnsKpis }).returns).toEqual(k);
    expect(Object.keys(k)).toEqual([
      'rmasIssued',
      'rmasCancelled',
      'received',
      'unitsReceived',
      'mismatches',
      'inspected',
      'inProcess',
      'awaitingInspection',
      'disposition',
      'quarantineDwell',
      'restocksParked',
      'uninspectedRestocks',
      'qcRejects',
      'rework',
      'discrepancies',
    ]);
    expect(Object.keys(k.disposition)).toEqual(['share', 'count', 'units', 'value']);
    expect(Object.keys(k.quarantineDwell)).toEqual(['n', 'meanHours', 'p95Hours']);
  }, 60_000);
});

describe('returned goods put back in saleable stock before inspection', () => {
  it('puts the goods on the pick face unrecorded; the truth log explains the whole gap', () => {
    const sc = returnsSite({}, { exceptions: { rates: { returnRestockedUninspected: 0.5 } } });
    const { e, journal, truth, k } = run(sc, 48);
    const hits = truth.filter((t) => t.cause === 'returnRestockedUninspected');
    expect(hits.length).toBe(k.uninspectedRestocks);
    expect(hits.length).toBeGreaterThan(5);
    for (const t of hits) {
      // The system booked quarantine in the returns area; the units are available on the face.
      const up = t.delta.find((d) => d.delta > 0)!;
      const down = t.delta.find((d) => d.delta < 0)!;
      expect(up.status).toBe('available');
      expect(up.bin).toBe(t.bin);
      expect(down.status).toBe('quarantine');
      expect(up.delta).toBe(-down.delta);
      expect(t.worker).toMatch(/^rcv/);
    }
    expect(checkInvariants(e, journal, truth)).toEqual([]);
  }, 120_000);

  it('is on the trainer menu: an armed injection hits the next return received', () => {
    const sc = returnsSite();
    const truth: TruthEvent[] = [];
    const e = createEngine(sc, { truth: (x) => truth.push(x) });
    e.runUntil(8 * HOUR);
    expect(truth.some((t) => t.cause === 'returnRestockedUninspected')).toBe(false);
    expect(injectException(e.world, 'returnRestockedUninspected').ok).toBe(true);
    e.runUntil(30 * HOUR);
    expect(truth.filter((t) => t.cause === 'returnRestockedUninspected').length).toBe(1);
  }, 60_000);
});

describe('where returns are received', () => {
  it('uses the staging bin nearest an inbound dock when the layout has no returns zone', () => {
    const base = returnsSite();
    const layout = structuredClone(base.layout) as { generate: { zones: { kind: string }[] } };
    layout.generate.zones = layout.generate.zones.filter((z) => z.kind !== 'returns');
    const sc = returnsSite({}, { layout: layout as never });
    const e = createEngine(sc);
    const area = siteOf(e.world).area;
    expect(area).toHaveLength(1);
    expect(e.world.site.layout!.bins[area[0]!]!.zone).toBe('S');
  });

  it('names the setting when a named zone is not in the layout', () => {
    expect(() => createEngine(returnsSite({ zone: 'ZZ' }))).toThrow(/returns\.zone: zone "ZZ" has no bins/);
  });
});
