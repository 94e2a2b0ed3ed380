import { BIN_TYPES, type ViewState } from '../../sim/viewApi.ts';
import { parseBinCode } from './binCode.ts';
import { binRect, type BinGrid, type ZoneGrid } from './binGrid.ts';
import { Colour } from './palette.ts';

/** An axis-aligned rectangle in world metres. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A zone outline with its name; floor areas (staging, QC, docks) get a tinted fill. */
export interface ZoneOutline {
  id: string;
  name: string;
  kind: string;
  rect: Rect;
  colour: number;
  /** 0 for racking (outline only). */
  fillAlpha: number;
}

/** A dock door. */
export interface DockMark {
  code: string;
  rect: Rect;
}

/** A static label (an aisle name) shown from a middle zoom level on. */
export interface FloorLabel {
  id: string;
  text: string;
  x: number;
  y: number;
}

/** The static parts of the floor: zone outlines, docks and aisle labels. */
export interface FloorPlan {
  zones: ZoneOutline[];
  docks: DockMark[];
  aisles: FloorLabel[];
}

const PAD = 0.6;

/** Outline colour and fill by zone kind: areas that hold goods in transit or on hold stand out. */
function zoneStyle(kind: string): { colour: number; fillAlpha: number } {
  switch (kind) {
    case 'staging':
    case 'pack':
      return { colour: Colour.staging, fillAlpha: 0.08 };
    case 'qc':
    case 'returns':
      return { colour: Colour.qc, fillAlpha: 0.1 };
    case 'receiving':
    case 'ship':
      return { colour: Colour.dock, fillAlpha: 0.08 };
    case 'cold':
      return { colour: Colour.cold, fillAlpha: 0.05 };
    case 'hazmat':
      return { colour: Colour.hazmat, fillAlpha: 0.05 };
    default:
      return { colour: Colour.zoneOutline, fillAlpha: 0 };
  }
}

/** Builds the floor plan from the view's zones and the bin grid. */
export function buildFloorPlan(view: ViewState, grid: BinGrid): FloorPlan {
  const zones: ZoneOutline[] = grid.zones.map((g) => {
    const info = view.zones[g.zone];
    const kind = info?.kind ?? 'unknown';
    return {
      id: info?.id ?? String(g.zone),
      name: info?.name ?? `zone ${g.zone}`,
      kind,
      rect: { x: g.x - PAD, y: g.y - PAD, w: g.width * g.texelW + 2 * PAD, h: g.height * g.texelH + 2 * PAD },
      ...zoneStyle(kind),
    };
  });
  const docks: DockMark[] = [];
  // Aisle names go under the racks: zone names sit above them.
  const aisleEnd = new Map<string, { x: number; y: number }>();
  const b = view.bins;
  for (let i = 0; i < b.code.length; i++) {
    const code = b.code[i]!;
    if (BIN_TYPES[b.type[i]!] === 'dock') {
      const r = binRect(grid, i);
      if (r) docks.push({ code, rect: r });
      continue;
    }
    const p = parseBinCode(code);
    if (!p || p.aisle === 0) continue;
    const key = `${p.zone}-${String(p.aisle).padStart(2, '0')}`;
    const end = aisleEnd.get(key);
    const y = b.y[i]!;
    if (!end || y > end.y) aisleEnd.set(key, { x: b.x[i]!, y });
  }
  const aisles = [...aisleEnd].map(([text, p]) => ({ id: `aisle:${text}`, text, x: p.x, y: p.y + 2 }));
  return { zones, docks, aisles };
}

/** A bin code label placed inside its bin. */
export interface BinLabel {
  row: number;
  text: string;
  /** Centre, world metres. */
  x: number;
  y: number;
  /** True when the bin is taller than wide: the text runs vertically. */
  vertical: boolean;
}

/** Level of detail: what text to show at a zoom (screen pixels per metre). */
export interface Detail {
  zoneNames: boolean;
  aisleLabels: boolean;
  binCodes: boolean;
}

/** Screen size a bin must have before its code is drawn in it (pixels). */
export const BIN_LABEL_MIN_PX = { long: 52, short: 12 };

/** True when a zone's bins are big enough on screen to hold their codes. */
export function codesFit(g: ZoneGrid, pxPerMetre: number): boolean {
  const block = g.kind === 'floor' ? 4 : 1;
  const short = Math.min(g.texelW, g.texelH) * block * pxPerMetre;
  const long = Math.max(g.texelW, g.texelH) * block * pxPerMetre;
  return short >= BIN_LABEL_MIN_PX.short && long >= BIN_LABEL_MIN_PX.long;
}

/** Which labels a zoom level shows; bin codes appear zone by zone as their bins grow big enough. */
export function detailAt(pxPerMetre: number, grid: BinGrid): Detail {
  return {
    zoneNames: true,
    aisleLabels: pxPerMetre >= 6,
    binCodes: grid.zones.some((g) => codesFit(g, pxPerMetre)),
  };
}

/**
 * Bin code labels for the bins inside a visible world rectangle, or none when the zoom is too
 * low or more than `limit` bins are visible (the view would be unreadable anyway).
 */
export function binLabels(
  view: ViewState,
  grid: BinGrid,
  visible: Rect,
  pxPerMetre: number,
  limit = 600,
): BinLabel[] {
  if (!detailAt(pxPerMetre, grid).binCodes) return [];
  const rows = new Set<number>();
  for (const g of grid.zones) {
    if (!codesFit(g, pxPerMetre)) continue;
    const x0 = Math.max(0, Math.floor((visible.x - g.x) / g.texelW));
    const y0 = Math.max(0, Math.floor((visible.y - g.y) / g.texelH));
    const x1 = Math.min(g.width - 1, Math.floor((visible.x + visible.w - g.x) / g.texelW));
    const y1 = Math.min(g.height - 1, Math.floor((visible.y + visible.h - g.y) / g.texelH));
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const r = g.lookup[y * g.width + x]!;
        if (r >= 0) rows.add(r);
        if (rows.size > limit) return [];
      }
    }
  }
  const out: BinLabel[] = [];
  for (const row of rows) {
    const r = binRect(grid, row);
    if (!r) continue;
    out.push({
      row,
      text: view.bins.code[row]!,
      x: r.x + r.w / 2,
      y: r.y + r.h / 2,
      vertical: r.h > r.w * 1.5,
    });
  }
  return out;
}
