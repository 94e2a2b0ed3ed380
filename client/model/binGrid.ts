import type { BinTable, ZoneInfo } from '../../sim/viewApi.ts';
import { parseBinCode } from './binCode.ts';

/**
 * Where each bin is drawn. Every zone gets one texture: a grid of texels over the zone's floor
 * area, one texel per bin in racking (levels and the two faces of an aisle side by side, since
 * they share one floor point), a small block per bin in floor areas. Drawing a zone is then one
 * sprite, and picking a bin is grid maths. Pure: a function of the static bin columns.
 */
export interface ZoneGrid {
  /** Index into `ViewState.zones`. */
  zone: number;
  /** 'rack' when bins share floor points (aisles), 'floor' for single bins on a floor area. */
  kind: 'rack' | 'floor';
  /** World position (metres) of the grid's top-left corner. */
  x: number;
  y: number;
  /** Metres per texel. */
  texelW: number;
  texelH: number;
  /** Texels. */
  width: number;
  height: number;
  /** Bin row per texel (row-major), -1 for none. */
  lookup: Int32Array;
}

/** The grids of every zone and each bin's place in them. */
export interface BinGrid {
  zones: ZoneGrid[];
  /** Per bin row: index into `zones`, or -1 when the bin could not be placed. */
  grid: Int16Array;
  /** Per bin row: top-left texel and block size within its grid. */
  tx: Uint16Array;
  ty: Uint16Array;
  size: Uint8Array;
  /** Bins that could not be placed (a collision after clamping an oversized grid). */
  hidden: number;
  /** World bounds of all grids. */
  bounds: { minX: number; minY: number; maxX: number; maxY: number };
}

/** Largest texture side we create (well under every GPU's limit). */
export const MAX_TEXTURE_SIDE = 4096;
/** Texel size of floor areas, metres; a floor bin is a FLOOR_BLOCK × FLOOR_BLOCK block of texels. */
const FLOOR_TEXEL_M = 0.25;
const FLOOR_BLOCK = 4;
const EPS = 0.05;

/** Builds the grids for a bin table (one per zone that has bins). */
export function buildBinGrid(bins: BinTable, _zones: readonly ZoneInfo[] = []): BinGrid {
  const n = bins.code.length;
  const out: BinGrid = {
    zones: [],
    grid: new Int16Array(n).fill(-1),
    tx: new Uint16Array(n),
    ty: new Uint16Array(n),
    size: new Uint8Array(n),
    hidden: 0,
    bounds: { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity },
  };
  const rowsByZone = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const z = bins.zone[i]!;
    let rows = rowsByZone.get(z);
    if (!rows) rowsByZone.set(z, (rows = []));
    rows.push(i);
  }
  const zoneIds = [...rowsByZone.keys()].sort((a, b) => a - b);
  const racked = zoneIds.filter((z) => groupsShareFloorPoints(bins, rowsByZone.get(z)!));
  // A zone with a single aisle has no x pitch of its own: borrow the site's aisle spacing.
  const siteXs: number[] = [];
  for (const z of racked) for (const r of rowsByZone.get(z)!) siteXs.push(bins.x[r]!);
  const sitePitchX = pitch(siteXs);
  for (const z of zoneIds) {
    const rows = rowsByZone.get(z)!;
    const g = racked.includes(z) ? rackGrid(bins, rows, z, out, sitePitchX) : floorGrid(bins, rows, z, out);
    const gi = out.zones.length;
    out.zones.push(g);
    for (const r of rows) if (out.grid[r] === -2) out.grid[r] = gi;
    const b = out.bounds;
    b.minX = Math.min(b.minX, g.x);
    b.minY = Math.min(b.minY, g.y);
    b.maxX = Math.max(b.maxX, g.x + g.width * g.texelW);
    b.maxY = Math.max(b.maxY, g.y + g.height * g.texelH);
  }
  if (out.zones.length === 0) out.bounds = { minX: 0, minY: 0, maxX: 1, maxY: 1 };
  return out;
}

