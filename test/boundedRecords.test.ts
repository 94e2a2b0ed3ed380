import { describe, expect, it } from 'vitest';
import type { TruthEvent } from '../sim/index.ts';
import { createEngine, restoreEngine } from '../sim/engineApi.ts';
import { smallSite } from '../sim/flows/replenishment/testScenario.ts';
import { countingState } from '../sim/flows/counting/countingState.ts';
import { traceVariances } from '../sim/analytics/varianceAnalysis.ts';
import type { CountRecord } from '../sim/analytics/countRecord.ts';
import type { Scenario } from '../sim/scenario/scenarioSchema.ts';

/**
 * Issue 11, bounded memory: a wall screen's run goes on for weeks of simulated time. The count
 * lines and the truth log in memory are windows (scenario `retention`), the KPIs come from exact
 * running aggregates. Here a small site runs many days with tiny windows, and everything a run
 * reports must equal the same run with every record kept.
 */

const HOUR = 3_600_000;
const DAYS = 12;
const SMALL = { countRecords: 300, truthEvents: 120, inboundSamples: 50 };

/** smallSite with many counts, miscounts and picking/spontaneous exceptions (lots of truth events). */
function site(retention?: typeof SMALL): Scenario {
  return smallSite({
    workers: [
      { role: 'picker', count: 3, speed: 1.1, prefix: 'pick' },
      { role: 'replenisher', count: 1, speed: 1.5, prefix: 'repl' },
      { role: 'putaway', count: 1, speed: 1.5, prefix: 'put' },
      { role: 'counter', count: 3, speed: 1.2, prefix: 'cnt' },
      { role: 'controller', count: 1, speed: 1, prefix: 'ctl' },
    ],
    counting: {
      countsPerDay: 150,
      window: { start: '00:00', end: '23:59' },
      days: [0, 1, 2, 3, 4, 5, 6],
      miscount: { rate: 0.05, caseSlipShare: 0.3 },
    },
    exceptions: {
      rates: { shrinkPerHour: 1, unscannedMovePerHour: 1, substitution: 0.05, wrongLot: 0.05 },
    },
    ...(retention ? { retention } : {}),
  });
}

/** Runs `days` with every truth event collected from the sink (the on-disk log's view). */
function run(scenario: Scenario, days = DAYS) {
  const truth: TruthEvent[] = [];
  const e = createEngine(scenario, { seed: 7, truth: (t) => truth.push(t) });
  e.runUntil(days * 24 * HOUR);
  return { e, truth };
}

type Recon = Record<string, unknown> & {
  truthEvents: number;
  exceptionsFound: number;
  variancesFound: number;
};

describe('bounded count lines and truth log (issue 11)', () => {
  const full = run(site());
  const small = run(site(SMALL));
  const fullRecords: CountRecord[] = countingState(full.e.world).records;

  it('the windows stay under their bounds while the run goes on past them', () => {
    const s = countingState(small.e.world);
    expect(fullRecords.length).toBeGreaterThan(4 * SMALL.countRecords);
    expect(full.truth.length).toBeGreaterThan(4 * SMALL.truthEvents);
    // At most max, plus the lines of counts still open (never let go while a posting may write them).
    const open = Object.keys(s.open).length;
    expect(s.records.length).toBeLessThanOrEqual(SMALL.countRecords + 10 * open);
    expect(s.recordsDropped! + s.records.length).toBe(fullRecords.length);
    expect(small.e.truth().length).toBeLessThanOrEqual(SMALL.truthEvents);
    expect(small.e.world.truthTally.dropped + small.e.truth().length).toBe(small.truth.length);
    // The window is the newest records, the same ones the full run holds at its end.
    expect(s.records).toEqual(fullRecords.slice(-s.records.length));
    expect(small.e.truth()).toEqual(full.truth.slice(-small.e.truth().length));
  });

  it('every KPI equals the run that keeps every record', () => {
    expect(JSON.stringify(small.e.kpis())).toBe(JSON.stringify(full.e.kpis()));
  });

  it('the aggregates equal a recomputation over every record', () => {
    const k = (small.e.kpis() as unknown as { reconciliation: Recon }).reconciliation;
    const first = fullRecords.filter((r) => r.first);
    const { found, unfound } = traceVariances(full.truth, first);
    expect(k.truthEvents).toBe(full.truth.length);
    expect(k.variancesFound).toBe(found.length);
    expect(k.exceptionsFound).toBe(found.reduce((a, f) => a + f.made.length, 0));
    expect(k['exceptionsNotYetFound']).toBe(unfound);
    expect(k.exceptionsFound).toBeGreaterThan(0);
    const adj: Record<string, number> = {};
    for (const r of fullRecords)
      if (r.adjustment !== 0) adj[r.rootCause || 'UNKNOWN'] = (adj[r.rootCause || 'UNKNOWN'] ?? 0) + 1;
    const got = k['adjustmentsByRootCause'] as Record<string, { adjustments: number }>;
    expect(Object.fromEntries(Object.entries(got).map(([c, a]) => [c, a.adjustments]))).toEqual(adj);
    const byCause: Record<string, number> = {};
    for (const t of full.truth) if (t.cause !== 'consequence') byCause[t.cause] = (byCause[t.cause] ?? 0) + 1;
    const causes = k['exceptionsByCause'] as Record<string, { events: number }>;
    expect(Object.fromEntries(Object.entries(causes).map(([c, a]) => [c, a.events]))).toEqual(byCause);
  });

  it('a checkpoint past the windows resumes to the same run, byte for byte', () => {
    const a = createEngine(site(SMALL), { seed: 7 });
    a.runUntil((DAYS / 2) * 24 * HOUR);
    const saved = JSON.parse(JSON.stringify(a.snapshot())) as unknown;
    const b = restoreEngine(site(SMALL), saved);
    b.runUntil(DAYS * 24 * HOUR);
    expect(JSON.stringify(b.snapshot())).toBe(JSON.stringify(small.e.snapshot()));
    expect(JSON.stringify(b.kpis())).toBe(JSON.stringify(small.e.kpis()));
  });

  it('a snapshot saved before the truth tally existed rebuilds it from its full truth log and count lines', () => {
    const a = createEngine(site(), { seed: 7 });
    a.runUntil((DAYS / 2) * 24 * HOUR);
    const saved = JSON.parse(JSON.stringify(a.snapshot())) as Record<string, unknown>;
    const tally = saved['truthTally'];
    delete saved['truthTally'];
    const b = restoreEngine(site(), saved);
    expect(b.world.truthTally).toEqual(tally);
    b.runUntil(DAYS * 24 * HOUR);
    expect(JSON.stringify(b.kpis())).toBe(JSON.stringify(full.e.kpis()));
  });
});
