import { BinFlag, BIN_TYPES, fillRatio, type ViewState } from '../../sim/viewApi.ts';
import type { BinGrid } from './binGrid.ts';
import type { BinStats } from './binStats.ts';
import { AGE, Colour, FILL, HEAT, mix, ramp } from './palette.ts';

/** The bin colourings a user can switch between. */
export const LAYERS = ['status', 'fill', 'picks', 'variance', 'countAge', 'zones'] as const;
/** One bin colouring. */
export type LayerId = (typeof LAYERS)[number];

/** One legend entry. */
export interface LegendEntry {
  label: string;
  colour: number;
}

/** Name and legend of each layer. */
export const LAYER_INFO: Record<LayerId, { label: string; legend: LegendEntry[] }> = {
  status: {
    label: 'Bin status',
    legend: [
      { label: 'ok', colour: Colour.ok },
      { label: 'empty', colour: Colour.empty },
      { label: 'below min', colour: Colour.belowMin },
      { label: 'over capacity', colour: Colour.overCapacity },
      { label: 'on hold', colour: Colour.onHold },
      { label: 'counting', colour: Colour.counting },
      { label: 'variance', colour: Colour.variance },
    ],
  },
  fill: {
    label: 'Fill level',
    legend: [
      { label: '0%', colour: FILL[0] },
      { label: '50%', colour: FILL[2] },
      { label: '100%', colour: FILL[4] },
      { label: 'over', colour: Colour.overCapacity },
    ],
  },
  picks: {
    label: 'Pick frequency',
    legend: [
      { label: 'none', colour: Colour.noData },
      { label: 'few', colour: HEAT[1] },
      { label: 'many', colour: HEAT[4] },
    ],
  },
  variance: {
    label: 'Variance (physical ≠ system)',
    legend: [
      { label: 'agree', colour: Colour.noData },
      { label: 'small', colour: HEAT[2] },
      { label: '≥ 50%', colour: HEAT[4] },
    ],
  },
  countAge: {
    label: 'Last count age',
    legend: [
      { label: 'not seen', colour: Colour.noData },
      { label: 'today', colour: AGE[0] },
      { label: '≥ 7 days', colour: AGE[3] },
    ],
  },
  zones: {
    label: 'Temperature / hazard',
    legend: [
      { label: 'ambient', colour: Colour.ambient },
      { label: 'chilled', colour: Colour.cold },
      { label: 'hazmat', colour: Colour.hazmat },
      { label: 'QC / quarantine', colour: Colour.qc },
      { label: 'dock', colour: Colour.dock },
    ],
  },
};

const DAY_MS = 86_400_000;

/** Status colour: the most urgent problem wins; counting shows over "ok" and "empty". */
export function statusColour(status: number): number {
  if (status & BinFlag.overCapacity) return Colour.overCapacity;
  if (status & BinFlag.variance) return Colour.variance;
  if (status & BinFlag.onHold) return Colour.onHold;
  if (status & BinFlag.counting) return Colour.counting;
  if (status & BinFlag.belowMin) return Colour.belowMin;
  if (status & BinFlag.empty) return Colour.empty;
  return Colour.ok;
}

/** Colour of zone kind / bin type for the temperature-hazard layer. */
export function zoneColour(kind: string | undefined, binType: string | undefined): number {
  if (binType === 'dock') return Colour.dock;
  if (binType === 'quarantine' || kind === 'qc' || kind === 'returns') return Colour.qc;
  if (kind === 'cold') return Colour.cold;
  if (kind === 'hazmat') return Colour.hazmat;
  if (binType === 'staging' || kind === 'staging') return Colour.staging;
  return Colour.ambient;
}

/** The colour of one bin row in a layer. */
export function binColour(
  layer: LayerId,
  view: ViewState,
  stats: BinStats | null,
  row: number,
  maxPicks: number,
): number {
  const b = view.bins;
  switch (layer) {
    case 'status':
      return statusColour(b.status[row]!);
    case 'fill': {
      const r = fillRatio(b.fill[row]!);
      return r > 1 ? Colour.overCapacity : ramp(FILL, r);
    }
    case 'picks': {
      const p = stats?.picks[row] ?? 0;
      if (p === 0 || maxPicks === 0) return Colour.noData;
      return ramp(HEAT, 0.15 + (0.85 * Math.log1p(p)) / Math.log1p(maxPicks));
    }
    case 'variance': {
      const sys = b.systemQty[row]!;
      const phys = b.physicalQty[row]!;
      // The flag also catches lot/status mismatches that net to equal totals.
      if (sys === phys && (b.status[row]! & BinFlag.variance) === 0) return Colour.noData;
      const rel = Math.abs(sys - phys) / Math.max(1, sys, phys);
      return ramp(HEAT, 0.35 + 1.3 * rel);
    }
    case 'countAge': {
      const t = stats?.lastCounted[row] ?? -1;
      if (t < 0) return Colour.noData;
      return ramp(AGE, (view.simTime - t) / (7 * DAY_MS));
    }
    case 'zones':
      return zoneColour(view.zones[b.zone[row]!]?.kind, BIN_TYPES[b.type[row]!]);
  }
}

/**
 * Paints every bin of the view into its zone texture (RGBA, premultiplied: empty texels stay
 * transparent). `buffers` are reused when given and the right size, so repainting allocates
 * nothing. Returns the buffers, one per grid zone.
 */
export function paintBins(
  grid: BinGrid,
  view: ViewState,
  stats: BinStats | null,
  layer: LayerId,
  buffers: Uint8Array[] = [],
): Uint8Array[] {
  const out = grid.zones.map((g, i) => {
    const have = buffers[i];
    return have && have.length === g.width * g.height * 4 ? have : new Uint8Array(g.width * g.height * 4);
  });
  const maxPicks = layer === 'picks' ? (stats?.maxPicks() ?? 0) : 0;
  const n = view.bins.code.length;
  for (let row = 0; row < n; row++) {
    const gi = grid.grid[row]!;
    const g = grid.zones[gi];
    const buf = out[gi];
    if (!g || !buf) continue;
    const c = binColour(layer, view, stats, row, maxPicks);
    const s = grid.size[row]!;
    const x0 = grid.tx[row]!;
    const y0 = grid.ty[row]!;
    // Floor blocks get a darker rim so neighbouring floor bins read as separate squares.
    const rim = s > 2 ? mix(c, 0x000000, 0.45) : c;
    for (let y = y0; y < y0 + s; y++) {
      for (let x = x0; x < x0 + s; x++) {
        const edge = s > 2 && (x === x0 || y === y0 || x === x0 + s - 1 || y === y0 + s - 1);
        const k = (y * g.width + x) * 4;
        const cc = edge ? rim : c;
        buf[k] = (cc >> 16) & 255;
        buf[k + 1] = (cc >> 8) & 255;
        buf[k + 2] = cc & 255;
        buf[k + 3] = 255;
      }
    }
  }
  return out;
}
