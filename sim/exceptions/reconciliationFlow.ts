import { Priority } from '../engine/eventKinds.ts';
import type { World } from '../engine/world.ts';
import { IraTracker } from '../kpi/iraTracker.ts';
import type { CountRecord } from '../analytics/countRecord.ts';
import { flagAnomalies, traceVariances } from '../analytics/varianceAnalysis.ts';
import { counting } from '../flows/counting/countingState.ts';
import { reconciliation } from './reconciliationState.ts';
import { schedule } from '../engine/applyEffects.ts';

const HOUR = 3_600_000;

/** Storage bins only: docks, staging and equipment in motion are transient, not records a count checks. */
export function storageBinFilter(w: World): (bin: string) => boolean {
  return (bin) => w.site.pickable(bin);
}

/**
 * Samples inventory record accuracy by truth every hour, so a run shows how accuracy decays
 * under exceptions and recovers under counting. Active whenever stock is tracked.
 */
export const reconciliationFlow = reconciliation.flow({
  start(w) {
    if (!w.tracked) return;
    sample(w);
    schedule(w, HOUR, Priority.arrival, reconciliation.ev.iraSample);
  },
  events: {
    iraSample: (w) => {
      sample(w);
      schedule(w, w.now + HOUR, Priority.arrival, reconciliation.ev.iraSample);
    },
  },
  kpis(w) {
    if (!w.tracked) return null;
    // Kept up to date from ledger changes; the site figure is the sum of the zones (zones partition the bins).
    const ira = iraOf(w);
    const byZone: Record<string, number | null> = {};
    let agree = 0;
    let records = 0;
    for (const z of w.site.layout!.zones) {
      const a = ira.of(z.id);
      if (a.records === 0) continue;
      byZone[z.id] = round(a.ira);
      agree += a.agree;
      records += a.records;
    }
    const overall = { ira: records > 0 ? agree / records : null, agree, records };
    const byCause: Record<string, { events: number; units: number; value: number }> = {};
    const cost = new Map(w.site.items.map((i) => [i.sku, i.unitCost]));
    for (const t of w.truth) {
      if (t.cause === 'consequence') continue;
      const c = (byCause[t.cause] ??= { events: 0, units: 0, value: 0 });
      c.events++;
      // Units and value of the gap as made: moves count once (what left the right place).
      const units =
        t.delta.filter((d) => d.delta < 0).reduce((a, d) => a - d.delta, 0) ||
        t.delta.reduce((a, d) => a + Math.abs(d.delta), 0);
      c.units += units;
      c.value += units * (cost.get(t.sku) ?? 0);
    }
    for (const c of Object.values(byCause)) c.value = Math.round(c.value * 100) / 100;
    const s = reconciliation.state(w);
    const counted = counting.peek(w)?.records ?? [];
    return {
      ...countAnalytics(w, counted),
      iraByTruth: round(overall.ira),
      recordsCompared: overall.records,
      recordsWrong: overall.records - overall.agree,
      iraByTruthByZone: byZone,
      iraOverTime: s.iraSeries,
      exceptionsByCause: byCause,
      truthEvents: w.truth.length,
    };
  },
});

const trackers = new WeakMap<World, IraTracker>();

/**
 * IRA by truth over storage bins, grouped by zone, following both ledgers. Derived state: built
 * from the ledgers on first use (after a restore too) and never saved.
 */
export function iraOf(w: World): IraTracker {
  let t = trackers.get(w);
  if (!t) {
    const include = storageBinFilter(w);
    const zoneOf = zoneOfBin(w);
    t = new IraTracker(w.system, w.physical, (bin) => (include(bin) ? (zoneOf.get(bin) ?? null) : null));
    trackers.set(w, t);
  }
  return t;
}

function sample(w: World): void {
  const a = iraOf(w).total();
  reconciliation.state(w).iraSeries.push([Math.round(w.now / HOUR), round(a.ira)]);
}

