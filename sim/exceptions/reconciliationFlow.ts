import { Priority } from '../engine/eventKinds.ts';
import type { World } from '../engine/world.ts';
import { IraTracker } from '../kpi/iraTracker.ts';
import { flagAnomalies } from '../analytics/varianceAnalysis.ts';
import { foldedWith } from '../analytics/countFold.ts';
import { unitCostOf } from '../engine/truthTally.ts';
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
    // Exact over the whole run from the truth tally (the truth log in memory is a window).
    const byCause: Record<string, { events: number; units: number; value: number }> = {};
    for (const [cause, c] of Object.entries(w.truthTally.byCause))
      byCause[cause] = { events: c.events, units: c.units, value: Math.round(c.value * 100) / 100 };
    const s = reconciliation.state(w);
    return {
      ...countAnalytics(w),
      iraByTruth: round(overall.ira),
      recordsCompared: overall.records,
      recordsWrong: overall.records - overall.agree,
      iraByTruthByZone: byZone,
      iraOverTime: s.iraSeries,
      exceptionsByCause: byCause,
      truthEvents: w.truthTally.events,
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
 * Reconciliation seen through the counts: adjustments by root cause, traceability, anomalies,
 * exact over the run: the counting flow's fold of the lines it let go plus the lines it holds,
 * and the truth tally's variance trace (the batch `traceVariances` kept as it goes).
 * (IRA as counted is the counting section's, computed once: see `iraAsCounted` in sim/kpi/ira.ts.)
 */
function countAnalytics(w: World): Record<string, unknown> {
  const cs = counting.peek(w);
  const fold = foldedWith(cs?.recordFold, cs?.records ?? [], unitCostOf(w.site));
  const tr = w.truthTally.trace;
  const detection = [...tr.detectionHours].sort((a, b) => a - b);
  const q = (p: number): number | null =>
    detection.length
      ? round(detection[Math.min(detection.length - 1, Math.ceil(p * detection.length) - 1)]!)
      : null;
  // Anomalies: workers whose truth-attributed errors are far above their peers' (per job done),
  // and zones whose counts find variances far more often than other zones' counts do.
  const errorsBy = w.truthTally.byWorker;
  const workers = w.workers
    .map((x) => ({
      group: x.code,
      events: errorsBy[x.code] ?? 0,
      opportunities: Object.values(x.stats.jobs).reduce((a, b) => a + b, 0),
    }))
    .filter((g) => g.opportunities > 0);
  return {
    adjustmentsByRootCause: fold.adjustments,
    variancesFound: tr.variancesFound,
    exceptionsFound: tr.claimed,
    exceptionsNotYetFound: tr.exceptions - tr.claimed,
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
      zones: flagAnomalies(
        fold.zones.map((z) => ({ group: z.zone, events: z.events, opportunities: z.opportunities })),
      ).map((a) => ({
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
