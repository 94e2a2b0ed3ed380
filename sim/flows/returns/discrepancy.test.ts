import { describe, expect, it } from 'vitest';
import type { JournalEvent, TruthEvent } from '../../index.ts';
import { createEngine, restoreEngine, type SimEngine } from '../../engineApi.ts';
import { checkInvariants } from '../../../test/invariants.ts';
import { returnsSite } from './testSite.ts';
import { returnsState } from './returnsState.ts';
import { drawNoRmaDecision } from './noRmaDecision.ts';
import type { returnsKpis } from './returnsKpis.ts';

const HOUR = 3_600_000;

type Discrepancies = NonNullable<ReturnType<typeof returnsKpis>>['discrepancies'];

interface Run {
  e: SimEngine;
  journal: JournalEvent[];
  truth: TruthEvent[];
  k: Discrepancies;
}

/** The returns test site with only these discrepancies (no short returns), run `hours`. */
function run(discrepancies: Record<string, unknown>, hours = 36): Run {
  const sc = returnsSite({ mismatchShare: 0, discrepancies });
  const journal: JournalEvent[] = [];
  const truth: TruthEvent[] = [];
  const e = createEngine(sc, { journal: (x) => journal.push(x), truth: (x) => truth.push(x) });
  e.runUntil(hours * HOUR);
  const k = (e.kpis() as unknown as { returns: { discrepancies: Discrepancies } }).returns.discrepancies;
  return { e, journal, truth, k };
}

const byRma = (j: readonly JournalEvent[], type: string): Map<string, JournalEvent> =>
  new Map(j.filter((x) => x.type === type).map((x) => [x.docs!.rma!, x]));

/** The SKU shipped on each order line (what an RMA for it authorises). */
const shippedSku = (j: readonly JournalEvent[]): Map<string, string> =>
  new Map(
    j.filter((x) => x.type === 'ship.confirmed').map((x) => [`${x.docs!.order}/${x.docs!.line}`, x.sku!]),
  );

const costOf = (e: SimEngine, sku: string): number => e.world.site.items.find((i) => i.sku === sku)!.unitCost;
const round2 = (x: number): number => Math.round(x * 100) / 100;

describe('returns receipt discrepancies, one code at probability 1', () => {
  it('wrong item: every return brings the RMA quantity of another SKU, booked as it came, noted with the RMA SKU', () => {
    const { e, journal, truth, k } = run({ wrongItemShare: 1 });
    expect(checkInvariants(e, journal, truth)).toEqual([]);
    const issued = byRma(journal, 'rma.issued');
    const notes = byRma(journal, 'return.mismatchRecorded');
    const shipped = shippedSku(journal);
    const received = journal.filter((x) => x.type === 'return.received');
    expect(received.length).toBeGreaterThan(50);
    let value = 0;
    for (const r of received) {
      const rma = r.docs!.rma!;
      const note = notes.get(rma)!;
      expect(note.reason).toBe('discrepancy:wrong-item');
      expect(note.sku).toBe(shipped.get(`${r.docs!.order}/${r.docs!.line}`));
      expect(r.sku).not.toBe(note.sku);
      expect([r.baseQty, note.qty, r.statusTo, r.lot]).toEqual([
        issued.get(rma)!.qty,
        r.baseQty,
        'quarantine',
        undefined,
      ]);
      value += r.baseQty! * costOf(e, r.sku!);
    }
    // Its disposition books the SKU that came, not the RMA's.
    for (const d of journal.filter((x) => x.type === 'return.restocked' || x.type === 'return.scrapped'))
      expect(d.sku).toBe(received.find((r) => r.docs!.rma === d.docs!.rma)!.sku);
    expect(notes.size).toBe(received.length);
    expect(k.count).toEqual({ short: 0, wrongItem: received.length, over: 0, damaged: 0, noRma: 0 });
    expect(k.units.wrongItem).toBe(received.reduce((a, r) => a + r.baseQty!, 0));
    expect(k.value.wrongItem).toBeCloseTo(round2(value), 2);
  }, 120_000);

  it('over quantity: every return brings 1 to the RMA units more than authorised, all received, the extra noted', () => {
    const { e, journal, truth, k } = run({ overShare: 1 });
    expect(checkInvariants(e, journal, truth)).toEqual([]);
    const issued = byRma(journal, 'rma.issued');
    const notes = byRma(journal, 'return.mismatchRecorded');
    const received = journal.filter((x) => x.type === 'return.received');
    expect(received.length).toBeGreaterThan(50);
    let extra = 0;
    for (const r of received) {
      const authorised = issued.get(r.docs!.rma!)!.qty!;
      const note = notes.get(r.docs!.rma!)!;
      expect(note.reason).toBe('discrepancy:over');
      expect(note.qty).toBe(r.baseQty! - authorised);
      expect(note.qty).toBeGreaterThanOrEqual(1);
      expect(note.qty).toBeLessThanOrEqual(authorised);
      expect(r.statusTo).toBe('quarantine');
      extra += note.qty!;
    }
    expect(k.count.over).toBe(received.length);
    expect(k.units.over).toBe(extra);
    expect(k.count.wrongItem + k.count.damaged + k.count.noRma + k.count.short).toBe(0);
  }, 120_000);

  it('damaged: every return is booked damaged, never restocked as it is; rework makes it sound again', () => {
    const { e, journal, truth, k } = run({ damagedShare: 1 });
    expect(checkInvariants(e, journal, truth)).toEqual([]);
    expect(journal.filter((x) => x.type === 'return.received')).toEqual([]);
    const received = journal.filter((x) => x.type === 'return.receivedDamaged');
    expect(received.length).toBeGreaterThan(50);
    const issued = byRma(journal, 'rma.issued');
    const notes = byRma(journal, 'return.mismatchRecorded');
    for (const r of received) {
      expect([r.statusTo, r.baseQty]).toEqual(['damaged', issued.get(r.docs!.rma!)!.qty]);
      expect([notes.get(r.docs!.rma!)!.reason, notes.get(r.docs!.rma!)!.qty]).toEqual([
        'discrepancy:damaged',
        r.baseQty,
      ]);
    }
    const reasons = new Set(journal.filter((x) => x.type === 'return.inspected').map((x) => x.reason));
    expect([...reasons].sort()).toEqual(['rework', 'scrap', 'vendorReturn']);
    for (const t of ['return.vendorReturned', 'return.scrapped', 'return.reworkStarted', 'return.reworked'])
      for (const x of journal.filter((y) => y.type === t)) expect(x.statusFrom, t).toBe('damaged');
    for (const x of journal.filter((y) => y.type === 'return.reworkStarted'))
      expect(x.statusTo).toBe('damaged');
    for (const x of journal.filter((y) => y.type === 'return.reworked')) expect(x.statusTo).toBe('available');
    // Only reworked goods are restocked, and they are available by then.
    for (const x of journal.filter((y) => y.type === 'return.restocked')) expect(x.reason).toBe('reworked');
    expect(k.count.damaged).toBe(received.length);
    expect(k.units.damaged).toBe(received.reduce((a, r) => a + r.baseQty!, 0));
  }, 120_000);

  it('damaged returns follow their own disposition weights', () => {
    const { journal } = run(
      { damagedShare: 1, damagedDispositions: { rework: 0, vendorReturn: 0, scrap: 1 } },
      24,
    );
    const reasons = journal.filter((x) => x.type === 'return.inspected').map((x) => x.reason);
    expect(reasons.length).toBeGreaterThan(10);
    expect(new Set(reasons)).toEqual(new Set(['scrap']));
  }, 120_000);
});