function round(x: number | null): number | null {
  return x === null ? null : Math.round(x * 1e5) / 1e5;
}

/**
 * Reconciliation seen through the counts: adjustments by root cause, traceability, anomalies.
 * (IRA as counted is the counting section's, computed once: see `iraAsCounted` in sim/kpi/ira.ts.)
 */
function countAnalytics(w: World, records: readonly CountRecord[]): Record<string, unknown> {
  const first = records.filter((r) => r.first);
  const byCount = new Map<string, boolean>();
  for (const r of first) byCount.set(r.count, (byCount.get(r.count) ?? true) && r.within);
  const adjustments: Record<string, { adjustments: number; units: number; value: number }> = {};
  const cost = new Map(w.site.items.map((i) => [i.sku, i.unitCost]));
  for (const r of records) {
    if (r.adjustment === 0) continue;
    const a = (adjustments[r.rootCause || 'UNKNOWN'] ??= { adjustments: 0, units: 0, value: 0 });
    a.adjustments++;
    a.units += Math.abs(r.adjustment);
    a.value = Math.round((a.value + Math.abs(r.adjustment) * (cost.get(r.sku) ?? 0)) * 100) / 100;
  }
  const { found, unfound } = traceVariances(w.truth, first);
  const detection = found.flatMap((f) => f.made.map((m) => m.detectionHours)).sort((a, b) => a - b);
  const q = (p: number): number | null =>
    detection.length
      ? round(detection[Math.min(detection.length - 1, Math.ceil(p * detection.length) - 1)]!)
      : null;
  // Anomalies: workers whose truth-attributed errors are far above their peers' (per job done),
  // and zones whose counts find variances far more often than other zones' counts do.
  const errorsBy = new Map<string, number>();
  for (const t of w.truth)
    if (t.cause !== 'consequence' && t.worker) errorsBy.set(t.worker, (errorsBy.get(t.worker) ?? 0) + 1);
  const workers = w.workers
    .map((x) => ({
      group: x.code,
      events: errorsBy.get(x.code) ?? 0,
      opportunities: Object.values(x.stats.jobs).reduce((a, b) => a + b, 0),
    }))
    .filter((g) => g.opportunities > 0);
  const zones = new Map<string, { events: number; opportunities: number }>();
  const zoneOfCount = new Map(first.map((r) => [r.count, r.zone]));
  for (const [count, within] of byCount) {
    const zone = zoneOfCount.get(count)!;
    const z = zones.get(zone) ?? { events: 0, opportunities: 0 };
    z.opportunities++;
    if (!within) z.events++;
    zones.set(zone, z);
  }
  return {
    adjustmentsByRootCause: adjustments,
    variancesFound: found.length,
    exceptionsFound: found.reduce((a, f) => a + f.made.length, 0),
    exceptionsNotYetFound: unfound,
    timeToDetectionHours: { n: detection.length, median: q(0.5), p90: q(0.9) },
    anomalies: {
      statistic:
        'one-sided two-proportion z-test of the group against all other groups pooled; flagged at z > 3 with at least 5 events',
      workers: flagAnomalies(workers).map((a) => ({
        ...a,
        rate: round(a.rate),
        peerRate: round(a.peerRate),
        z: round(a.z),
      })),
      zones: flagAnomalies([...zones.entries()].map(([group, z]) => ({ group, ...z }))).map((a) => ({
        ...a,
        rate: round(a.rate),
        peerRate: round(a.peerRate),
        z: round(a.z),
      })),
    },
  };
}

const zoneCache = new WeakMap<object, Map<string, string>>();

/** Zone id by bin code, built once per site (the layout never changes during a run). */
function zoneOfBin(w: World): Map<string, string> {
  let m = zoneCache.get(w.site);
  if (!m) {
    m = new Map(w.site.layout!.bins.map((b) => [b.code, b.zone]));
    zoneCache.set(w.site, m);
  }
  return m;
}
