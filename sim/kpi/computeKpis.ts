import type { World } from '../engine/world.ts';
import { batchMeans } from '../stats/batchMeans.ts';
import { kthSmallest } from '../stats/kthSmallest.ts';
import { resourceUtilisation } from '../engine/resources.ts';
import { flowTables } from '../engine/flowRegistry.ts';
import { scanKpis, type ScanKpis } from './scanCompliance.ts';

/** KPIs of a run so far: plain JSON, grouped. Times in seconds unless a name says otherwise. */
export interface Kpis {
  schemaVersion: 1;
  scenario: string;
  seed: string;
  span: { simSeconds: number; simHours: number; eventsProcessed: number };
  orders: {
    created: number;
    packed: number;
    shipped: number;
    shortShipped: number;
    open: number;
    /** Cancelled (backorders past `demand.backorderCancelHours`). */
    cancelled: number;
    /** Orders due: shipped, short-shipped or cancelled, or still open past their promised ship time. */
    due: number;
    /** Orders shipped complete by their promised ship time ÷ orders due. */
    onTimeRate: number | null;
    /** Orders shipped complete ÷ orders due (backorders and cancellations count against it). */
    orderFillRate: number | null;
    /** Orders that found no stock for any line; of them re-allocated when stock came, cancelled by age, still waiting. */
    backorders: { created: number; reallocated: number; cancelled: number; open: number };
  };
  lines: {
    created: number;
    completed: number;
    shippedComplete: number;
    short: number;
    /** Lines of cancelled orders; lines allocated short of their quantity (shipped short). */
    cancelled: number;
    shortAllocated: number;
    /** Lines shipped short by why: no-stock, committed, blocked, not-put-away, held-after-short-pick, short-pick. */
    shortByCause: Record<string, number>;
    /** Lines shipped complete ÷ lines due (shipped, cancelled, or open past their promised time). */
    fillRate: number | null;
  };
  /** Release → pick start per order (Wq in a queueing scenario). */
  wait: {
    /** Waits p90 and the steady state are taken over (the newest ones: kpiAccumulator WAITS_WINDOW). */
    n: number;
    /** Older measured waits no longer held, so not in p90 or the steady state (absent while all are held). */
    olderNotHeld?: number;
    meanSeconds: number | null;
    p90Seconds: number | null;
    /** Steady-state mean with a 95% CI by batch means (20 batches), warm-up excluded. */
    steadyState: {
      meanSeconds: number;
      lo: number;
      hi: number;
      halfWidth: number;
      batches: number;
      n: number;
    } | null;
  };
  picking: {
    method: string;
    linesPicked: number;
    tours: number;
    pickers: number;
    /** Paid picker hours (idle included). */
    labourHours: number;
    linesPerLabourHour: number | null;
    /** Travel time ÷ (travel + at-face + tour overhead) on pick tours. */
    travelShare: number | null;
    travelKm: number;
    /** Pickers' waits at empty faces while stock was on its way: count and hours. */
    faceWaits: number;
    faceWaitHours: number;
    shortPicks: number;
    linesByZone: Record<string, number>;
    linesByShift: Record<string, number>;
    /** Face visits (batch sums a bin's lines of several orders into one; cluster one per bin). */
    stops: number;
    /** Cluster: lines counted into per-order totes at the face; batch: lines sorted at pack. */
    totePuts: number;
    linesSortedAtPack: number;
    /** Face visits above reach height, made with the reach equipment. */
    highPicks: number;
    /** Zone: orders picked in several zones and consolidated before packing. */
    ordersConsolidated: number;
  };
  /** Per role: head count, paid and busy hours, utilisation (busy ÷ paid). */
  labour: Record<
    string,
    { workers: number; paidHours: number; busyHours: number; utilisation: number | null }
  >;
  /** Busy share of shared equipment (forklifts, carts, dock doors). */
  resources: Record<string, number | null>;
  /** Little's law check: ∫ WIP dt equals Σ time in system on a run that starts and ends empty. */
  littlesLaw: { wipIntegralOrderHours: number; sojournOrderHours: number; inSystem: number };
  inventory: {
    records: number;
    unitsOnHand: number;
    /** System moves that found less on the floor than booked (a consequence of earlier exceptions). */
    physicalShortfalls: number;
  };
  /** What customers physically received against what the system shipped (pick exceptions surface here). */
  shipments: {
    unitsOverShipped: number;
    unitsUnderShipped: number;
    unitsSubstituted: number;
    unitsWrongLot: number;
  };
  /** Scan compliance and override frequency over all directed work (DESIGN.md KPI table). */
  scanning: ScanKpis;
}

const round = (x: number, digits = 6): number => Math.round(x * 10 ** digits) / 10 ** digits;
const ratio = (a: number, b: number): number | null => (b > 0 ? round(a / b) : null);

/** The full KPI report: the core groups plus one section per flow that has KPIs. */
export type KpiReport = Kpis & Record<string, unknown>;

