import type { World } from '../engine/world.ts';
import type { Kpis } from '../kpi/computeKpis.ts';
import { INVENTORY_STATUSES } from '../journal/journalEvent.ts';
import { physicalStatus } from '../inventory/physicalStatus.ts';
import { unitsThatFit } from '../engine/slotting.ts';
import { mirrorAlerts } from '../mirror/mirrorAlerts.ts';
import { aisleLockAlerts } from '../engine/aisleLockCommands.ts';
import { flowTables } from '../engine/flowRegistry.ts';
import type { RoutingGeometry } from '../routing/routingGeometry.ts';
import { layoutGeometry, walkwaysOf, workerPosition } from './workerPosition.ts';
import {
  BIN_TYPES,
  BinFlag,
  fillCode,
  type AlertView,
  type BinTable,
  type KpiTile,
  type RunStatus,
  type ViewState,
  type Walkways,
  type WorkerView,
  type ZoneInfo,
} from './viewState.ts';

/** What the projection reads: the engine's world and its KPIs (an Engine satisfies this). */
export interface ProjectionSource {
  readonly world: World;
  kpis(): Kpis;
}

/** Projection settings. */
export interface ProjectionOptions {
  /** A forward face holding less than this share of what fits is below its minimum. */
  minFaceShare?: number;
  /** The previous view of the same run: alerts still open keep the time they were first seen. */
  previous?: ViewState;
}

/** Default share of a face below which it is flagged as below minimum. */
export const DEFAULT_MIN_FACE_SHARE = 0.25;

const HOLD_STATUSES = new Set(['inspection', 'quarantine', 'damaged']);

/** Per-site facts the projection needs every tick, derived once (pure function of the static site model). */
interface SiteFacts {
  zones: ZoneInfo[];
  /** The aisle grid for the wire, and the engine's routing geometry for worker positions. */
  walkways: Walkways | null;
  geometry: RoutingGeometry | null;
  /** Static bin columns, shared by every view of the run (never mutated). */
  index: Uint32Array;
  code: string[];
  x: Float64Array;
  y: Float64Array;
  zone: Uint8Array;
  type: Uint8Array;
  /** Litres and kg per base unit, by SKU. */
  unitVolumeL: Map<string, number>;
  unitWeightKg: Map<string, number>;
  /** Units of the slotted item that fill a forward face, 0 for other bins. */
  faceUnits: Float64Array;
  volumeL: Float64Array;
  weightKg: Float64Array;
}

// Memoised per site model: the site is immutable for a run, so this is a cache, not state.
const factsCache = new WeakMap<object, SiteFacts>();

function siteFacts(w: World): SiteFacts {
  const hit = factsCache.get(w.site);
  if (hit) return hit;
  const layout = w.site.layout;
  const bins = layout?.bins ?? [];
  const zones: ZoneInfo[] = (layout?.zones ?? []).map((z) => ({ id: z.id, name: z.name, kind: z.kind }));
  const zoneIdx = new Map(zones.map((z, i) => [z.id, i]));
  const n = bins.length;
  const facts: SiteFacts = {
    zones,
    walkways: layout ? walkwaysOf(layout) : null,
    geometry: layout ? layoutGeometry(layout) : null,
    index: new Uint32Array(n),
    code: bins.map((b) => b.code),
    x: new Float64Array(n),
    y: new Float64Array(n),
    zone: new Uint8Array(n),
    type: new Uint8Array(n),
    unitVolumeL: new Map(),
    unitWeightKg: new Map(),
    faceUnits: new Float64Array(n),
    volumeL: new Float64Array(n),
    weightKg: new Float64Array(n),
  };
  bins.forEach((b, i) => {
    facts.index[i] = b.index;
    facts.x[i] = b.x;
    facts.y[i] = b.y;
    facts.zone[i] = zoneIdx.get(b.zone) ?? 0;
    facts.type[i] = Math.max(0, BIN_TYPES.indexOf(b.type));
    facts.volumeL[i] = b.capacity.volumeL;
    facts.weightKg[i] = b.capacity.weightKg;
  });
  for (const item of w.site.items) {
    const ea = item.uoms[0]!;
    facts.unitVolumeL.set(item.sku, (ea.lengthCm * ea.widthCm * ea.heightCm) / 1000);
    facts.unitWeightKg.set(item.sku, ea.weightKg);
    const face = w.site.forwardBinOf[item.index] ?? -1;
    if (face >= 0 && bins[face]) facts.faceUnits[face] = unitsThatFit(item, bins[face]);
  }
  factsCache.set(w.site, facts);
  return facts;
}

