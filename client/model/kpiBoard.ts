import type { AlertView, KpiTile } from '../../sim/viewApi.ts';

/** The headline tiles, in display order; ids the view does not (yet) carry show as "—". */
export const HEADLINE_KPIS = [
  { id: 'ira', label: 'IRA (truth)', unit: '%' },
  { id: 'lineFill', label: 'Line fill rate', unit: '%' },
  { id: 'linesPerHour', label: 'Lines / labour h', unit: '/h' },
  { id: 'dockToStock', label: 'Dock-to-stock', unit: 'h' },
  { id: 'replenResponse', label: 'Replen response', unit: 'min' },
  { id: 'onTime', label: 'On-time shipment', unit: '%' },
  { id: 'openExceptions', label: 'Open exceptions', unit: '' },
] as const;

/** Samples kept per KPI for its sparkline: bounded so a wall screen's memory stays flat. */
export const HISTORY_POINTS = 240;

/** One tile as shown. */
export interface TileModel {
  id: string;
  label: string;
  /** Formatted value, "—" when unknown. */
  text: string;
  value: number | null;
  /** 'good' | 'warn' | 'bad' tints the tile; null when there is no threshold. */
  tone: 'good' | 'warn' | 'bad' | null;
}

/** Formats a KPI value by unit. Ratios ('%') arrive as 0…1. */
export function formatKpi(value: number | null, unit: string): string {
  if (value === null || !Number.isFinite(value)) return '—';
  switch (unit) {
    case '%':
      return `${(value * 100).toFixed(value >= 0.999 && value < 1 ? 2 : 1)}%`;
    case '/h':
      return `${value.toFixed(value >= 100 ? 0 : 1)}/h`;
    case 'h':
      return `${value.toFixed(1)} h`;
    case 'min':
      return `${value.toFixed(0)} min`;
    default:
      return Math.abs(value) >= 10_000
        ? `${(value / 1000).toFixed(0)}k`
        : String(Math.round(value * 100) / 100);
  }
}

/** Thresholds from DESIGN.md's plausibility ranges: IRA 95% needed, 99% best in class. */
function toneOf(id: string, v: number | null): TileModel['tone'] {
  if (v === null) return null;
  switch (id) {
    case 'ira':
      return v >= 0.99 ? 'good' : v >= 0.95 ? 'warn' : 'bad';
    case 'lineFill':
    case 'onTime':
      return v >= 0.98 ? 'good' : v >= 0.9 ? 'warn' : 'bad';
    case 'openExceptions':
      return v === 0 ? 'good' : v < 10 ? 'warn' : 'bad';
    default:
      return null;
  }
}

/** Open exceptions: open alerts of warning severity or worse. */
export function openExceptions(alerts: readonly AlertView[]): number {
  return alerts.filter((a) => a.severity !== 'info').length;
}

/** The headline tiles from the view's KPIs and open alerts. */
export function headlineTiles(kpis: readonly KpiTile[], alerts: readonly AlertView[]): TileModel[] {
  const byId = new Map(kpis.map((k) => [k.id, k]));
  return HEADLINE_KPIS.map((h) => {
    const k = byId.get(h.id);
    const value = h.id === 'openExceptions' ? openExceptions(alerts) : (k?.value ?? null);
    const unit = k?.unit ?? h.unit;
    return {
      id: h.id,
      label: k?.label ?? h.label,
      text: formatKpi(value, unit),
      value,
      tone: toneOf(h.id, value),
    };
  });
}

/**
 * Sparkline history per KPI: (sim time, value) pairs in fixed rings. A sample is taken when
 * sim time has moved on by `everyMs` since the last one, so the line spans a steady window.
 */
export class KpiHistory {
  private readonly t = new Map<string, number[]>();
  private readonly v = new Map<string, (number | null)[]>();
  private last = -Infinity;

  constructor(private readonly everyMs = 60_000) {}

  /** Adds a sample of every tile if enough sim time has passed; true when one was added. */
  sample(simTime: number, tiles: readonly TileModel[]): boolean {
    if (simTime < this.last) this.clear();
    if (simTime - this.last < this.everyMs) return false;
    this.last = simTime;
    for (const tile of tiles) {
      let ts = this.t.get(tile.id);
      let vs = this.v.get(tile.id);
      if (!ts || !vs) {
        this.t.set(tile.id, (ts = []));
        this.v.set(tile.id, (vs = []));
      }
      ts.push(simTime / 1000);
      vs.push(tile.value);
      if (ts.length > HISTORY_POINTS) {
        ts.shift();
        vs.shift();
      }
    }
    return true;
  }

  /** uPlot-shaped data for a tile: [times (s), values]. */
  series(id: string): [number[], (number | null)[]] {
    return [this.t.get(id) ?? [], this.v.get(id) ?? []];
  }

  /** Forgets all samples (a new run, or time went backwards). */
  clear(): void {
    this.t.clear();
    this.v.clear();
    this.last = -Infinity;
  }
}
