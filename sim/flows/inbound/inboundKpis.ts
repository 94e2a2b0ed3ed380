import type { World } from '../../engine/world.ts';
import { resourceUtilisation } from '../../engine/resources.ts';
import { inboundMachines, inboundSite } from './inboundSite.ts';
import { inboundState } from './inboundState.ts';
import { DISCREPANCY_CODES } from './inboundSchema.ts';
import type { DroppedSamples } from './inboundSamples.ts';

/** Mean and maximum of a list, null when empty; `dropped`: what its window let go (inboundSamples.ts). */
function meanMax(
  xs: readonly number[],
  dropped?: DroppedSamples,
): { mean: number | null; max: number | null } {
  if (xs.length === 0 && !dropped) return { mean: null, max: null };
  let sum = dropped?.sum ?? 0;
  let max = dropped?.max ?? -Infinity;
  for (const x of xs) {
    sum += x;
    max = Math.max(max, x);
  }
  return { mean: round(sum / (xs.length + (dropped?.n ?? 0)), 2), max };
}

/** Counts by discrepancy code, every code present (0 when none). */
function byCode(c: Partial<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(DISCREPANCY_CODES.map((code) => [code, c[code] ?? 0]));
}

const HOUR = 3_600_000;
const round = (x: number, digits = 4): number => Math.round(x * 10 ** digits) / 10 ** digits;
const ratio = (a: number, b: number): number | null => (b > 0 ? round(a / b) : null);

/**
 * Median, p90 and mean of durations in ms, reported in hours. With `dropped` (what a bounded
 * window let go, inboundSamples.ts) n and mean are over the whole run, median and p90 over the window.
 */
