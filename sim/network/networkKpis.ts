import { iraByTruth } from '../kpi/ira.ts';
import type { KpiReport } from '../kpi/computeKpis.ts';
import { transfers } from '../flows/transfers/transferState.ts';
import { inTransitHere } from '../flows/transfers/transferKpis.ts';
import type { NetworkRun } from './networkRun.ts';

const HOUR = 3_600_000;
const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;

/** The network section of kpis.json: what no single site shows. */
export interface NetworkKpis {
  sites: number;
  /** Units and value booked in transit (the sources' in-transit records), and what the floor holds there. */
  inTransitUnits: number;
  inTransitValue: number;
  inTransitPhysicalUnits: number;
  /** Transfers physically on the road right now (shipped, not at the destination's door). */
  onTheRoad: { transfers: number; units: number; value: number };
  transfersShipped: number;
  transfersReceived: number;
  /** Request → received, hours, over every received transfer of the network. */
  transferLeadTimeHours: { mean: number | null; p50: number | null; p95: number | null };
  /** Received transfers with a discrepancy ÷ received transfers; the count by code. */
  transferDiscrepancyRate: number | null;
  discrepancies: Record<string, number>;
  /** IRA by truth over every site's records (agreeing records ÷ records, summed over sites). */
  networkIra: number | null;
}

/** Network KPIs plus every site's own report (which carries its `transfers` section). */
export interface NetworkKpiReport {
  network: NetworkKpis;
  sites: Record<string, KpiReport>;
}

/** Computes the network's KPIs; pure, changes nothing. */
export function networkKpis(run: NetworkRun): NetworkKpiReport {
  let units = 0;
  let value = 0;
  let physicalUnits = 0;
  let shipped = 0;
  let received = 0;
  let discrepant = 0;
  let agree = 0;
  let records = 0;
  const lead: number[] = [];
  const codes: Record<string, number> = {};
  const sites: Record<string, KpiReport> = {};
  for (const s of run.sites) {
    const w = s.engine.world;
    sites[s.name] = s.engine.kpis();
    const acc = iraByTruth(w.system, w.physical);
    agree += acc.agree;
    records += acc.records;
    const st = transfers.peek(w);
    if (!st?.settings) continue;
    const t = inTransitHere(w, st);
    units += t.units;
    value += t.value;
    physicalUnits += t.physicalUnits;
    shipped += st.kpi.shipped;
    received += st.kpi.received;
    discrepant += st.kpi.discrepant;
    lead.push(...st.kpi.leadTimes);
    for (const [c, n] of Object.entries(st.kpi.codes)) codes[c] = (codes[c] ?? 0) + n;
  }
  lead.sort((a, b) => a - b);
  const pct = (p: number): number | null =>
    lead.length === 0 ? null : round(lead[Math.min(lead.length - 1, Math.floor(p * lead.length))]! / HOUR);
  const road = run.state.shipments;
  return {
    network: {
      sites: run.sites.length,
      inTransitUnits: units,
      inTransitValue: round(value),
      inTransitPhysicalUnits: physicalUnits,
      onTheRoad: {
        transfers: road.length,
        units: road.reduce((a, x) => a + x.units, 0),
        value: round(road.reduce((a, x) => a + x.value, 0)),
      },
      transfersShipped: shipped,
      transfersReceived: received,
      transferLeadTimeHours: {
        mean: lead.length === 0 ? null : round(lead.reduce((a, b) => a + b, 0) / lead.length / HOUR),
        p50: pct(0.5),
        p95: pct(0.95),
      },
      transferDiscrepancyRate: received === 0 ? null : round(discrepant / received, 4),
      discrepancies: Object.fromEntries(Object.entries(codes).sort(([a], [b]) => a.localeCompare(b))),
      networkIra: records === 0 ? null : round(agree / records, 4),
    },
    sites,
  };
}