/** The texel under a world point in a grid, or null outside it. */
export function binAt(grid: BinGrid, wx: number, wy: number): number | null {
  for (const g of grid.zones) {
    const tx = Math.floor((wx - g.x) / g.texelW);
    const ty = Math.floor((wy - g.y) / g.texelH);
    if (tx < 0 || ty < 0 || tx >= g.width || ty >= g.height) continue;
    const row = g.lookup[ty * g.width + tx]!;
    if (row >= 0) return row;
  }
  return null;
}

/** World rectangle (metres) a bin is drawn in. */
export function binRect(grid: BinGrid, row: number): { x: number; y: number; w: number; h: number } | null {
  const g = grid.zones[grid.grid[row] ?? -1];
  if (!g) return null;
  const s = grid.size[row]!;
  return {
    x: g.x + grid.tx[row]! * g.texelW,
    y: g.y + grid.ty[row]! * g.texelH,
    w: s * g.texelW,
    h: s * g.texelH,
  };
}

/** Min and max without spreading (a spread of 200k arguments overflows the stack). */
function range(v: number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of v) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return [lo, hi];
}

function pointKey(x: number, y: number): string {
  return `${Math.round(x * 100)},${Math.round(y * 100)}`;
}

function groupsShareFloorPoints(bins: BinTable, rows: number[]): boolean {
  const points = new Set(rows.map((r) => pointKey(bins.x[r]!, bins.y[r]!)));
  return points.size < rows.length;
}

/** Smallest gap between distinct sorted values (above EPS), or null when there is one value. */
function pitch(values: number[]): number | null {
  const v = [...new Set(values.map((x) => Math.round(x * 1000) / 1000))].sort((a, b) => a - b);
  let best = Infinity;
  for (let i = 1; i < v.length; i++) {
    const d = v[i]! - v[i - 1]!;
    if (d > EPS && d < best) best = d;
  }
  return Number.isFinite(best) ? best : null;
}

/**
 * Racking: each floor point is a cell of (pitchX × pitchY) metres centred on the point; its bins
 * sit side by side in one row of texels: the first face's levels on the left (level A nearest
 * the aisle), a two-texel walkway, the second face's levels on the right. Back-to-back racks of
 * neighbouring aisles then touch, as on a real floor.
 */
