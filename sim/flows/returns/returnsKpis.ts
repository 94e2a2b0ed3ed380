import type { World } from '../../engine/world.ts';
import {
  DISCREPANCY_CODES,
  DISPOSITION_CODES,
  type DiscrepancyCode,
  type DispositionCode,
} from './returnsSchema.ts';
import { noDiscrepancies } from './discrepancy.ts';
import { awaitingDecision } from './noRmaDecision.ts';
import { returnsState } from './returnsState.ts';
import { reworkQueue } from './reworkQueue.ts';

const HOUR = 3_600_000;
const round = (x: number, digits = 4): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** Mean and 95th percentile of durations in ms, in hours (nulls when there are none). */
export function dwellSummary(ms: readonly number[]): {
  n: number;
  meanHours: number | null;
  p95Hours: number | null;
} {
  if (ms.length === 0) return { n: 0, meanHours: null, p95Hours: null };
  const sorted = Float64Array.from(ms).sort();
  const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]!;
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return { n: sorted.length, meanHours: round(mean / HOUR), p95Hours: round(p95 / HOUR) };
}

const perCode = (f: (c: DispositionCode) => number): Record<DispositionCode, number> =>
  Object.fromEntries(DISPOSITION_CODES.map((c) => [c, f(c)])) as Record<DispositionCode, number>;

/**
 * The returns KPI section (`returns` in kpis.json): RMAs and receipts, the disposition by code
 * (share of inspected returns, count, units, value at unit cost), the time goods spent in
 * quarantine (received → restocked, to rework done, shipped to the vendor or scrapped), and
 * the QC-reject dispositions. Null when the scenario has no returns.
 */
export function returnsKpis(w: World) {
  if (!w.scenario.returns) return null;
  const s = returnsState(w);
  const k = s.kpi;
  let open = 0;
  let uninspected = 0;
  for (const r of Object.values(s.rmas)) {
    if (r.received < 0) continue;
    open++;
    if (r.code === '') uninspected++;
  }
  return {
    rmasIssued: k.rmas,
    rmasCancelled: k.cancelled,
    received: k.received,
    unitsReceived: k.unitsReceived,
    mismatches: k.mismatches,
    inspected: k.inspected,
    /** Received and not yet gone to storage, the vendor or scrap. */
    inProcess: open,
    awaitingInspection: uninspected,
    disposition: {
      share: perCode((c) => (k.inspected > 0 ? round(k.byCode[c] / k.inspected) : 0)),
      count: perCode((c) => k.byCode[c]),
      units: perCode((c) => k.unitsByCode[c]),
      value: perCode((c) => round(k.valueByCode[c], 2)),
    },
    quarantineDwell: dwellSummary(k.dwellMs),
    restocksParked: k.restockParked,
    uninspectedRestocks: k.uninspectedRestocks,
    qcRejects: {
      vendorReturned: k.qcRejectVendorReturned,
      scrapped: k.qcRejectScrapped,
      units: k.qcRejectUnits,
      value: round(k.qcRejectValue, 2),
      awaitingDecision: Object.keys(s.rejected).length,
    },
    rework: reworkSection(w),
    discrepancies: discrepancySection(w),
  };
}

const perDiscrepancy = (f: (c: DiscrepancyCode) => number): Record<DiscrepancyCode, number> =>
  Object.fromEntries(DISCREPANCY_CODES.map((c) => [c, f(c)])) as Record<DiscrepancyCode, number>;

/**
 * Receipt discrepancies (`returns.discrepancies`): returns, units and value at unit cost by code
 * (short: the missing units; over: the extra units; the others: the units received), and what
 * the desk decided for the returns that came without an RMA.
 */
function discrepancySection(w: World) {
  const k = returnsState(w).discrepancies ?? noDiscrepancies();
  return {
    count: perDiscrepancy((c) => k.count[c]),
    units: perDiscrepancy((c) => k.units[c]),
    value: perDiscrepancy((c) => round(k.value[c], 2)),
    noRma: {
      accepted: k.accepted,
      refused: k.refused,
      scrapped: k.scrapped,
      awaitingDecision: awaitingDecision(w),
      refusedUnits: k.refusedUnits,
      scrappedValue: round(k.scrappedValue, 2),
    },
  };
}

/** The rework area (`returns.rework`): benches, started, busy, queued now and at most, wait and dwell. */
function reworkSection(w: World) {
  const q = reworkQueue(returnsState(w));
  return {
    slots: w.scenario.returns!.reworkSlots,
    started: q.started,
    busy: q.busy,
    queued: q.queue.length,
    maxQueue: q.maxQueue,
    /** Dispositioned rework → on a bench. */
    wait: dwellSummary(q.waitMs),
    /** Dispositioned rework → rework done (wait plus work). */
    dwell: dwellSummary(q.dwellMs),
  };
}
