import type { LaneView, NetworkView, SiteTile } from '../../sim/viewApi.ts';
import type { NetworkKpis } from '../../sim/viewApi.ts';
import { formatKpi } from '../model/kpiBoard.ts';

/** One labelled figure as shown on a tile or in a KPI strip. */
export interface Figure {
  id: string;
  label: string;
  text: string;
}

const units = (n: number): string => `${Math.round(n).toLocaleString('en-US')} u`;
const money = (n: number): string => Math.round(n).toLocaleString('en-US');
const hours = (n: number | null): string => (n === null ? '—' : `${n.toFixed(1)} h`);

/** Units and value as one text: "120 u · 3,400". */
export function unitsValue(x: { units: number; value: number }): string {
  return `${units(x.units)} · ${money(x.value)}`;
}

/** The network KPIs the overview and the floor view show, in display order. */
export function networkFigures(k: NetworkKpis): Figure[] {
  return [
    {
      id: 'inTransit',
      label: 'In transit (booked)',
      text: unitsValue({ units: k.inTransitUnits, value: k.inTransitValue }),
    },
    {
      id: 'onTheRoad',
      label: 'On the road',
      text: `${k.onTheRoad.transfers} shipments · ${unitsValue(k.onTheRoad)}`,
    },
    {
      id: 'leadTime',
      label: 'Transfer lead time (mean / p95)',
      text: `${hours(k.transferLeadTimeHours.mean)} / ${hours(k.transferLeadTimeHours.p95)}`,
    },
    {
      id: 'discrepancy',
      label: 'Transfer discrepancy rate',
      text: formatKpi(k.transferDiscrepancyRate, '%'),
    },
    { id: 'networkIra', label: 'Network IRA', text: formatKpi(k.networkIra, '%') },
    {
      id: 'transfers',
      label: 'Transfers shipped / received',
      text: `${k.transfersShipped} / ${k.transfersReceived}`,
    },
  ];
}

/** A site tile's figures: IRA, fill, backlog, shipped, in transit out and in. */
export function tileFigures(t: SiteTile): Figure[] {
  return [
    { id: 'ira', label: 'IRA', text: formatKpi(t.ira, '%') },
    { id: 'lineFill', label: 'Line fill', text: formatKpi(t.lineFill, '%') },
    { id: 'backlog', label: 'Open orders', text: String(t.backlog) },
    { id: 'shipped', label: 'Orders shipped', text: String(t.ordersShipped) },
    { id: 'out', label: 'In transit out', text: unitsValue(t.inTransitOut) },
    { id: 'in', label: 'In transit in', text: unitsValue(t.inTransitIn) },
  ];
}

/** Sim time as "d2 07:15" (days from the start). */
export function simStamp(ms: number): string {
  const min = Math.floor(ms / 60_000);
  const d = Math.floor(min / 1440);
  const hh = String(Math.floor((min % 1440) / 60)).padStart(2, '0');
  const mm = String(min % 60).padStart(2, '0');
  return `d${d} ${hh}:${mm}`;
}

/** A lane as one line: "DC1 → BR1: 2 shipments, 40 u · 1,200, next d0 09:30" (empty lanes say so). */
export function laneText(l: LaneView): string {
  if (l.transfers === 0) return `${l.from} → ${l.to}: nothing on the road`;
  const eta = l.nextEta === null ? '' : `, next arrives ${simStamp(l.nextEta)}`;
  return `${l.from} → ${l.to}: ${l.transfers} shipment${l.transfers === 1 ? '' : 's'}, ${unitsValue(l)}${eta}`;
}

/** What one site of a network sends and awaits: its tile's transit and the lanes that touch it. */
export function siteTransit(
  v: NetworkView,
  site: string,
): { tile: SiteTile; outgoing: LaneView[]; incoming: LaneView[] } | null {
  const tile = v.sites.find((s) => s.id === site);
  if (!tile) return null;
  return {
    tile,
    outgoing: v.lanes.filter((l) => l.from === site),
    incoming: v.lanes.filter((l) => l.to === site),
  };
}

/**
 * The link to a site's floor view (`/?site=`); from a page of one (`here`: the floor view or a
 * wall screen) it keeps that page and its other parameters but drops zones: they differ by site.
 */
export function siteHref(site: string, here?: { pathname: string; search: string }): string {
  const q = new URLSearchParams(here?.search ?? '');
  for (const k of ['zone', 'zones', 'cycle']) q.delete(k);
  q.set('site', site);
  return `${here?.pathname ?? '/'}?${q.toString()}`;
}