/**
 * Projects the world onto the view model at the engine's current sim time. Pure: reads the
 * world, allocates a fresh view, changes nothing (the engine's `kpis()` is read-only too).
 * Fill, empty, below-min and over-capacity use the physical ledger (the truth the twin shows);
 * variance compares the two ledgers record by record, never netted across lots or statuses.
 */
export function projectView(
  src: ProjectionSource,
  run: RunStatus,
  seq: number,
  options: ProjectionOptions = {},
): ViewState {
  const w = src.world;
  const f = siteFacts(w);
  const now = w.now;
  const bins = projectBins(w, f, options.minFaceShare ?? DEFAULT_MIN_FACE_SHARE);
  const kpis = src.kpis();
  return {
    seq,
    simTime: now,
    run: { ...run },
    site: w.site.name,
    zones: f.zones,
    bins: bins.table,
    walkways: f.walkways,
    workers: w.workers.map((x) => projectWorker(x, now, f.geometry)),
    kpis: kpiTiles(kpis, bins.ira),
    alerts: keepSince(alertsOf(w, f, bins.table), options.previous),
  };
}

// Bin columns depend only on the ledgers, which change only while events are processed: memoised
// per world on the event count, so a quiet tick (most ticks at ×60) costs nothing here.
const binsCache = new WeakMap<
  World,
  { events: number; journal: number; minShare: number; result: BinsResult }
>();

/** One system record as the floor would hold it. */
interface Booked {
  bin: string;
  b: number;
  sku: string;
  lot: string;
  qty: number;
  seen: boolean;
}

const STATUS_INDEX = new Map<string, number>(INVENTORY_STATUSES.map((st, i) => [st, i]));

/** A numeric key for (bin index, status): Map lookups on small integers are cheap. */
function groupKey(bin: number, status: string): number {
  return (bin + 1) * 16 + (STATUS_INDEX.get(status) ?? 15);
}

interface BinsResult {
  table: BinTable;
  ira: number | null;
}

function projectBins(w: World, f: SiteFacts, minShare: number): BinsResult {
  const hit = binsCache.get(w);
  // Keyed by journal seq too: feed transactions change the ledgers without an engine event.
  const { eventsProcessed: events } = w;
  const journal = w.counters.journal;
  if (hit && hit.events === events && hit.journal === journal && hit.minShare === minShare) return hit.result;
  const result = computeBins(w, f, minShare);
  binsCache.set(w, { events, journal, minShare, result });
  return result;
}

