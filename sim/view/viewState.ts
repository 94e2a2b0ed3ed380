/**
 * The view model of a live run: what a floor view draws, and nothing more. Produced on the
 * server by `projectView`, rebuilt on the client from a snapshot plus deltas; the two must be
 * equal field for field (tested). Bins are columnar typed arrays because a site has thousands
 * of them and only a few change per tick.
 */

/** Bin status bits (a bin may have several). `ok` is the absence of every problem bit. */
export const BinFlag = {
  empty: 1,
  belowMin: 2,
  overCapacity: 4,
  onHold: 8,
  counting: 16,
  variance: 32,
} as const;

/** One bin status bit name. */
export type BinFlagName = keyof typeof BinFlag;

/** Bits that make a bin "not ok"; counting is an activity, not a problem. */
export const PROBLEM_FLAGS =
  BinFlag.empty | BinFlag.belowMin | BinFlag.overCapacity | BinFlag.onHold | BinFlag.variance;

/** Fill codes per 100%: a byte holds 0 … 127.5% in 0.5% steps, enough to colour a bin and show overfill. */
export const FILL_CODES_PER_UNIT = 200;

/** Encodes a fill ratio as a byte (see FILL_CODES_PER_UNIT). */
export function fillCode(ratio: number): number {
  return Math.max(0, Math.min(255, Math.round(ratio * FILL_CODES_PER_UNIT)));
}

/** Decodes a fill byte back to a ratio. */
export function fillRatio(code: number): number {
  return code / FILL_CODES_PER_UNIT;
}

/** The names of the bits set in a status byte; `['ok']` when no problem bit is set. */
export function binFlagNames(status: number): (BinFlagName | 'ok')[] {
  const names: (BinFlagName | 'ok')[] = [];
  if ((status & PROBLEM_FLAGS) === 0) names.push('ok');
  for (const [name, bit] of Object.entries(BinFlag) as [BinFlagName, number][]) {
    if (status & bit) names.push(name);
  }
  return names;
}

/** Bin types in wire order; `BinTable.type` holds indexes into this list. */
export const BIN_TYPES = ['forward', 'reserve', 'floor', 'dock', 'staging', 'quarantine'] as const;

/** A zone as the view shows it. */
export interface ZoneInfo {
  id: string;
  name: string;
  kind: string;
}

/**
 * The bins of a view, one entry per array position. `index` is the site-wide bin index (a zone
 * view holds a subset); static columns (code, x, y, zone, type) never change during a run.
 */
export interface BinTable {
  index: Uint32Array;
  code: string[];
  x: Float64Array;
  y: Float64Array;
  /** Index into `ViewState.zones`. */
  zone: Uint8Array;
  /** Index into BIN_TYPES. */
  type: Uint8Array;
  /** BinFlag bits. */
  status: Uint8Array;
  /** Physical fill, encoded with `fillCode`. */
  fill: Uint8Array;
  /** Units on hand by the system ledger (what the WMS believes). */
  systemQty: Float64Array;
  /** Units on hand physically (the simulator's truth). */
  physicalQty: Float64Array;
}

/** The aisle grid of a site: aisle centre-line x and cross-aisle y (ascending; first = front, last = back). */
export interface Walkways {
  aisleX: number[];
  crossY: number[];
}

/** A worker as drawn. Positions are at the view's sim time, on the walk the engine times (along aisles). */
export interface WorkerView {
  code: string;
  role: string;
  /** Handheld id (`RF-017`), as the journal's `actor.device` has it. */
  device: string;
  x: number;
  y: number;
  /** Kind of the current job ('pick', 'putaway' …), null when idle or off shift. */
  task: string | null;
  moving: boolean;
  /** Present (true) when a trainee drives this worker from an RF handheld (issue 14). */
  trainee?: true;
}

/** One KPI tile. */
export interface KpiTile {
  id: string;
  label: string;
  /** Null when not yet defined (no orders yet, say). */
  value: number | null;
  unit: '' | '%' | '/h' | 'units' | 'orders' | 'lines' | 'h' | 'min';
}

/** Alert severities, mildest first. */
export const SEVERITIES = ['info', 'warning', 'error'] as const;

/** One open alert or exception, keyed by a stable id (`variance:F-01-02-A`). */
export interface AlertView {
  id: string;
  kind: string;
  severity: (typeof SEVERITIES)[number];
  message: string;
  /** Sim time the condition was first seen. */
  since: number;
  /** Zone it belongs to; absent for site-wide alerts (shown in every zone room). */
  zone?: string;
  bin?: string;
}

/** Run status shown with the view: what is running and how fast. */
export interface RunStatus {
  runId: string;
  scenario: string;
  seed: string;
  /** Sim ms per wall ms, or 'max' for as fast as possible. */
  speed: number | 'max';
  paused: boolean;
  /** Sim time at which the run pauses by itself, or null. */
  until: number | null;
}

/** The complete view of a run at one tick. */
export interface ViewState {
  /** Tick sequence number: increases by one each time the view changes. */
  seq: number;
  simTime: number;
  run: RunStatus;
  site: string;
  zones: ZoneInfo[];
  /**
   * The aisle grid workers walk on (static for a run; null without a layout): a client moving a
   * marker between position samples goes along these lines, not through racking.
   */
  walkways: Walkways | null;
  bins: BinTable;
  workers: WorkerView[];
  kpis: KpiTile[];
  alerts: AlertView[];
}
