import type { ViewState } from '../../sim/viewApi.ts';
import { binAt, buildBinGrid, type BinGrid } from '../model/binGrid.ts';
import { paintBins, type LayerId } from '../model/binLayers.ts';
import { BinStats } from '../model/binStats.ts';
import { binLabels, buildFloorPlan, detailAt, type FloorPlan, type Rect } from '../model/floorPlan.ts';
import { WorkerTracker, workerAt, type WorkerMarker } from '../model/workerMarkers.ts';
import type { ViewChange } from '../net/liveLink.ts';
import { BinTextureLayer } from './binTextureLayer.ts';
import { FloorStage } from './floorStage.ts';
import { GridLinesLayer } from './gridLinesLayer.ts';
import { LabelLayer } from './labelLayer.ts';
import { WorkerLayer } from './workerLayer.ts';
import { ZoneLayer } from './zoneLayer.ts';

/** What a click on the floor hit. */
export type FloorHit = { kind: 'bin'; row: number } | { kind: 'worker'; id: string } | null;

/** Bins are repainted at most this often (ms): deltas can come faster than the eye needs. */
const REPAINT_MS = 250;

/** What the floor view exposes for tests and the page (`window.__bintwin.floor`). */
export interface FloorDebug {
  bins: number;
  binsPlaced: number;
  zones: number;
  workers: number;
  workerSprites: number;
  layer: LayerId;
  pxPerMetre: number;
  labels: number;
  paints: number;
}

/**
 * The floor: holds the pure model (bin grid, plan, stats, worker trails) and reconciles the
 * Pixi layers with it on every view change. The model is rebuilt only when the bin set
 * changes (a new run or zone); otherwise deltas repaint the bin textures and move workers.
 */
export class FloorView {
  private grid: BinGrid | null = null;
  private plan: FloorPlan | null = null;
  private stats: BinStats | null = null;
  private readonly tracker = new WorkerTracker();
  private markers: WorkerMarker[] = [];
  private view: ViewState | null = null;
  private layer: LayerId = 'status';
  private readonly bins = new BinTextureLayer();
  private readonly zones: ZoneLayer;
  private readonly gridLines = new GridLinesLayer();
  private readonly workers: WorkerLayer;
  private readonly labels = new LabelLayer();
  private dirty = false;
  private lastPaint = 0;
  private paints = 0;
  private labelsDirty = true;
  /** What the camera was last fitted to; kept fitted on resize until the user pans or zooms. */
  private focusTarget: string | null = null;
  private userMoved = false;

  private constructor(
    readonly stage: FloorStage,
    large: boolean,
  ) {
    this.zones = new ZoneLayer(large ? 26 : 14);
    this.workers = new WorkerLayer(stage.app.renderer, large ? 20 : 14);
    stage.world.addChild(
      this.zones.under,
      this.bins.container,
      this.gridLines.container,
      this.workers.container,
      this.labels.container,
      this.zones.names,
    );
    stage.viewport.on('zoomed', () => this.onZoom());
    stage.viewport.on('moved', () => (this.labelsDirty = true));
    for (const e of ['drag-start', 'wheel-start', 'pinch-start'] as const) {
      stage.viewport.on(e, () => (this.userMoved = true));
    }
    stage.app.renderer.on('resize', () => {
      // Layout settles after the first snapshot (tiles appear): keep the fit until the user moves.
      if (!this.userMoved) requestAnimationFrame(() => this.focus(this.focusTarget));
    });
    stage.app.ticker.add((t) => this.tick(t.deltaMS));
  }

  /** Creates the floor view inside `host`; `large` for wall screens (bigger names and markers). */
  static async create(host: HTMLElement, interactive: boolean, large = false): Promise<FloorView> {
    return new FloorView(await FloorStage.create(host, { interactive }), large);
  }

  /** Takes in a new view. */
  update(view: ViewState, change: ViewChange): void {
    const fresh = change === 'snapshot' || !this.grid || !this.stats?.fits(view);
    this.view = view;
    if (fresh) this.rebuild(view);
    else if (change === 'delta') {
      this.stats?.observe(view);
      this.dirty = true;
    }
    this.markers = this.tracker.update(view.workers, view.simTime, view.walkways);
    this.workers.update(this.markers, view.walkways);
  }

  /** Switches the bin colouring. */
  setLayer(layer: LayerId): void {
    this.layer = layer;
    this.dirty = true;
    this.lastPaint = 0;
  }

  /** The bin colouring shown. */
  get currentLayer(): LayerId {
    return this.layer;
  }

  /** What is under a world point: a worker first (they are small and on top), then a bin. */
  hitTest(wx: number, wy: number): FloorHit {
    const w = workerAt(this.markers, wx, wy, 10 / this.stage.pxPerMetre);
    if (w) return { kind: 'worker', id: w.id };
    const row = this.grid ? binAt(this.grid, wx, wy) : null;
    return row === null ? null : { kind: 'bin', row };
  }

