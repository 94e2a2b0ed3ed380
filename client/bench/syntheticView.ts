import { BinFlag, type BinTable, type ViewState, type WorkerView } from '../../sim/viewApi.ts';

/** Bays per aisle and levels of the synthetic racking (both faces of each aisle). */
const BAYS = 80;
const LEVELS = 4;
const AISLES_PER_ZONE = 20;
const AISLE_SPACING = 3;
const BAY_WIDTH = 1.35;

/** A small deterministic generator (the bench must draw the same picture every run). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * A view with `bins` bins of racking (zones of 20 aisles, two faces, four levels) and
 * `workers` workers, with varied statuses and fills: the frame-time bench's scene.
 */
export function syntheticView(bins: number, workers = 300, seed = 1): ViewState {
  const rnd = lcg(seed);
  const perAisle = BAYS * LEVELS;
  const aisles = Math.ceil(bins / perAisle);
  const zoneCount = Math.ceil(aisles / AISLES_PER_ZONE);
  const t: BinTable = {
    index: new Uint32Array(bins),
    code: new Array<string>(bins),
    x: new Float64Array(bins),
    y: new Float64Array(bins),
    zone: new Uint8Array(bins),
    type: new Uint8Array(bins),
    status: new Uint8Array(bins),
    fill: new Uint8Array(bins),
    systemQty: new Float64Array(bins),
    physicalQty: new Float64Array(bins),
  };
  const zoneId = (z: number): string => `Z${z.toString(36).toUpperCase()}`;
  for (let i = 0; i < bins; i++) {
    const a = Math.floor(i / perAisle);
    const k = i % perAisle;
    const bay = Math.floor(k / LEVELS) + 1;
    const level = (k % LEVELS) + 1;
    const z = Math.floor(a / AISLES_PER_ZONE);
    const aisleInZone = (a % AISLES_PER_ZONE) + 1;
    t.index[i] = i;
    t.code[i] =
      `${zoneId(z)}-${String(aisleInZone).padStart(2, '0')}-${String(bay).padStart(3, '0')}-${String.fromCharCode(64 + level)}`;
    // Zones side by side in x with a gap; bays on both faces share a point, as the generator does.
    t.x[i] = (a + 0.5) * AISLE_SPACING + z * 6;
    t.y[i] = 10 + (Math.floor((bay - 1) / 2) + 0.5) * BAY_WIDTH;
    t.zone[i] = z;
    t.type[i] = level === 1 ? 0 : 1;
    const r = rnd();
    const qty = r < 0.08 ? 0 : Math.floor(rnd() * 200);
    t.physicalQty[i] = qty;
    t.systemQty[i] = rnd() < 0.02 ? qty + 3 : qty;
    t.fill[i] = Math.min(255, Math.floor((qty / 200) * 210));
    let s = 0;
    if (qty === 0) s |= BinFlag.empty;
    if (t.systemQty[i] !== qty) s |= BinFlag.variance;
    if (r > 0.99) s |= BinFlag.onHold;
    if (r > 0.97 && r < 0.98) s |= BinFlag.belowMin;
    t.status[i] = s;
  }
  const width = aisles * AISLE_SPACING + zoneCount * 6;
  const depth = 10 + (BAYS / 2) * BAY_WIDTH;
  const ws: WorkerView[] = Array.from({ length: workers }, (_, i) => ({
    code: `w-${i}`,
    role: ['picker', 'replenisher', 'counter', 'putaway'][i % 4]!,
    device: `RF-${String(i + 1).padStart(3, '0')}`,
    x: rnd() * width,
    y: 10 + rnd() * (depth - 10),
    task: i % 3 === 0 ? null : 'pick',
    moving: true,
  }));
  return {
    seq: 0,
    simTime: 0,
    run: { runId: 'bench', scenario: 'bench', seed: String(seed), speed: 60, paused: false, until: null },
    site: 'BENCH',
    zones: Array.from({ length: zoneCount }, (_, z) => ({
      id: zoneId(z),
      name: `Zone ${zoneId(z)}`,
      kind: 'forward',
    })),
    walkways: null,
    bins: t,
    workers: ws,
    kpis: [],
    alerts: [],
  };
}

/** The next bench frame: every worker takes a small step (deterministic). */
export function stepWorkers(view: ViewState, frame: number): ViewState {
  return {
    ...view,
    seq: view.seq + 1,
    workers: view.workers.map((w, i) => ({
      ...w,
      x: w.x + Math.cos((frame + i) / 10) * 0.3,
      y: w.y + Math.sin((frame + i) / 10) * 0.3,
    })),
  };
}