export function hoursSummary(
  ms: readonly number[],
  dropped?: DroppedSamples,
): {
  n: number;
  medianHours: number | null;
  p90Hours: number | null;
  meanHours: number | null;
} {
  if (ms.length === 0) return { n: dropped?.n ?? 0, medianHours: null, p90Hours: null, meanHours: null };
  const sorted = Float64Array.from(ms).sort();
  const q = (p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
  const n = sorted.length + (dropped?.n ?? 0);
  const mean = sorted.reduce((a, b) => a + b, dropped?.sum ?? 0) / n;
  return {
    n,
    medianHours: round(q(0.5) / HOUR),
    p90Hours: round(q(0.9) / HOUR),
    meanHours: round(mean / HOUR),
  };
}

function paidHours(w: World, role: string): { workers: number; hours: number } {
  let workers = 0;
  let ms = 0;
  for (const x of w.workers) {
    if (x.role !== role) continue;
    workers++;
    ms += x.stats.paidMs + (x.paidSince >= 0 ? w.now - x.paidSince : 0);
  }
  return { workers, hours: ms / HOUR };
}

/** The inbound KPI section. */
export type InboundKpis = NonNullable<ReturnType<typeof inboundKpis>>;

/** The inbound KPI section; null when the scenario has no inbound flow. */
export function inboundKpis(w: World) {
  if (!w.scenario.inbound) return null;
  const st = inboundState(w);
  const k = st.kpi;
  const doors = inboundSite(w).doors.length;
  let busyDoors = 0;
  for (const d of st.doors) if (d !== 0) busyDoors++;
  const doorBusyMs = k.doorBusyMs + busyDoors * (w.now - k.doorLast);
  const byZone: Record<string, ReturnType<typeof hoursSummary>> = {};
  for (const z of Object.keys(k.byZone).sort())
    byZone[z] = hoursSummary(k.byZone[z]!, k.dropped?.[`byZone:${z}`]);
  const byShift: Record<string, ReturnType<typeof hoursSummary>> = {};
  for (const s of Object.keys(k.byShift).sort())
    byShift[s] = hoursSummary(k.byShift[s]!, k.dropped?.[`byShift:${s}`]);
  const receivers = paidHours(w, 'receiver');
  const drivers = paidHours(w, 'putaway');
  let open = 0;
  let inQc = 0;
  const inspection = inboundMachines().receipt.state('"inspection"');
  for (const r of Object.values(st.receipts)) {
    if (r.yardAt >= 0) open++;
    if (r.state === inspection) inQc++;
  }
  return {
    receipts: {
      scheduled: k.scheduled,
      arrived: k.arrived,
      atDoor: k.atDoor,
      closed: k.closed,
      rejected: k.rejected,
      /** Arrived and not yet closed or rejected. */
      open,
      inQc,
    },
    linesReceived: k.linesReceived,
    unitsReceived: k.unitsReceived,
    palletsUnloaded: k.palletsUnloaded,
    unitsPutAway: k.unitsPutAway,
    /** Door arrival → putaway confirmed (last unit of the line), per receipt line. */
    dockToStock: { ...hoursSummary(k.dockToStock, k.dropped?.['dockToStock']), byZone, byShift },
    putaway: {
      tasksCreated: k.tasksCreated,
      tasksDone: k.tasksDone,
      open: Object.keys(st.tasks).length,
      forwardTopUps: k.forwardTopUps,
      consolidations: k.consolidations,
      splits: k.splits,
      overrides: k.overrides,
      /** Approved overrides ÷ directed tasks done. */
      overrideRate: ratio(k.overrides, k.tasksDone),
      overrideRequests: k.overrideRequests,
      overridesRejected: k.overridesRejected,
      /** Drivers blocked at the bin waiting for the supervisor's decision: mean and maximum, seconds. */
      overrideWait: {
        meanS:
          k.overrides + k.overridesRejected > 0
            ? round(k.overrideWaitMs / (k.overrides + k.overridesRejected) / 1000, 2)
            : null,
        maxS: round(k.overrideWaitMaxMs / 1000, 2),
      },
      parkedNow: st.parked.length,
      parkedEver: k.parkedEver,
      returnedToStaging: k.returnedToStaging,
    },
    qc: { held: k.qcHeld, released: k.qcReleased, rejected: k.qcRejected },
    yard: {
      waitingNow: st.yard.length,
      maxWaiting: k.yardMax,
      meanWaitMinutes: k.atDoor > 0 ? round(k.yardWaitMs / k.atDoor / 60_000, 2) : null,
    },
    dockDoors: {
      doors,
      /** Truck-at-door time ÷ (doors × elapsed time). */
      utilisation: w.now > 0 && doors > 0 ? round(doorBusyMs / (doors * w.now), 6) : null,
      /** The `dockDoor` resource's own utilisation when the scenario declares one. */
      resource: resourceUtilisation(w)['dockDoor'] ?? null,
    },
    /** POs raised, and PO raised → its truck in the yard (days), per PO and truck. */
    purchasing: {
      posRaised: k.posRaised,
      openPos: st.pos.length,
      leadTimeDays: (() => {
        const h = hoursSummary(k.leadTimes, k.dropped?.['leadTimes']);
        const d = (x: number | null): number | null => (x === null ? null : round(x / 24));
        return { n: h.n, median: d(h.medianHours), p90: d(h.p90Hours), mean: d(h.meanHours) };
      })(),
    },
    /** What the trucks carried, as loaded (pallet positions and lines). */
    trucks: {
      loaded: k.truckPallets.length + (k.dropped?.['truckPallets']?.n ?? 0),
      pallets: meanMax(k.truckPallets, k.dropped?.['truckPallets']),
      lines: meanMax(k.truckLines, k.dropped?.['truckLines']),
    },
    /**
     * Receipt discrepancies recorded by the receivers (journal reason `discrepancy:<code>`) and
     * missed ones (physical only, in the truth log), by code; rate = lines with a recorded
     * discrepancy ÷ lines scanned.
     */
    discrepancies: {
      recorded: byCode(k.discrepancies),
      unnoticed: byCode(k.unnoticed),
      linesScanned: k.linesScanned,
      linesWithDiscrepancy: k.discrepancyLines,
      rate: ratio(k.discrepancyLines, k.linesScanned),
    },
    stagingOverflows: k.stagingOverflows,
    productivity: {
      receivers: receivers.workers,
      receiverPaidHours: round(receivers.hours, 3),
      receiverLinesPerHour: ratio(k.linesReceived, receivers.hours),
      receiverPalletsPerHour: ratio(k.palletsUnloaded, receivers.hours),
      putawayDrivers: drivers.workers,
      putawayPaidHours: round(drivers.hours, 3),
      putawayPalletsPerHour: ratio(k.tasksDone, drivers.hours),
    },
  };
}
