import type { TruthEvent } from './truthRecord.ts';
import type { SiteModel } from './siteModel.ts';

const HOUR = 3_600_000;

/** What the reconciliation KPIs say per cause: events, units and value of the gap as made. */
export interface CauseTally {
  events: number;
  units: number;
  /** Unrounded sum in log order (the KPI rounds it when it reports). */
  value: number;
}

/**
 * The variance trace of `traceVariances` (sim/analytics/varianceAnalysis.ts) kept as it goes, so
 * the KPIs need neither the whole truth log nor every count record: a first count with a variance
 * claims the not-yet-found exceptions whose net effect touched its bin and item, exactly as the
 * batch trace does over the full log.
 */
export interface VarianceTraceState {
  /** Exceptions logged (consequences excluded). */
  exceptions: number;
  /** Exceptions a count has found. */
  claimed: number;
  /** First counts that found a difference. */
  variancesFound: number;
  /** Detection time of every claimed exception, hours (the KPI takes median and p90; 8 bytes each). */
  detectionHours: number[];
  /** Exceptions not yet found, by id: when, the count that made them (a miscount), the bin|sku keys they touched. */
  open: Record<string, { t: number; ref?: string; keys: string[] }>;
  /** Ids of open exceptions by bin|sku key, in log order. */
  byKey: Record<string, string[]>;
  /**
   * First counts with a variance at the latest count time: the batch trace lets a count find an
   * exception logged in the same millisecond after it (`t ≤`), so one logged later at that time
   * is offered to them first, in count order.
   */
  pending: { t: number; counts: { count: string; key: string }[] };
}

/** Exact running aggregates of the truth log, saved with the world, so the in-memory log can be a window. */
export interface TruthTallyState {
  /** Truth events logged in the whole run. */
  events: number;
  /** Events let go from the front of the in-memory log (the live run's truth.ndjson keeps all). */
  dropped: number;
  /** Exceptions by cause, in order of first appearance. */
  byCause: Record<string, CauseTally>;
  /** Exceptions attributed to each worker code. */
  byWorker: Record<string, number>;
  /** Cause of the latest exception whose net effect touched each bin (a controller's investigation). */
  lastCauseByBin: Record<string, string>;
  trace: VarianceTraceState;
}

/** A fresh tally (a new run). */
export function newTruthTally(): TruthTallyState {
  return {
    events: 0,
    dropped: 0,
    byCause: {},
    byWorker: {},
    lastCauseByBin: {},
    trace: {
      exceptions: 0,
      claimed: 0,
      variancesFound: 0,
      detectionHours: [],
      open: {},
      byKey: {},
      pending: { t: -1, counts: [] },
    },
  };
}

/** Adds one truth event; `cost` is the unit cost of a SKU (0 when unknown). */
export function tallyTruth(s: TruthTallyState, e: TruthEvent, cost: (sku: string) => number): void {
  s.events++;
  if (e.cause === 'consequence') return;
  const c = (s.byCause[e.cause] ??= { events: 0, units: 0, value: 0 });
  c.events++;
  // Units and value of the gap as made: moves count once (what left the right place).
  let out = 0;
  let abs = 0;
  for (const d of e.delta) {
    if (d.delta < 0) out -= d.delta;
    abs += Math.abs(d.delta);
  }
  const units = out || abs;
  c.units += units;
  c.value += units * cost(e.sku);
  if (e.worker) s.byWorker[e.worker] = (s.byWorker[e.worker] ?? 0) + 1;
  const keys: string[] = [];
  for (const d of e.delta) {
    s.lastCauseByBin[d.bin] = e.cause;
    const k = `${d.bin}|${d.sku}`;
    if (!keys.includes(k)) keys.push(k);
  }
  const tr = s.trace;
  tr.exceptions++;
  if (keys.length === 0) return;
  if (tr.pending.t === e.t) {
    for (const p of tr.pending.counts) {
      if (keys.includes(p.key) && e.ref !== p.count) {
        tr.claimed++;
        tr.detectionHours.push(0);
        return;
      }
    }
  }
  tr.open[e.id] = e.ref === undefined ? { t: e.t, keys } : { t: e.t, ref: e.ref, keys };
  for (const k of keys) (tr.byKey[k] ??= []).push(e.id);
}

/** A first count's line as the trace needs it. */
export interface TracedCount {
  count: string;
  t: number;
  bin: string;
  sku: string;
  /** Counted − booked. */
  variance: number;
}

/** Adds one first-count line: with a variance it finds every open exception on its bin and item. */
export function traceCount(s: TruthTallyState, c: TracedCount): void {
  if (c.variance === 0) return;
  const tr = s.trace;
  tr.variancesFound++;
  const key = `${c.bin}|${c.sku}`;
  const ids = tr.byKey[key];
  if (ids) {
    for (const id of [...ids]) {
      const ev = tr.open[id]!;
      // A miscount is found by a later count, never by the count that posted it.
      if (ev.t > c.t || ev.ref === c.count) continue;
      tr.claimed++;
      tr.detectionHours.push((c.t - ev.t) / HOUR);
      delete tr.open[id];
      for (const k of ev.keys) {
        const list = tr.byKey[k]!;
        list.splice(list.indexOf(id), 1);
        if (list.length === 0) delete tr.byKey[k];
      }
    }
  }
  if (tr.pending.t !== c.t) tr.pending = { t: c.t, counts: [] };
  tr.pending.counts.push({ count: c.count, key });
}

/**
 * The tally of a saved run that predates it: its truth log and first-count lines replayed in time
 * order, a truth event before a count of the same millisecond (the batch trace's `t ≤`).
 */
export function rebuildTruthTally(
  truth: readonly TruthEvent[],
  counts: readonly TracedCount[],
  cost: (sku: string) => number,
): TruthTallyState {
  const s = newTruthTally();
  let i = 0;
  for (const c of counts) {
    while (i < truth.length && truth[i]!.t <= c.t) tallyTruth(s, truth[i++]!, cost);
    traceCount(s, c);
  }
  while (i < truth.length) tallyTruth(s, truth[i++]!, cost);
  return s;
}

/** Lets go of the older half of `log` when it holds `max` events (one copy per max/2 events). */
export function trimTruthLog(s: TruthTallyState, log: TruthEvent[], max: number): void {
  if (log.length < max) return;
  const drop = log.length - Math.floor(max / 2);
  log.splice(0, drop);
  s.dropped += drop;
}

const costCache = new WeakMap<SiteModel, (sku: string) => number>();

/** Unit cost by SKU (0 when unknown), built once per site: the truth tally values the gap with it. */
export function unitCostOf(site: SiteModel): (sku: string) => number {
  let f = costCache.get(site);
  if (!f) {
    const m = new Map(site.items.map((i) => [i.sku, i.unitCost]));
    f = (sku) => m.get(sku) ?? 0;
    costCache.set(site, f);
  }
  return f;
}
