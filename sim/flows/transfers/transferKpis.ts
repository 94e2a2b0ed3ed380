import type { World } from '../../engine/world.ts';
import { transfers, transitBin, type TransfersState } from './transferState.ts';
import { sellableStatus } from '../stockStatus/statusPolicy.ts';
import { claimKpis } from './transferClaims.ts';

const HOUR = 3_600_000;
const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;

/** Units and value this site books in transit (its outgoing transfers not yet closed), by both ledgers. */
export function inTransitHere(
  w: World,
  st: TransfersState,
): { units: number; value: number; physicalUnits: number } {
  let units = 0;
  let value = 0;
  let physicalUnits = 0;
  for (const doc of Object.values(st.outgoing)) {
    const item = w.site.items.find((i) => i.sku === doc.sku);
    const bin = transitBin(doc.code);
    for (const l of doc.lines) {
      const q = w.system.qty(bin, doc.sku, l.lot, 'in-transit');
      units += q;
      // A consigned item's goods on the road are still the vendor's: counted, not valued.
      if (item && sellableStatus(w, item.index) === 'available') value += q * item.unitCost;
      physicalUnits +=
        w.physical.qty(bin, doc.sku, l.lot, 'in-transit') + w.physical.qty(bin, doc.sku, l.lot, 'damaged');
    }
  }
  return { units, value: round(value), physicalUnits };
}

/**
 * The transfers KPI section of one site (kpis.json `transfers`; null outside a network run):
 * shipped and received counts, what it books in transit (units and value, system and floor),
 * transfer lead time (request → received, hours) and the discrepancy rate with its codes.
 */
export function transferKpis(w: World): Record<string, unknown> | null {
  const st = transfers.peek(w);
  if (!st?.settings) return null;
  const k = st.kpi;
  const lead = [...k.leadTimes].sort((a, b) => a - b);
  const pct = (p: number): number | null =>
    lead.length === 0 ? null : round(lead[Math.min(lead.length - 1, Math.floor(p * lead.length))]! / HOUR);
  const transit = inTransitHere(w, st);
  return {
    requested: k.requested,
    created: k.created,
    cancelled: k.cancelled,
    shipped: k.shipped,
    unitsShipped: k.unitsShipped,
    valueShipped: round(k.valueShipped),
    received: k.received,
    unitsReceived: k.unitsReceived,
    inTransitUnits: transit.units,
    inTransitValue: transit.value,
    inTransitPhysicalUnits: transit.physicalUnits,
    leadTimeHours: {
      mean: lead.length === 0 ? null : round(lead.reduce((a, b) => a + b, 0) / lead.length / HOUR),
      p50: pct(0.5),
      p95: pct(0.95),
    },
    discrepancyRate: k.received === 0 ? null : round(k.discrepant / k.received, 4),
    discrepancies: Object.fromEntries(Object.entries(k.codes).sort(([a], [b]) => a.localeCompare(b))),
    lateReceipts: k.lateReceipts,
    claims: claimKpis(w, st),
  };
}
