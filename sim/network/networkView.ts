import { iraByTruth } from '../kpi/ira.ts';
import type { NetworkKpiReport, NetworkKpis } from './networkKpis.ts';
import type { NetworkRun } from './networkRun.ts';

const round = (x: number): number => Math.round(x * 100) / 100;

/** Units and value of stock between two places. */
export interface UnitsValue {
  units: number;
  value: number;
}

/** One site's tile on the network overview. */
export interface SiteTile {
  /** The site's name, also its id in `?site=` and in socket rooms. */
  id: string;
  role: 'dc' | 'branch';
  /** The site scenario's description (what the designer said the site is). */
  description: string;
  /** IRA by truth (agreeing records ÷ records), null without records. */
  ira: number | null;
  /** Lines shipped complete ÷ lines due. */
  lineFill: number | null;
  /** Open customer orders (not yet shipped or cancelled). */
  backlog: number;
  /** What this site books in transit to others (its outgoing transfers not yet received). */
  inTransitOut: UnitsValue;
  /** What is on the road towards this site. */
  inTransitIn: UnitsValue;
}

/** One lane of the network and the goods on it now. */
export interface LaneView {
  from: string;
  to: string;
  /** Transfers on the road on this lane. */
  transfers: number;
  units: number;
  value: number;
  /** Sim time the first of them arrives at the destination's door; null when the lane is empty. */
  nextEta: number | null;
}

/** The network overview: every site's tile, every lane's goods in transit, the network KPIs. */
export interface NetworkView {
  network: string;
  simTime: number;
  sites: SiteTile[];
  lanes: LaneView[];
  kpis: NetworkKpis;
}

/**
 * The overview of a running network, from the KPIs computed for it (they are the costly part,
 * so the caller computes them once and passes them to both this and the per-site views). Pure.
 */
export function networkView(run: NetworkRun, report: NetworkKpiReport): NetworkView {
  const road = run.state.shipments;
  const sites = run.sites.map((s, i): SiteTile => {
    const k = report.sites[s.name]!;
    const t = (k['transfers'] ?? null) as { inTransitUnits?: number; inTransitValue?: number } | null;
    const incoming = road.filter((x) => x.to === s.name);
    return {
      id: s.name,
      role: s.role,
      description: run.net.sites[i]!.scenario.description ?? '',
      ira: iraByTruth(s.engine.world.system, s.engine.world.physical).ira,
      lineFill: k.lines.fillRate,
      backlog: k.orders.open,
      inTransitOut: { units: t?.inTransitUnits ?? 0, value: t?.inTransitValue ?? 0 },
      inTransitIn: {
        units: incoming.reduce((a, x) => a + x.units, 0),
        value: round(incoming.reduce((a, x) => a + x.value, 0)),
      },
    };
  });
  const lanes = run.net.lanes.map((l): LaneView => {
    const on = road.filter((x) => x.from === l.from && x.to === l.to);
    return {
      from: l.from,
      to: l.to,
      transfers: on.length,
      units: on.reduce((a, x) => a + x.units, 0),
      value: round(on.reduce((a, x) => a + x.value, 0)),
      nextEta: on.length === 0 ? null : Math.min(...on.map((x) => x.arrivesAt)),
    };
  });
  return { network: run.net.name, simTime: run.now, sites, lanes, kpis: report.network };
}
