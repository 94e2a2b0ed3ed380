import type { AlertView, BinTable, KpiTile, RunStatus, ViewState } from './viewState.ts';

/** Changed bins: site-wide indexes and their new dynamic columns, position for position. */
export interface BinChanges {
  index: Uint32Array;
  status: Uint8Array;
  fill: Uint8Array;
  systemQty: Float64Array;
  physicalQty: Float64Array;
}

/** A worker's non-positional fields, by position in `ViewState.workers`. */
export interface WorkerChange {
  i: number;
  task: string | null;
  moving: boolean;
  /** Whether a trainee drives the worker (sent only when the flag changed). */
  trainee?: boolean;
}

/** What changed from one view to the next; absent fields did not change. */
export interface ViewDelta {
  /** The view's seq after applying this delta; it applies to the view with seq - 1. */
  seq: number;
  simTime: number;
  run?: RunStatus;
  bins?: BinChanges;
  workers?: WorkerChange[];
  /** x, y of every worker, interleaved; sent when any worker moved (absolute, so losing one is harmless). */
  positions?: Float64Array;
  kpis?: KpiTile[];
  alerts?: { upsert: AlertView[]; clear: string[] };
}

/**
 * The delta taking `prev` to `next` (views of the same run and bin set). Carries only what
 * changed, by id; `next.seq` must be `prev.seq + 1` for a client to accept it in order.
 * Returns null when nothing changed at all (a paused run), so idle ticks cost nothing.
 */
export function diffViews(prev: ViewState, next: ViewState): ViewDelta | null {
  const d: ViewDelta = { seq: next.seq, simTime: next.simTime };
  // The clock alone is a change: viewers show sim time ticking even when the floor is quiet.
  let changed = prev.simTime !== next.simTime;
  if (!sameRun(prev.run, next.run)) {
    d.run = { ...next.run };
    changed = true;
  }
  const bins = diffBins(prev.bins, next.bins);
  if (bins) {
    d.bins = bins;
    changed = true;
  }
  const workers: WorkerChange[] = [];
  let moved = false;
  next.workers.forEach((w, i) => {
    const p = prev.workers[i];
    const driven = w.trainee === true;
    if (!p || p.task !== w.task || p.moving !== w.moving || (p.trainee === true) !== driven)
      workers.push({
        i,
        task: w.task,
        moving: w.moving,
        ...((p?.trainee === true) !== driven ? { trainee: driven } : {}),
      });
    if (!p || p.x !== w.x || p.y !== w.y) moved = true;
  });
  if (workers.length > 0) {
    d.workers = workers;
    changed = true;
  }
  if (moved) {
    d.positions = positionsOf(next);
    changed = true;
  }
  const prevKpi = new Map(prev.kpis.map((k) => [k.id, k]));
  const kpis = next.kpis.filter((k) => {
    const p = prevKpi.get(k.id);
    return !p || p.value !== k.value || p.label !== k.label || p.unit !== k.unit;
  });
  if (kpis.length > 0) {
    d.kpis = kpis.map((k) => ({ ...k }));
    changed = true;
  }
  const prevAlert = new Map(prev.alerts.map((a) => [a.id, a]));
  const nextIds = new Set(next.alerts.map((a) => a.id));
  const upsert = next.alerts.filter((a) => {
    const p = prevAlert.get(a.id);
    return !p || !sameAlert(p, a);
  });
  const clear = prev.alerts.filter((a) => !nextIds.has(a.id)).map((a) => a.id);
  if (upsert.length > 0 || clear.length > 0) {
    d.alerts = { upsert: upsert.map((a) => ({ ...a })), clear };
    changed = true;
  }
  return changed ? d : null;
}

/** Worker positions as one interleaved array (x0, y0, x1, y1 …). */
export function positionsOf(view: ViewState): Float64Array {
  const xy = new Float64Array(view.workers.length * 2);
  view.workers.forEach((w, i) => {
    xy[2 * i] = w.x;
    xy[2 * i + 1] = w.y;
  });
  return xy;
}

function diffBins(a: BinTable, b: BinTable): BinChanges | null {
  const changed: number[] = [];
  for (let i = 0; i < b.status.length; i++) {
    if (
      a.status[i] !== b.status[i] ||
      a.fill[i] !== b.fill[i] ||
      a.systemQty[i] !== b.systemQty[i] ||
      a.physicalQty[i] !== b.physicalQty[i]
    ) {
      changed.push(i);
    }
  }
  if (changed.length === 0) return null;
  const n = changed.length;
  const out: BinChanges = {
    index: new Uint32Array(n),
    status: new Uint8Array(n),
    fill: new Uint8Array(n),
    systemQty: new Float64Array(n),
    physicalQty: new Float64Array(n),
  };
  changed.forEach((i, k) => {
    out.index[k] = b.index[i]!;
    out.status[k] = b.status[i]!;
    out.fill[k] = b.fill[i]!;
    out.systemQty[k] = b.systemQty[i]!;
    out.physicalQty[k] = b.physicalQty[i]!;
  });
  return out;
}

function sameRun(a: RunStatus, b: RunStatus): boolean {
  return (
    a.runId === b.runId &&
    a.scenario === b.scenario &&
    a.seed === b.seed &&
    a.speed === b.speed &&
    a.paused === b.paused &&
    a.until === b.until
  );
}

function sameAlert(a: AlertView, b: AlertView): boolean {
  return (
    a.kind === b.kind &&
    a.severity === b.severity &&
    a.message === b.message &&
    a.since === b.since &&
    a.zone === b.zone &&
    a.bin === b.bin
  );
}