  /** Calls back with what a click (without a drag) hit. */
  onClick(handler: (hit: FloorHit) => void): void {
    this.stage.viewport.on('clicked', (e) => handler(this.hitTest(e.world.x, e.world.y)));
  }

  /** Records a count seen in the alert stream (for the count-age layer). */
  noteCount(code: string, simTime: number): void {
    this.stats?.counted(code, simTime);
    if (this.layer === 'countAge') this.dirty = true;
  }

  /** The worker markers drawn now (the debrief page's test hook reads them). */
  workerMarkers(): readonly WorkerMarker[] {
    return this.markers;
  }

  /** Recent actions of a worker (from the stream), newest first. */
  workerActions(id: string): ReturnType<WorkerTracker['recentActions']> {
    return this.tracker.recentActions(id);
  }

  /** World rectangle of a zone (by id), or the whole site for null. */
  zoneRect(zoneId: string | null): Rect | null {
    if (!this.plan || !this.grid) return null;
    if (zoneId === null) return boundsRect(this.grid);
    return this.plan.zones.find((z) => z.id === zoneId)?.rect ?? null;
  }

  /** Fits a zone (or the whole site) to the screen. */
  focus(zoneId: string | null): void {
    this.focusTarget = zoneId;
    this.userMoved = false;
    const r = this.zoneRect(zoneId);
    if (r) this.stage.fitRect(r);
    this.onZoom();
  }

  /** Screen position of a bin's centre (for tests that click a bin). */
  screenOfBin(row: number): { x: number; y: number } | null {
    if (!this.grid) return null;
    const g = this.grid.zones[this.grid.grid[row] ?? -1];
    if (!g) return null;
    const s = this.grid.size[row]!;
    const wx = g.x + (this.grid.tx[row]! + s / 2) * g.texelW;
    const wy = g.y + (this.grid.ty[row]! + s / 2) * g.texelH;
    const p = this.stage.viewport.toScreen(wx, wy);
    return { x: p.x, y: p.y };
  }

  /**
   * Renders the floor off screen and counts pixels that are not background: proof for tests
   * that bins and workers really reach the GPU, not just the model. Slow; tests only.
   */
  drawnPixels(): { drawn: number; total: number } {
    const { pixels, width, height } = this.stage.app.renderer.extract.pixels({ target: this.stage.world });
    let drawn = 0;
    for (let i = 0; i < pixels.length; i += 4) if (pixels[i + 3]! > 0) drawn++;
    return { drawn, total: width * height };
  }

  /** Figures for tests and the debug hook. */
  debug(): FloorDebug {
    return {
      bins: this.view?.bins.code.length ?? 0,
      binsPlaced: this.grid ? this.grid.grid.filter((g) => g >= 0).length : 0,
      zones: this.grid?.zones.length ?? 0,
      workers: this.view?.workers.length ?? 0,
      workerSprites: this.workers.size,
      layer: this.layer,
      pxPerMetre: this.stage.pxPerMetre,
      labels: this.labels.size,
      paints: this.paints,
    };
  }

  private rebuild(view: ViewState): void {
    this.grid = buildBinGrid(view.bins, view.zones);
    this.plan = buildFloorPlan(view, this.grid);
    this.stats = new BinStats(view);
    this.tracker.reset();
    this.bins.setGrid(this.grid);
    this.gridLines.setGrid(this.grid);
    this.zones.setPlan(this.plan);
    this.stage.setWorld(boundsRect(this.grid));
    this.focus(this.focusTarget);
    this.dirty = true;
    this.lastPaint = 0;
  }

  private onZoom(): void {
    const z = this.stage.pxPerMetre;
    this.zones.setZoom(z);
    this.gridLines.setZoom(z);
    this.workers.setZoom(z);
    this.labelsDirty = true;
  }

  /** Per-frame work: glide workers, repaint bins when due, refresh labels (the ticker calls it). */
  tick(dtMs: number): void {
    this.workers.glide(dtMs);
    const now = performance.now();
    if (this.dirty && this.view && this.grid && now - this.lastPaint >= REPAINT_MS) {
      paintBins(this.grid, this.view, this.stats, this.layer, this.bins.targets);
      this.bins.commit();
      this.dirty = false;
      this.lastPaint = now;
      this.paints++;
    }
    if (this.labelsDirty && this.view && this.grid && this.plan) {
      const z = this.stage.pxPerMetre;
      const d = detailAt(z, this.grid);
      const bins = binLabels(this.view, this.grid, this.stage.visibleRect(), z);
      this.labels.show(d.aisleLabels ? this.plan.aisles : [], bins, z);
      this.labelsDirty = false;
    }
  }
}

function boundsRect(grid: BinGrid): Rect {
  const b = grid.bounds;
  return { x: b.minX, y: b.minY, w: Math.max(1, b.maxX - b.minX), h: Math.max(1, b.maxY - b.minY) };
}
