import type { WebGLRenderer } from 'pixi.js';
import { FloorView } from '../render/floorView.ts';
import { stepWorkers, syntheticView } from './syntheticView.ts';

/** What the bench page reports on `window.__bench` when done. */
export interface BenchResult {
  bins: number;
  workers: number;
  frames: number;
  /** Mean time to update workers and render one frame, GPU work included (ms). */
  meanFrameMs: number;
  p95FrameMs: number;
  /** Mean time to render a frame when nothing changed: the GPU cost of drawing the floor (ms). */
  staticFrameMs: number;
  /** Time to recolour every bin (switch layer) and upload the textures (ms). */
  repaintMs: number;
  /** Time to build the grid and textures from the snapshot (ms). */
  buildMs: number;
  renderer: string;
}

const WARMUP = 10;
const FRAMES = 60;

/**
 * The frame-time bench: draws a synthetic site of `bins` bins and 300 moving workers, then
 * renders frames back to back with the ticker stopped, reading one pixel after each so the
 * GPU work is inside the measurement (rAF alone would measure vsync).
 */
export async function runBench(host: HTMLElement, bins: number): Promise<BenchResult> {
  const floor = await FloorView.create(host, false);
  const app = floor.stage.app;
  app.ticker.stop();
  const gl = (app.renderer as WebGLRenderer).gl as WebGL2RenderingContext | undefined;
  const px = new Uint8Array(4);
  const sync = (): void => {
    gl?.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
  };
  let view = syntheticView(bins);
  const t0 = performance.now();
  floor.update(view, 'snapshot');
  floor.tick(1000);
  app.render();
  sync();
  const buildMs = performance.now() - t0;
  const times: number[] = [];
  for (let f = 0; f < WARMUP + FRAMES; f++) {
    const a = performance.now();
    view = stepWorkers(view, f);
    floor.update(view, 'positions');
    floor.tick(16);
    app.render();
    sync();
    if (f >= WARMUP) times.push(performance.now() - a);
  }
  let still = 0;
  for (let f = 0; f < FRAMES; f++) {
    const a = performance.now();
    app.render();
    sync();
    still += performance.now() - a;
  }
  const r0 = performance.now();
  floor.setLayer('fill');
  floor.tick(16);
  app.render();
  sync();
  const repaintMs = performance.now() - r0;
  times.sort((x, y) => x - y);
  const mean = times.reduce((s, x) => s + x, 0) / times.length;
  const dbg = gl?.getExtension('WEBGL_debug_renderer_info');
  return {
    bins,
    workers: view.workers.length,
    frames: times.length,
    meanFrameMs: round(mean),
    p95FrameMs: round(times[Math.floor(times.length * 0.95)] ?? mean),
    staticFrameMs: round(still / FRAMES),
    repaintMs: round(repaintMs),
    buildMs: round(buildMs),
    renderer: gl && dbg ? String(gl.getParameter(dbg.UNMASKED_RENDERER_WEBGL)) : 'unknown',
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