describe('returns without an RMA', () => {
  const decided = (decision: 'accept' | 'refuse' | 'scrap'): Run =>
    run({ noRmaShare: 1, noRma: { accept: 0, refuse: 0, scrap: 0, [decision]: 1, decisionHours: 5 } });

  /** Every unauthorised receipt, checked: no RMA issued, held at once, decided exactly 5 h later by `type`. */
  function checkHeld(r: Run, type: string, reason: string | undefined): JournalEvent[] {
    const { e, journal, truth, k } = r;
    expect(checkInvariants(e, journal, truth)).toEqual([]);
    expect(journal.filter((x) => x.type === 'rma.issued' || x.type === 'rma.cancelled')).toEqual([]);
    const held = byRma(journal, 'return.unauthorisedHeld');
    const decisions = byRma(journal, type);
    const received = journal.filter((x) => x.type === 'return.received');
    expect(received.length).toBeGreaterThan(40);
    for (const x of received) {
      const rma = x.docs!.rma!;
      expect([x.reason, x.statusTo]).toEqual(['no-rma', 'quarantine']);
      expect([held.get(rma)!.t, held.get(rma)!.reason, held.get(rma)!.qty]).toEqual([
        x.t,
        'discrepancy:no-rma',
        x.baseQty,
      ]);
      const d = decisions.get(rma);
      if (x.t + 5 * HOUR > e.world.now) continue;
      expect(d, rma).toBeDefined();
      expect([d!.t, d!.reason]).toEqual([x.t + 5 * HOUR, reason]);
      if (d!.baseQty !== undefined)
        expect([d!.bin, d!.sku, d!.baseQty, d!.statusFrom]).toEqual([x.bin, x.sku, x.baseQty, 'quarantine']);
    }
    expect(k.count.noRma).toBe(received.length);
    expect(k.units.noRma).toBe(received.reduce((a, x) => a + x.baseQty!, 0));
    const due = received.filter((x) => x.t + 5 * HOUR <= e.world.now).length;
    expect(k.noRma.accepted + k.noRma.refused + k.noRma.scrapped).toBe(due);
    expect(k.noRma.awaitingDecision).toBe(received.length - due);
    return [...decisions.values()];
  }

  it('accepted: authorised late after the decision time, then inspected and dispositioned as any return', () => {
    const r = decided('accept');
    const late = checkHeld(r, 'return.authorisedLate', 'no-rma');
    expect(r.k.noRma.accepted).toBe(late.length);
    const inspected = byRma(r.journal, 'return.inspected');
    expect(inspected.size).toBeGreaterThan(20);
    for (const [rma, x] of inspected)
      expect(x.t).toBeGreaterThanOrEqual(late.find((l) => l.docs!.rma === rma)!.t);
  }, 120_000);

  it('refused: shipped back to the customer out of quarantine after the decision time', () => {
    const r = decided('refuse');
    const refused = checkHeld(r, 'return.refused', 'no-rma');
    expect(r.k.noRma.refused).toBe(refused.length);
    expect(r.k.noRma.refusedUnits).toBe(refused.reduce((a, x) => a + x.baseQty!, 0));
    expect(r.journal.filter((x) => x.type === 'return.inspected')).toEqual([]);
  }, 120_000);

  it('scrapped: written off with an adjustment document after the decision time', () => {
    const r = decided('scrap');
    const scrapped = checkHeld(r, 'return.scrapped', 'no-rma');
    expect(r.k.noRma.scrapped).toBe(scrapped.length);
    for (const x of scrapped) expect(x.docs!.adjustment).toMatch(/^AD\d{7}$/);
    const value = scrapped.reduce((a, x) => a + x.baseQty! * costOf(r.e, x.sku!), 0);
    expect(r.k.noRma.scrappedValue).toBeCloseTo(round2(value), 2);
  }, 120_000);

  it('draws the decision by weight, never one weighted zero', () => {
    const w = { accept: 1, refuse: 0, scrap: 3 };
    expect(drawNoRmaDecision(w, 0)).toBe('accept');
    expect(drawNoRmaDecision(w, 0.2499)).toBe('accept');
    expect(drawNoRmaDecision(w, 0.25)).toBe('scrap');
    expect(drawNoRmaDecision(w, 0.9999999)).toBe('scrap');
  });
});