/** Computes the KPIs from the world's state and counters; pure, does not change the run. */
export function computeKpis(w: World): KpiReport {
  const k = w.kpi;
  // Extend the WIP integral to now without advancing it: reading KPIs must not change the run
  // (its snapshot), or a checkpoint taken after a KPI read would differ from one taken without.
  const wipIntegral = k.wipIntegral + k.wip * (w.now - k.wipLast);
  const labour: Kpis['labour'] = {};
  let pickerPaidMs = 0;
  let linesPicked = 0;
  let pickers = 0;
  for (const x of w.workers) {
    const paid = x.stats.paidMs + (x.paidSince >= 0 ? w.now - x.paidSince : 0);
    const busy = x.stats.busyMs + (x.busySince >= 0 ? w.now - x.busySince : 0);
    const l = (labour[x.role] ??= { workers: 0, paidHours: 0, busyHours: 0, utilisation: null });
    l.workers++;
    l.paidHours += paid / 3_600_000;
    l.busyHours += busy / 3_600_000;
    if (x.role === 'picker') {
      pickers++;
      pickerPaidMs += paid;
      linesPicked += x.stats.linesPicked;
    }
  }
  for (const l of Object.values(labour)) {
    l.utilisation = ratio(l.busyHours, l.paidHours);
    l.paidHours = round(l.paidHours, 3);
    l.busyHours = round(l.busyHours, 3);
  }
  const travelMs = k.travelMsByKind['pick'] ?? 0;
  const pickWork = k.workMsByKind['pick'] ?? {};
  const pickWorkMs = (pickWork['pick'] ?? 0) + (pickWork['overhead'] ?? 0);
  const distanceM = w.workers.filter((x) => x.role === 'picker').reduce((a, x) => a + x.stats.distanceM, 0);
  const labourHours = pickerPaidMs / 3_600_000;
  let openLinesPastPromise = 0;
  let openPastPromise = 0;
  for (const o of w.orders.values()) {
    if (o.promised > w.now) continue;
    openPastPromise++;
    openLinesPastPromise += o.lines.length;
  }
  const waits = k.waits.view();
  let p90: number | null = null;
  if (waits.length > 0) {
    // One order statistic: a selection, not a sort of every wait (see kthSmallest).
    p90 = kthSmallest(waits, Math.min(waits.length - 1, Math.ceil(0.9 * waits.length) - 1)) / 1000;
  }
  const bm = batchMeans(waits, 20);
  const ordersDue = k.ordersShipped + k.ordersShortShipped + k.backordersCancelled + openPastPromise;
  const out: KpiReport = {
    schemaVersion: 1,
    scenario: w.scenario.name,
    seed: w.seed,
    span: {
      simSeconds: w.now / 1000,
      simHours: round(w.now / 3_600_000, 4),
      eventsProcessed: w.eventsProcessed,
    },
    orders: {
      created: k.ordersCreated,
      packed: k.ordersPacked,
      shipped: k.ordersShipped,
      shortShipped: k.ordersShortShipped,
      open: w.orders.size,
      cancelled: k.backordersCancelled,
      due: ordersDue,
      onTimeRate: ratio(k.ordersOnTime, ordersDue),
      orderFillRate: ratio(k.ordersShipped, ordersDue),
      backorders: {
        created: k.backordersCreated,
        reallocated: k.backordersReallocated,
        cancelled: k.backordersCancelled,
        open: k.backordersCreated - k.backordersReallocated - k.backordersCancelled,
      },
    },
    lines: {
      created: k.linesCreated,
      completed: k.linesCompleted,
      shippedComplete: k.linesShippedComplete,
      short: k.linesShort,
      cancelled: k.linesCancelled,
      shortAllocated: k.linesShortAllocated,
      shortByCause: { ...k.linesShortByCause },
      fillRate: ratio(k.linesShippedComplete, k.linesCompleted + k.linesCancelled + openLinesPastPromise),
    },
    wait: {
      n: waits.length,
      ...(k.waits.dropped > 0 ? { olderNotHeld: k.waits.dropped } : {}),
      meanSeconds: k.waitCount > 0 ? round(k.waitTotal / k.waitCount / 1000) : null,
      p90Seconds: p90,
      steadyState: bm
        ? {
            meanSeconds: round(bm.mean / 1000),
            lo: round(bm.lo / 1000),
            hi: round(bm.hi / 1000),
            halfWidth: round(bm.halfWidth / 1000),
            batches: bm.batches,
            n: bm.n,
          }
        : null,
    },
    picking: {
      method: w.scenario.picking.method,
      linesPicked,
      tours: k.toursCompleted,
      pickers,
      labourHours: round(labourHours, 3),
      linesPerLabourHour: labourHours > 0 ? round(linesPicked / labourHours, 3) : null,
      travelShare: ratio(travelMs, travelMs + pickWorkMs),
      travelKm: round(distanceM / 1000, 3),
      faceWaits: k.faceWaits,
      faceWaitHours: round(k.faceWaitMs / 3_600_000, 4),
      shortPicks: k.shortPicks,
      linesByZone: { ...k.linesByZone },
      linesByShift: { ...k.linesByShift },
      stops: k.pickStops,
      totePuts: k.totePuts,
      linesSortedAtPack: k.linesSortedAtPack,
      highPicks: k.highPicks,
      ordersConsolidated: k.ordersConsolidated,
    },
    labour,
    resources: resourceUtilisation(w),
    littlesLaw: {
      wipIntegralOrderHours: wipIntegral / 3_600_000,
      sojournOrderHours: k.sojournTotal / 3_600_000,
      inSystem: k.wip,
    },
    inventory: {
      records: w.system.size,
      unitsOnHand: [...w.system.totalsBySku().values()].reduce((a, b) => a + b, 0),
      physicalShortfalls: k.physicalShortfalls,
    },
    shipments: {
      unitsOverShipped: k.unitsOverShipped,
      unitsUnderShipped: k.unitsUnderShipped,
      unitsSubstituted: k.unitsSubstituted,
      unitsWrongLot: k.unitsWrongLot,
    },
    scanning: scanKpis(k.scan),
  };
  for (const f of flowTables().flows) {
    const section = f.kpis?.(w);
    if (section) out[f.name] = section;
  }
  return out;
}
