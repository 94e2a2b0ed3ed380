import type { BinChanges, ViewDelta } from './diff.ts';
import type { BinTable, ViewState } from './viewState.ts';

/** The subset of a site-wide view a zone room sees: that zone's bins and alerts, all workers and KPIs. */
export function sliceView(view: ViewState, zoneId: string): ViewState {
  const z = view.zones.findIndex((x) => x.id === zoneId);
  const keep: number[] = [];
  for (let i = 0; i < view.bins.zone.length; i++) if (view.bins.zone[i] === z) keep.push(i);
  return {
    ...view,
    bins: pickRows(view.bins, keep),
    alerts: view.alerts.filter((a) => a.zone === undefined || a.zone === zoneId),
  };
}

/**
 * The part of a site-wide delta a zone room needs. `site` is the full view the delta produced
 * (its bin table is in site order, so a site-wide bin index is also a row number).
 */
export function sliceDelta(delta: ViewDelta, site: ViewState, zoneId: string): ViewDelta {
  const z = site.zones.findIndex((x) => x.id === zoneId);
  const out: ViewDelta = { ...delta };
  if (delta.bins) {
    const keep: number[] = [];
    for (let k = 0; k < delta.bins.index.length; k++) {
      if (site.bins.zone[delta.bins.index[k]!] === z) keep.push(k);
    }
    if (keep.length === 0) delete out.bins;
    else out.bins = pickChanges(delta.bins, keep);
  }
  if (delta.alerts) {
    const zoneOfCleared = new Map<string, string | undefined>();
    // A cleared alert's zone is not in the delta; its id names the bin, whose zone the site knows.
    for (const id of delta.alerts.clear) zoneOfCleared.set(id, zoneOfAlertId(id, site));
    const upsert = delta.alerts.upsert.filter((a) => a.zone === undefined || a.zone === zoneId);
    const clear = delta.alerts.clear.filter((id) => {
      const zone = zoneOfCleared.get(id);
      return zone === undefined || zone === zoneId;
    });
    if (upsert.length === 0 && clear.length === 0) delete out.alerts;
    else out.alerts = { upsert, clear };
  }
  return out;
}

/** Zone of the bin an alert id names (`kind:BIN-CODE`), undefined for site-wide alerts. */
function zoneOfAlertId(id: string, site: ViewState): string | undefined {
  const colon = id.indexOf(':');
  if (colon < 0) return undefined;
  const code = id.slice(colon + 1);
  const i = site.bins.code.indexOf(code);
  return i < 0 ? undefined : site.zones[site.bins.zone[i]!]?.id;
}

function pickRows(t: BinTable, rows: number[]): BinTable {
  const n = rows.length;
  const out: BinTable = {
    index: new Uint32Array(n),
    code: rows.map((i) => t.code[i]!),
    x: new Float64Array(n),
    y: new Float64Array(n),
    zone: new Uint8Array(n),
    type: new Uint8Array(n),
    status: new Uint8Array(n),
    fill: new Uint8Array(n),
    systemQty: new Float64Array(n),
    physicalQty: new Float64Array(n),
  };
  rows.forEach((i, k) => {
    out.index[k] = t.index[i]!;
    out.x[k] = t.x[i]!;
    out.y[k] = t.y[i]!;
    out.zone[k] = t.zone[i]!;
    out.type[k] = t.type[i]!;
    out.status[k] = t.status[i]!;
    out.fill[k] = t.fill[i]!;
    out.systemQty[k] = t.systemQty[i]!;
    out.physicalQty[k] = t.physicalQty[i]!;
  });
  return out;
}

function pickChanges(c: BinChanges, rows: number[]): BinChanges {
  const n = rows.length;
  const out: BinChanges = {
    index: new Uint32Array(n),
    status: new Uint8Array(n),
    fill: new Uint8Array(n),
    systemQty: new Float64Array(n),
    physicalQty: new Float64Array(n),
  };
  rows.forEach((i, k) => {
    out.index[k] = c.index[i]!;
    out.status[k] = c.status[i]!;
    out.fill[k] = c.fill[i]!;
    out.systemQty[k] = c.systemQty[i]!;
    out.physicalQty[k] = c.physicalQty[i]!;
  });
  return out;
}
