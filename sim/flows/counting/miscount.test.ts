import { describe, expect, it } from 'vitest';
import { type JournalEvent, type TruthEvent } from '../../index.ts';
import { createEngine } from '../../engineApi.ts';
import { traceVariances } from '../../analytics/varianceAnalysis.ts';
import { smallSite } from '../replenishment/testScenario.ts';
import { countingState } from './countingState.ts';
import type { CountingKpis } from './countingKpis.ts';
import type { CountRecord } from '../../analytics/countRecord.ts';
import { checkInvariants } from '../../../test/invariants.ts';

const HOUR = 3_600_000;

/** smallSite with three counters (a recount needs another person), many counts, no exceptions. */
function run(rate: number, hours = 144) {
  const site = smallSite({
    workers: [
      { role: 'picker', count: 3, speed: 1.1, prefix: 'pick' },
      { role: 'replenisher', count: 1, speed: 1.5, prefix: 'repl' },
      { role: 'putaway', count: 1, speed: 1.5, prefix: 'put' },
      { role: 'counter', count: 3, speed: 1.2, prefix: 'cnt' },
    ],
    counting: {
      countsPerDay: 600,
      window: { start: '00:00', end: '23:59' },
      days: [0, 1, 2, 3, 4, 5, 6],
      miscount: { rate, caseSlipShare: 0.3 },
    },
  });
  const journal: JournalEvent[] = [];
  const truth: TruthEvent[] = [];
  const e = createEngine(site, { seed: 5, journal: (ev) => journal.push(ev), truth: (t) => truth.push(t) });
  e.runUntil(hours * HOUR);
  const k = (e.kpis() as unknown as { counting: CountingKpis }).counting;
  return { e, k, journal, truth, records: countingState(e.world).records };
}

/** First-count lines in bins no earlier count has adjusted: there system = physical, so any difference is a miscount. */
function cleanFirstLines(records: readonly CountRecord[]): CountRecord[] {
  const dirty = new Set<string>();
  const out: CountRecord[] = [];
  for (const r of records) {
    if (!dirty.has(r.bin) && r.first) out.push(r);
    if (r.adjustment !== 0) dirty.add(r.bin);
  }
  // A line counted as zero where the system has nothing was not seen on the floor: not a counted line.
  return out.filter((r) => r.systemQty > 0);
}

describe('counters miscount at the scenario rate', () => {
  it('with rate 0 every count equals the floor', () => {
    const { e, k, journal, records } = run(0, 48);
    expect(records.length).toBeGreaterThan(500);
    for (const r of records) expect(r.countedQty).toBe(r.systemQty);
    expect(k.miscounts.wrong).toBe(0);
    expect(k.adjustments).toBe(0);
    expect(k.iraAsCounted).toBe(1);
    expect(checkInvariants(e, journal)).toEqual([]);
  });

  it('with rate p the share of wrong lines is p within its binomial bounds, and recounts catch the ones out of tolerance', () => {
    const p = 0.08;
    const { e, k, journal, records } = run(p);
    const clean = cleanFirstLines(records);
    const n = clean.length;
    expect(n).toBeGreaterThan(1500);
    const wrong = clean.filter((r) => r.countedQty !== r.systemQty);
    const bound = 4 * Math.sqrt((p * (1 - p)) / n);
    expect(Math.abs(wrong.length / n - p)).toBeLessThan(bound);
    expect(Math.abs(k.miscounts.wrong / k.miscounts.linesCounted - p)).toBeLessThan(
      4 * Math.sqrt((p * (1 - p)) / k.miscounts.linesCounted),
    );
    // Some slips are case-vs-each: off by more than the plain 1–3 units.
    expect(wrong.some((r) => Math.abs(r.countedQty - r.systemQty) > 3)).toBe(true);
    // Every wrong first count that fell out of tolerance went to a recount by another counter.
    const recounted = new Map<string, CountRecord>();
    for (const r of records) if (!r.first) recounted.set(r.count, r);
    const out = wrong.filter((r) => !r.within);
    expect(out.length).toBeGreaterThan(20);
    const open = new Set(
      Object.values(countingState(e.world).open).map((d) => `CC${String(d.id).padStart(7, '0')}`),
    );
    const voided = new Set(journal.filter((x) => x.type === 'count.voided').map((x) => x.docs!.count!));
    for (const r of out) {
      const again = recounted.get(r.count);
      // No recount record: still waiting, or the recount was voided by a move and raised afresh.
      if (!again) expect(open.has(r.count) || voided.has(r.count)).toBe(true);
      else expect(again.counter).not.toBe(r.counter);
    }
    expect(k.miscounts.caught).toBeGreaterThanOrEqual(out.length - open.size);
    // Small slips on big quantities pass tolerance and reach the system: that is how counts themselves cause error.
    expect(k.miscounts.posted).toBeGreaterThan(0);
    expect(k.miscounts.caught + k.miscounts.posted + k.miscounts.voided).toBeLessThanOrEqual(
      k.miscounts.wrong,
    );
    expect(k.iraAsCounted!).toBeLessThan(1);
    expect(checkInvariants(e, journal)).toEqual([]);
  });

  it('a miscount posted to the system is in the truth log, so the drift it leaves can be traced', () => {
    // No exception rates: every gap between the ledgers starts with a counter's posted error.
    const { e, k, journal, truth, records } = run(0.08, 96);
    expect(k.miscounts.posted).toBeGreaterThan(0);
    const made = truth.filter((t) => t.cause === 'miscount');
    expect(made.length).toBeGreaterThan(0);
    expect(made.length).toBeLessThanOrEqual(k.miscounts.posted);
    for (const t of made) {
      expect(t.changes).toEqual([]);
      expect(t.role).toBe('counter');
      expect(t.ref).toMatch(/^CC\d+$/);
      expect(t.delta.length).toBe(1);
      expect(t.delta[0]!.delta).not.toBe(0);
      // The adjustment it rode on was posted by that count, at that time.
      const adj = journal.find(
        (x) => x.type === 'adjustment.posted' && x.docs?.count === t.ref && x.t === t.t,
      );
      expect(adj?.bin).toBe(t.bin);
      expect(adj?.sku).toBe(t.sku);
    }
    // Every storage record now off was made off by a posted miscount (or what followed from one).
    const miscounted = new Set(made.map((t) => t.bin));
    const w = e.world;
    for (const r of w.physical.all()) {
      if (!w.site.pickable(r.bin)) continue;
      if (
        w.system.qty(r.bin, r.sku, r.lot, 'available') + w.system.qty(r.bin, r.sku, r.lot, 'allocated') !==
        r.qty
      )
        expect(miscounted.has(r.bin), `${r.bin} ${r.sku} off with no miscount there`).toBe(true);
    }
    // A later count that finds the error traces it to the miscount, never to the count that made it.
    const { found } = traceVariances(
      truth,
      records.filter((r) => r.first),
    );
    const traced = found.flatMap((f) => f.made.map((m) => ({ ...m, count: f.count })));
    expect(traced.some((m) => m.cause === 'miscount')).toBe(true);
    const madeBy = new Map(made.map((t) => [t.id, t.ref]));
    for (const m of traced) expect(madeBy.get(m.truth)).not.toBe(m.count);
    expect(checkInvariants(e, journal, truth)).toEqual([]);
  });
});