function rackGrid(
  bins: BinTable,
  rows: number[],
  z: number,
  out: BinGrid,
  sitePitchX: number | null,
): ZoneGrid {
  const xs = rows.map((r) => bins.x[r]!);
  const ys = rows.map((r) => bins.y[r]!);
  let px = pitch(xs) ?? sitePitchX ?? 3;
  let py = pitch(ys) ?? px;
  const [minX, maxX] = range(xs);
  const [minY, maxY] = range(ys);
  // Group by floor point, then split each group into faces (bays) and levels.
  const groups = new Map<string, { rows: number[] }>();
  const cells = (p: number, span: number): number => Math.round(span / p) + 1;
  // Clamp oversized grids (irregular coordinates) by coarsening the pitch.
  const spanX = maxX - minX;
  const spanY = maxY - minY;
  let faces = 1;
  let levels = 1;
  for (const r of rows) {
    const key = pointKey(bins.x[r]!, bins.y[r]!);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { rows: [] }));
    g.rows.push(r);
  }
  const layout = new Map<number, { face: number; level: number }>();
  for (const g of groups.values()) {
    const parts = g.rows.map((r) => ({ r, p: parseBinCode(bins.code[r]!) }));
    const bays = [...new Set(parts.map((x) => x.p?.bay ?? 0))].sort((a, b) => a - b);
    const perFace = new Map<number, { r: number; level: number }[]>();
    for (const { r, p } of parts) {
      // More than two bays on one point is not an aisle with two faces: keep them in one strip.
      const face = bays.length <= 2 ? bays.indexOf(p?.bay ?? 0) : 0;
      let list = perFace.get(face);
      if (!list) perFace.set(face, (list = []));
      list.push({ r, level: p?.level ?? r });
    }
    faces = Math.max(faces, perFace.size);
    for (const [face, list] of perFace) {
      list.sort((a, b) => a.level - b.level);
      list.forEach((x, k) => layout.set(x.r, { face, level: k }));
      levels = Math.max(levels, list.length);
    }
  }
  const subW = faces === 2 ? 2 * levels + 2 : levels;
  while (cells(px, spanX) * subW > MAX_TEXTURE_SIDE) px *= 2;
  while (cells(py, spanY) > MAX_TEXTURE_SIDE) py *= 2;
  const width = cells(px, spanX) * subW;
  const height = cells(py, spanY);
  const grid: ZoneGrid = {
    zone: z,
    kind: 'rack',
    x: minX - px / 2,
    y: minY - py / 2,
    texelW: px / subW,
    texelH: py,
    width,
    height,
    lookup: new Int32Array(width * height).fill(-1),
  };
  for (const r of rows) {
    const at = layout.get(r)!;
    const cx = Math.round((bins.x[r]! - minX) / px);
    const cy = Math.round((bins.y[r]! - minY) / py);
    // Level A nearest the walkway: face 0 counts leftwards from the middle, face 1 rightwards.
    const col = faces === 2 ? (at.face === 0 ? levels - 1 - at.level : levels + 2 + at.level) : at.level;
    place(out, grid, r, cx * subW + col, cy, 1);
  }
  return grid;
}

/** Floor areas: a block of texels per bin, centred on its point, on a fine grid. */
function floorGrid(bins: BinTable, rows: number[], z: number, out: BinGrid): ZoneGrid {
  const xs = rows.map((r) => bins.x[r]!);
  const ys = rows.map((r) => bins.y[r]!);
  const half = (FLOOR_TEXEL_M * FLOOR_BLOCK) / 2;
  const [x0, x1] = range(xs);
  const [y0, y1] = range(ys);
  const minX = x0 - half;
  const minY = y0 - half;
  let t = FLOOR_TEXEL_M;
  const span = Math.max(x1 - x0, y1 - y0) + 2 * half;
  while (span / t > MAX_TEXTURE_SIDE) t *= 2;
  const block = Math.max(1, Math.round((FLOOR_TEXEL_M * FLOOR_BLOCK) / t));
  const width = Math.ceil((x1 + half - minX) / t) + 1;
  const height = Math.ceil((y1 + half - minY) / t) + 1;
  const grid: ZoneGrid = {
    zone: z,
    kind: 'floor',
    x: minX,
    y: minY,
    texelW: t,
    texelH: t,
    width,
    height,
    lookup: new Int32Array(width * height).fill(-1),
  };
  for (const r of rows) {
    const tx = Math.round((bins.x[r]! - minX) / t - block / 2);
    const ty = Math.round((bins.y[r]! - minY) / t - block / 2);
    place(out, grid, r, tx, ty, block);
  }
  return grid;
}

/** Claims a block of texels for a bin unless another bin already holds its corner. */
function place(out: BinGrid, g: ZoneGrid, row: number, tx: number, ty: number, size: number): void {
  const x0 = Math.max(0, Math.min(g.width - size, tx));
  const y0 = Math.max(0, Math.min(g.height - size, ty));
  if (g.lookup[y0 * g.width + x0] !== -1) {
    out.hidden++;
    return;
  }
  for (let y = y0; y < y0 + size; y++) {
    for (let x = x0; x < x0 + size; x++)
      if (g.lookup[y * g.width + x] === -1) g.lookup[y * g.width + x] = row;
  }
  // -2 marks "placed, grid index pending" until the caller knows the grid's index.
  out.grid[row] = -2;
  out.tx[row] = x0;
  out.ty[row] = y0;
  out.size[row] = size;
}
