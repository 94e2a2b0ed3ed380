import { Application, Container } from 'pixi.js';
import { Viewport } from 'pixi-viewport';
import { Colour } from '../model/palette.ts';
import type { Rect } from '../model/floorPlan.ts';

/** Stage options. */
export interface StageOptions {
  /** Pan and zoom with mouse and touch (off on wall screens). */
  interactive: boolean;
}

/**
 * The Pixi application, the pan/zoom viewport and the world container (a render group, so
 * panning moves one transform on the GPU instead of re-walking every child). World units are
 * metres; the viewport's scale is screen pixels per metre.
 */
export class FloorStage {
  /** Pixi application. */
  readonly app: Application;
  /** Pan/zoom camera. */
  readonly viewport: Viewport;
  /** Everything drawn on the floor, in metres. */
  readonly world: Container;
  private worldRect: Rect = { x: 0, y: 0, w: 1, h: 1 };
  /** Screen pixels at the top covered by overlays (the layer picker), kept clear when fitting. */
  insetTop = 0;

  private constructor(app: Application, viewport: Viewport, world: Container) {
    this.app = app;
    this.viewport = viewport;
    this.world = world;
  }

  /** Creates the stage inside `host` (sized to it). WebGL: WebGPU renders blank headless. */
  static async create(host: HTMLElement, opts: StageOptions): Promise<FloorStage> {
    const app = new Application();
    await app.init({
      preference: 'webgl',
      resizeTo: host,
      background: Colour.background,
      antialias: false,
      autoDensity: true,
      resolution: Math.min(2, window.devicePixelRatio || 1),
    });
    host.appendChild(app.canvas);
    // resizeTo only follows window resizes; the host also changes when the page layout settles.
    new ResizeObserver(() => app.resize()).observe(host);
    const viewport = new Viewport({
      screenWidth: host.clientWidth,
      screenHeight: host.clientHeight,
      events: app.renderer.events,
      passiveWheel: false,
    });
    if (opts.interactive) {
      viewport.drag().pinch().wheel().decelerate({ friction: 0.9 });
      viewport.clampZoom({ minScale: 0.2, maxScale: 400 });
    }
    const world = new Container({ isRenderGroup: true, label: 'world' });
    viewport.addChild(world);
    app.stage.addChild(viewport);
    const stage = new FloorStage(app, viewport, world);
    app.renderer.on('resize', (w: number, h: number) => {
      viewport.resize(w, h, stage.worldRect.w, stage.worldRect.h);
    });
    return stage;
  }

  /** Screen pixels per metre. */
  get pxPerMetre(): number {
    return this.viewport.scale.x;
  }

  /** The world rectangle currently on screen (metres). */
  visibleRect(): Rect {
    const v = this.viewport;
    return { x: v.left, y: v.top, w: v.worldScreenWidth, h: v.worldScreenHeight };
  }

  /** Sets the world's extent (for fit and clamping). */
  setWorld(rect: Rect): void {
    this.worldRect = rect;
    this.viewport.resize(this.app.screen.width, this.app.screen.height, rect.w, rect.h);
  }

  /** Zooms so a world rectangle fills the screen, with a margin. */
  fitRect(r: Rect, margin = 0.06): void {
    const v = this.viewport;
    const sw = this.app.screen.width;
    const sh = Math.max(50, this.app.screen.height - this.insetTop);
    const scale = Math.min(sw / (r.w * (1 + 2 * margin)), sh / (r.h * (1 + 2 * margin)));
    v.setZoom(scale, true);
    // Centre in the part of the screen below the inset.
    v.moveCenter(r.x + r.w / 2, r.y + r.h / 2 - this.insetTop / 2 / scale);
  }

  /** Fits the whole site. */
  fit(): void {
    this.fitRect(this.worldRect);
  }

  /** Frees the GPU context and the canvas. */
  destroy(): void {
    this.app.destroy(true, { children: true, texture: true, textureSource: true });
  }
}