function computeBins(w: World, f: SiteFacts, minShare: number): BinsResult {
  const n = f.code.length;
  const status = new Uint8Array(n);
  const fill = new Uint8Array(n);
  const systemQty = new Float64Array(n);
  const physicalQty = new Float64Array(n);
  const volume = new Float64Array(n);
  const weight = new Float64Array(n);
  const binIndex = w.site.binIndex;
  // The system side grouped as the floor sees it (allocation folded into available, as IRA
  // does), by a numeric (bin, status) key: string keys per record cost most of a tick.
  const booked = new Map<number, Booked[]>();
  let records = 0;
  for (const r of w.system.all()) {
    const b = binIndex.get(r.bin) ?? -1;
    if (b >= 0) systemQty[b] = systemQty[b]! + r.qty;
    const key = groupKey(b, physicalStatus(r.status));
    let list = booked.get(key);
    if (!list) booked.set(key, (list = []));
    const e = list.find((x) => x.sku === r.sku && x.lot === r.lot && x.bin === r.bin);
    if (e) e.qty += r.qty;
    else {
      list.push({ bin: r.bin, b, sku: r.sku, lot: r.lot, qty: r.qty, seen: false });
      records++;
    }
  }
  let agree = 0;
  for (const r of w.physical.all()) {
    const b = binIndex.get(r.bin) ?? -1;
    if (b >= 0) {
      physicalQty[b] = physicalQty[b]! + r.qty;
      volume[b] = volume[b]! + r.qty * (f.unitVolumeL.get(r.sku) ?? 0);
      weight[b] = weight[b]! + r.qty * (f.unitWeightKg.get(r.sku) ?? 0);
      if (HOLD_STATUSES.has(r.status)) status[b] = status[b]! | BinFlag.onHold;
    }
    const e = booked
      .get(groupKey(b, r.status))
      ?.find((x) => x.sku === r.sku && x.lot === r.lot && x.bin === r.bin);
    if (e === undefined) {
      records++;
      markVariance(b, status);
    } else {
      e.seen = true;
      if (e.qty === r.qty) agree++;
      else markVariance(b, status);
    }
  }
  // Booked but not on the floor at all: wrong too (never netted against other records).
  for (const list of booked.values()) for (const e of list) if (!e.seen) markVariance(e.b, status);
  const flowFlags = flowBinFlags(w);
  for (let i = 0; i < n; i++) {
    const ratio = Math.max(
      f.volumeL[i]! > 0 ? volume[i]! / f.volumeL[i]! : 0,
      f.weightKg[i]! > 0 ? weight[i]! / f.weightKg[i]! : 0,
    );
    fill[i] = fillCode(ratio);
    let s = status[i]!;
    if (physicalQty[i] === 0) s |= BinFlag.empty;
    else if (f.faceUnits[i]! > 0 && physicalQty[i]! < minShare * f.faceUnits[i]!) s |= BinFlag.belowMin;
    if (ratio > 1) s |= BinFlag.overCapacity;
    s |= flowFlags.get(i) ?? 0;
    status[i] = s;
  }
  return {
    table: {
      index: f.index,
      code: f.code,
      x: f.x,
      y: f.y,
      zone: f.zone,
      type: f.type,
      status,
      fill,
      systemQty,
      physicalQty,
    },
    ira: records > 0 ? agree / records : null,
  };
}

function markVariance(b: number, status: Uint8Array): void {
  if (b >= 0) status[b] = status[b]! | BinFlag.variance;
}

/** The bin flags flow modules contribute (FlowView.binFlags: the counting flag …), by bin index. */
function flowBinFlags(w: World): Map<number, number> {
  const flags = new Map<number, number>();
  const mark = (bin: number, flag: number): void => {
    flags.set(bin, (flags.get(bin) ?? 0) | flag);
  };
  for (const f of flowTables().flows) f.view?.binFlags?.(w, mark);
  return flags;
}

/** A worker as drawn at sim time `now`: on the walk the engine times, along aisles and cross aisles. */
function projectWorker(x: World['workers'][number], now: number, g: RoutingGeometry | null): WorkerView {
  const job = x.job;
  const p = workerPosition(x, now, g);
  return {
    code: x.code,
    role: x.role,
    device: x.device,
    // Centimetres are plenty for drawing and stop sub-millimetre jitter from counting as change.
    x: Math.round(p.x * 100) / 100,
    y: Math.round(p.y * 100) / 100,
    task: job && x.onShift ? job.kind : null,
    moving: p.moving,
    ...(x.driver === 'person' ? { trainee: true as const } : {}),
  };
}

const r4 = (v: number | null | undefined): number | null =>
  v === null || v === undefined || !Number.isFinite(v) ? null : Math.round(v * 10_000) / 10_000;

