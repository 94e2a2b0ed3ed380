import { BinFlag, type BinTable, type ViewState } from '../../sim/viewApi.ts';

/** One bin of a test view. */
export interface TestBin {
  code: string;
  x: number;
  y: number;
  zone?: number;
  type?: number;
  status?: number;
  fill?: number;
  system?: number;
  physical?: number;
}

/** A small view for model tests: bins as given, zones F (forward) and S (staging). */
export function testView(bins: TestBin[], patch: Partial<ViewState> = {}): ViewState {
  const t: BinTable = {
    index: Uint32Array.from(bins.map((_, i) => i)),
    code: bins.map((b) => b.code),
    x: Float64Array.from(bins.map((b) => b.x)),
    y: Float64Array.from(bins.map((b) => b.y)),
    zone: Uint8Array.from(bins.map((b) => b.zone ?? 0)),
    type: Uint8Array.from(bins.map((b) => b.type ?? 0)),
    status: Uint8Array.from(bins.map((b) => b.status ?? 0)),
    fill: Uint8Array.from(bins.map((b) => b.fill ?? 100)),
    systemQty: Float64Array.from(bins.map((b) => b.system ?? 10)),
    physicalQty: Float64Array.from(bins.map((b) => b.physical ?? b.system ?? 10)),
  };
  return {
    seq: 1,
    simTime: 0,
    run: { runId: 'r1', scenario: 't', seed: '1', speed: 60, paused: false, until: null },
    site: 'T',
    zones: [
      { id: 'F', name: 'Forward', kind: 'forward' },
      { id: 'S', name: 'Staging', kind: 'staging' },
    ],
    walkways: null,
    bins: t,
    workers: [],
    kpis: [],
    alerts: [],
    ...patch,
  };
}

/** Racking like the layout generator makes: aisles 3 m apart, two faces per point, `levels` levels. */
export function rackBins(aisles: number, bays: number, levels: number): TestBin[] {
  const out: TestBin[] = [];
  for (let a = 1; a <= aisles; a++) {
    for (let bay = 1; bay <= bays; bay++) {
      for (let l = 1; l <= levels; l++) {
        out.push({
          code: `F-${String(a).padStart(2, '0')}-${String(bay).padStart(2, '0')}-${String.fromCharCode(64 + l)}`,
          x: (a - 0.5) * 3,
          y: 10 + Math.floor((bay - 1) / 2) * 1.35,
        });
      }
    }
  }
  return out;
}

/** Re-exported so tests need one import. */
export { BinFlag };