describe('all discrepancy codes together', () => {
  const mixed = (): ReturnType<typeof returnsSite> =>
    returnsSite(
      {
        mismatchShare: 0.3,
        discrepancies: { wrongItemShare: 0.15, overShare: 0.15, damagedShare: 0.15, noRmaShare: 0.2 },
      },
      { exceptions: { rates: { returnRestockedUninspected: 0.1 } } },
    );

  it('resumes from a checkpoint taken mid-inspection with unauthorised returns held, exactly as an uninterrupted run', () => {
    const sc = mixed();
    const text = (evs: JournalEvent[]): string => evs.map((x) => JSON.stringify(x)).join('\n');
    const whole: JournalEvent[] = [];
    const a = createEngine(sc, { journal: (x) => whole.push(x) });
    a.runUntil(40 * HOUR);
    const first: JournalEvent[] = [];
    const b = createEngine(sc, { journal: (x) => first.push(x) });
    // Step to the first moment a receiver is inspecting while a return without an RMA is held.
    let at = 12 * HOUR;
    const inspecting = (): boolean => b.world.workers.some((x) => x.job?.kind === 'returnInspect');
    const held = (): boolean =>
      Object.values(returnsState(b.world).rmas).some(
        (r) => r.discrepancy === 'noRma' && r.received >= 0 && !r.authorisedLate,
      );
    do {
      at += 5 * 60_000;
      b.runUntil(at);
    } while (!(inspecting() && held()) && at < 39 * HOUR);
    expect(inspecting() && held()).toBe(true);
    const saved: unknown = JSON.parse(JSON.stringify(b.snapshot()));
    const rest: JournalEvent[] = [];
    const c = restoreEngine(sc, saved, { journal: (x) => rest.push(x) });
    c.runUntil(40 * HOUR);
    expect(text([...first, ...rest])).toBe(text(whole));
    expect(c.kpis()).toEqual(a.kpis());
    const k = (a.kpis() as unknown as { returns: { discrepancies: Discrepancies } }).returns.discrepancies;
    for (const code of ['short', 'wrongItem', 'over', 'damaged', 'noRma'] as const)
      expect(k.count[code], code).toBeGreaterThan(0);
  }, 180_000);

  it('keep both ledgers and the truth log consistent, with the injector on', () => {
    const journal: JournalEvent[] = [];
    const truth: TruthEvent[] = [];
    const e = createEngine(mixed(), { journal: (x) => journal.push(x), truth: (x) => truth.push(x) });
    e.runUntil(48 * HOUR);
    expect(checkInvariants(e, journal, truth)).toEqual([]);
    expect(truth.some((t) => t.cause === 'returnRestockedUninspected')).toBe(true);
  }, 120_000);

  it('refuse more than one code per return in the schema', () => {
    expect(() => returnsSite({ discrepancies: { wrongItemShare: 0.6, damagedShare: 0.5 } })).toThrow(
      /must not exceed 1/,
    );
  });
});