/** The wall-screen KPI tiles, in display order. */
function kpiTiles(k: Kpis, ira: number | null): KpiTile[] {
  return [
    { id: 'ira', label: 'IRA (truth)', value: r4(ira), unit: '%' },
    { id: 'ordersCreated', label: 'Orders created', value: k.orders.created, unit: 'orders' },
    { id: 'ordersShipped', label: 'Orders shipped', value: k.orders.shipped, unit: 'orders' },
    { id: 'ordersOpen', label: 'Orders open', value: k.orders.open, unit: 'orders' },
    { id: 'onTime', label: 'On-time shipment', value: r4(k.orders.onTimeRate), unit: '%' },
    { id: 'lineFill', label: 'Line fill rate', value: r4(k.lines.fillRate), unit: '%' },
    {
      id: 'linesPerHour',
      label: 'Lines per labour hour',
      value: r4(k.picking.linesPerLabourHour),
      unit: '/h',
    },
    { id: 'travelShare', label: 'Travel share', value: r4(k.picking.travelShare), unit: '%' },
    { id: 'shortPicks', label: 'Short picks', value: k.picking.shortPicks, unit: 'lines' },
    { id: 'unitsOnHand', label: 'Units on hand', value: k.inventory.unitsOnHand, unit: 'units' },
    {
      id: 'dockToStock',
      label: 'Dock-to-stock (median)',
      value: r4(section(k, 'inbound', 'dockToStock', 'medianHours')),
      unit: 'h',
    },
    {
      id: 'replenResponse',
      label: 'Replen response (median)',
      value: r4(section(k, 'replenishment', 'responseMinutes', 'median')),
      unit: 'min',
    },
    {
      id: 'iraAsCounted',
      label: 'IRA as counted',
      value: r4(section(k, 'counting', 'iraAsCounted')),
      unit: '%',
    },
  ];
}

/** A number inside a flow's KPI section (flows add sections by name), or null when absent. */
function section(k: Kpis, ...path: string[]): number | null {
  let v: unknown = k;
  for (const p of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
  return typeof v === 'number' ? v : null;
}

/** Alerts open in the previous view keep their `since`, so an unchanged alert is not a change. */
function keepSince(alerts: AlertView[], previous: ViewState | undefined): AlertView[] {
  if (!previous || previous.alerts.length === 0) return alerts;
  const since = new Map(previous.alerts.map((a) => [a.id, a.since]));
  return alerts.map((a) => {
    const t = since.get(a.id);
    return t === undefined ? a : { ...a, since: t };
  });
}

/** An open variance alert's text: how far physical stock is over or under the system's. */
function varianceMessage(code: string, gap: number): string {
  return `${code}: physical ${Math.abs(gap)} ${gap > 0 ? 'over' : 'under'} the system's count`;
}

/** Open alerts derived from state: ledger variances, overfull bins, empty pick faces, late orders. */
function alertsOf(w: World, f: SiteFacts, bins: BinTable): AlertView[] {
  const out: AlertView[] = [];
  const now = w.now;
  for (let i = 0; i < bins.code.length; i++) {
    const s = bins.status[i]!;
    const zone = f.zones[bins.zone[i]!]?.id;
    const code = bins.code[i]!;
    const at = zone === undefined ? { bin: code } : { zone, bin: code };
    if (s & BinFlag.variance) {
      out.push({
        id: `variance:${code}`,
        kind: 'variance',
        severity: 'warning',
        // The size of the variance, not both quantities: an open alert is re-sent only when it
        // changes, and a busy bin's quantities move every frame while its variance stays put
        // (the bin inspector shows both ledgers).
        message: varianceMessage(code, bins.physicalQty[i]! - bins.systemQty[i]!),
        since: now,
        ...at,
      });
    }
    if (s & BinFlag.overCapacity) {
      out.push({
        id: `over:${code}`,
        kind: 'over-capacity',
        severity: 'error',
        message: `${code} is over capacity`,
        since: now,
        ...at,
      });
    }
    if (s & BinFlag.empty && f.faceUnits[i]! > 0) {
      out.push({
        id: `empty-face:${code}`,
        kind: 'empty-face',
        severity: 'warning',
        message: `pick face ${code} is empty`,
        since: now,
        ...at,
      });
    }
  }
  let late = 0;
  // A count: order does not matter, so scan the table without building a sorted list.
  w.orders.forEachUnordered((o) => {
    if (o.promised <= now) late++;
  });
  if (late > 0) {
    out.push({
      id: 'late-orders',
      kind: 'late-orders',
      severity: 'warning',
      message: `${late} open order${late === 1 ? '' : 's'} past the promised ship time`,
      since: now,
    });
  }
  out.push(...mirrorAlerts(w));
  out.push(...aisleLockAlerts(w));
  // Sorted by id: a canonical order that both ends keep without sending list positions.
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
