import type { ViewDelta } from './diff.ts';
import type { BinTable, ViewState } from './viewState.ts';

/** Why a delta could not be applied; the client answers by asking for a fresh snapshot. */
export class ViewGapError extends Error {
  override readonly name = 'ViewGapError';
}

// Bin index → position in a table; cached per (immutable, shared) index column.
const positionCache = new WeakMap<Uint32Array, Map<number, number>>();

function positionOf(index: Uint32Array): Map<number, number> {
  let m = positionCache.get(index);
  if (!m) {
    m = new Map();
    for (let i = 0; i < index.length; i++) m.set(index[i]!, i);
    positionCache.set(index, m);
  }
  return m;
}

/**
 * Applies a delta to the view it follows and returns the next view; the input is not changed
 * (copy on write), so a view can be kept, compared or rendered while the next one is built.
 * Throws ViewGapError when the delta does not follow `view` (a missed delta).
 */
export function applyDelta(view: ViewState, delta: ViewDelta): ViewState {
  if (delta.seq !== view.seq + 1) {
    throw new ViewGapError(`delta ${delta.seq} does not follow view ${view.seq}`);
  }
  const next: ViewState = { ...view, seq: delta.seq, simTime: delta.simTime };
  if (delta.run) next.run = { ...delta.run };
  if (delta.bins) next.bins = applyBins(view.bins, delta.bins);
  if (delta.workers || delta.positions) {
    next.workers = view.workers.map((w) => ({ ...w }));
    for (const c of delta.workers ?? []) {
      const w = next.workers[c.i];
      if (!w)
        throw new ViewGapError(`delta ${delta.seq} names worker ${c.i}, view has ${view.workers.length}`);
      w.task = c.task;
      w.moving = c.moving;
      if (c.trainee === true) w.trainee = true;
      else if (c.trainee === false) delete w.trainee;
    }
    if (delta.positions) next.workers = applyPositions(next.workers, delta.positions);
  }
  if (delta.kpis) {
    const changed = new Map(delta.kpis.map((k) => [k.id, k]));
    const known = new Set(view.kpis.map((k) => k.id));
    next.kpis = view.kpis.map((k) => ({ ...(changed.get(k.id) ?? k) }));
    for (const k of delta.kpis) if (!known.has(k.id)) next.kpis.push({ ...k });
  }
  if (delta.alerts) {
    const clear = new Set(delta.alerts.clear);
    const upsert = new Map(delta.alerts.upsert.map((a) => [a.id, a]));
    const alerts = view.alerts.filter((a) => !clear.has(a.id)).map((a) => ({ ...(upsert.get(a.id) ?? a) }));
    const present = new Set(alerts.map((a) => a.id));
    for (const a of delta.alerts.upsert) if (!present.has(a.id)) alerts.push({ ...a });
    // Alerts are kept sorted by id on both sides, so the client's list equals the server's.
    next.alerts = alerts.sort(byId);
  }
  return next;
}

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Sets worker positions from an interleaved x, y array (a volatile positions message). */
export function applyPositions<W extends { x: number; y: number }>(workers: W[], xy: Float64Array): W[] {
  return workers.map((w, i) => {
    const x = xy[2 * i];
    const y = xy[2 * i + 1];
    return x === undefined || y === undefined ? w : { ...w, x, y };
  });
}

function applyBins(table: BinTable, d: NonNullable<ViewDelta['bins']>): BinTable {
  const pos = positionOf(table.index);
  const status = table.status.slice();
  const fill = table.fill.slice();
  const systemQty = table.systemQty.slice();
  const physicalQty = table.physicalQty.slice();
  for (let k = 0; k < d.index.length; k++) {
    const i = pos.get(d.index[k]!);
    // A bin outside this (zone) view is not ours to track.
    if (i === undefined) continue;
    status[i] = d.status[k]!;
    fill[i] = d.fill[k]!;
    systemQty[i] = d.systemQty[k]!;
    physicalQty[i] = d.physicalQty[k]!;
  }
  return { ...table, status, fill, systemQty, physicalQty };
}
