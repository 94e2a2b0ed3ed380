import { FloatSeries } from '../core/floatSeries.ts';
import { newScanTally, type ScanTally } from './scanCompliance.ts';

/** Running counters the engine updates as it goes; KPIs are computed from these on demand. */
export interface KpiAccumulator {
  ordersCreated: number;
  ordersShipped: number;
  ordersShortShipped: number;
  /** Orders shipped complete by their promised ship time. */
  ordersOnTime: number;
  /** Orders that found no stock at all (backordered), later re-allocated, or cancelled by age. */
  backordersCreated: number;
  backordersReallocated: number;
  backordersCancelled: number;
  /** Lines of cancelled orders (due, never shipped); lines allocated short of their quantity. */
  linesCancelled: number;
  linesShortAllocated: number;
  linesCreated: number;
  linesShippedComplete: number;
  linesShort: number;
  /** Lines shipped short, by cause (`ShortCause` in sim/flows/picking/shortCause.ts). */
  linesShortByCause: Record<string, number>;
  linesCompleted: number;
  unitsOrdered: number;
  unitsShipped: number;
  toursCompleted: number;
  /**
   * Release → first pick start, ms, per order in start order (measured orders only): the newest
   * WAITS_WINDOW/2 … WAITS_WINDOW of them (a wall screen runs for months of simulated time).
   */
  waits: FloatSeries;
  /** ∫ orders in system dt (ms·orders) and the last time it was advanced. */
  wipIntegral: number;
  wipLast: number;
  wip: number;
  /** Σ (completion − creation) over completed orders, ms. */
  sojournTotal: number;
  /** Σ over completed orders of pick-start − creation, ms (all orders, warm-up included). */
  waitTotal: number;
  waitCount: number;
  /** Travel ms by job kind. */
  travelMsByKind: Record<string, number>;
  /** Pickers' waits at empty faces: count and total ms; short picks. */
  faceWaits: number;
  faceWaitMs: number;
  shortPicks: number;
  /** System moves whose physical source held less than the move (the floor differed already). */
  physicalShortfalls: number;
  /** Shipped physically more / less than booked (UoM errors), another item (substitution), another lot. */
  unitsOverShipped: number;
  unitsUnderShipped: number;
  unitsSubstituted: number;
  unitsWrongLot: number;
  /** Orders packed. */
  ordersPacked: number;
  /** Lines picked by zone of the bin and by shift of the picker. */
  linesByZone: Record<string, number>;
  linesByShift: Record<string, number>;
  /** Face visits on pick tours (batch sums a bin's lines into one visit, cluster one per bin). */
  pickStops: number;
  /** Cluster picking: lines counted into per-order totes on the cart. */
  totePuts: number;
  /** Batch picking: lines sorted to orders at the pack station. */
  linesSortedAtPack: number;
  /** Face visits above reach height (needing the reach equipment). */
  highPicks: number;
  /** Zone picking: orders picked in several zones and consolidated before packing. */
  ordersConsolidated: number;
  /** Work ms by job kind, then by what the work was booked as ('pick', 'overhead' …). */
  workMsByKind: Record<string, Record<string, number>>;
  /** Movements by how they were confirmed, overrides and directed tasks (scan compliance). */
  scan: ScanTally;
}

/** A fresh accumulator. */
export function newKpiAccumulator(): KpiAccumulator {
  return {
    ordersCreated: 0,
    ordersShipped: 0,
    ordersShortShipped: 0,
    ordersOnTime: 0,
    backordersCreated: 0,
    backordersReallocated: 0,
    backordersCancelled: 0,
    linesCancelled: 0,
    linesShortAllocated: 0,
    linesCreated: 0,
    linesShippedComplete: 0,
    linesShort: 0,
    linesShortByCause: {},
    linesCompleted: 0,
    unitsOrdered: 0,
    unitsShipped: 0,
    toursCompleted: 0,
    waits: new FloatSeries([], WAITS_WINDOW),
    wipIntegral: 0,
    wipLast: 0,
    wip: 0,
    sojournTotal: 0,
    waitTotal: 0,
    waitCount: 0,
    travelMsByKind: {},
    faceWaits: 0,
    faceWaitMs: 0,
    shortPicks: 0,
    ordersPacked: 0,
    unitsOverShipped: 0,
    unitsUnderShipped: 0,
    unitsSubstituted: 0,
    unitsWrongLot: 0,
    physicalShortfalls: 0,
    linesByZone: {},
    linesByShift: {},
    workMsByKind: {},
    scan: newScanTally(),
    pickStops: 0,
    totePuts: 0,
    linesSortedAtPack: 0,
    highPicks: 0,
    ordersConsolidated: 0,
  };
}

/** Advances the work-in-process integral to time t (call before WIP changes). */
export function advanceWip(k: KpiAccumulator, t: number): void {
  k.wipIntegral += k.wip * (t - k.wipLast);
  k.wipLast = t;
}

/**
 * Most order waits the p90 and steady-state figures are taken over (the newest 1–2 million,
 * ≤ 16 MB). Large enough that every headless run a designer makes keeps them all (the M/M/c
 * bench's million customers, the queueing tests' 600,000: batch means over a window of a
 * heavy-traffic run's last weeks give a CI that misses the exact Wq), small enough to bound a
 * wall screen's live run: demo-dc measures ~2,300 a simulated day, so the window fills after
 * ~870 simulated days (~36 days at ×60) and its KPI then tracks the recent ones.
 */
export const WAITS_WINDOW = 2_000_000;

/**
 * The accumulator as saved in a snapshot: plain JSON, the wait series as a plain array, and how
 * many older waits the window let go (only once it has: earlier snapshots stay as they were).
 */
export type KpiState = Omit<KpiAccumulator, 'waits'> & { waits: number[]; waitsDropped?: number };

/** A deep, plain-JSON copy of the accumulator for a snapshot. */
export function kpiState(k: KpiAccumulator): KpiState {
  const { waits, ...rest } = k;
  return {
    ...structuredClone(rest),
    waits: waits.toArray(),
    ...(waits.dropped > 0 ? { waitsDropped: waits.dropped } : {}),
  };
}

/** The accumulator a snapshot saved, rebuilt (its own copy). */
export function restoreKpi(s: KpiState): KpiAccumulator {
  const { waits, waitsDropped, ...rest } = s;
  return { ...structuredClone(rest), waits: new FloatSeries(waits, WAITS_WINDOW, waitsDropped ?? 0) };
}
