import { Container, Graphics, Sprite, type Renderer, type Texture } from 'pixi.js';
import type { WorkerMarker } from '../model/workerMarkers.ts';
import { type Walkways, pointAlong, shortestCorners, walkLength } from '../../sim/viewApi.ts';

/**
 * Workers as sprites reconciled by id: a marker is created for a new worker, updated in place
 * for a known one, destroyed when the worker leaves the view. Positions glide towards their
 * target each frame, since positions arrive a few times a second: along the aisle grid when the
 * view has one (so a marker never crosses racking between samples). Trails are one Graphics.
 */
export class WorkerLayer {
  /** Add this to the world. */
  readonly container = new Container({ label: 'workers' });
  private readonly trails = new Graphics();
  private readonly markers = new Container();
  private readonly sprites = new Map<string, Sprite>();
  private readonly targets = new Map<string, { x: number; y: number }>();
  private texture: Texture | null = null;
  private traineeTexture: Texture | null = null;
  private scale = 1;
  private walkways: Walkways | null = null;

  /** `markerPx`: marker diameter on screen, constant at every zoom so workers never vanish. */
  constructor(
    private readonly renderer: Renderer,
    private readonly markerPx = 14,
  ) {
    this.container.addChild(this.trails, this.markers);
  }

  /** Number of sprites alive (for tests and leak checks). */
  get size(): number {
    return this.sprites.size;
  }

  /** Reconciles sprites with the markers of the current view; `walkways` is the grid they glide along. */
  update(markers: readonly WorkerMarker[], walkways: Walkways | null = null): void {
    this.walkways = walkways;
    const tex = this.markerTexture();
    const traineeTex = this.traineeMarkerTexture();
    const seen = new Set<string>();
    for (const m of markers) {
      seen.add(m.id);
      let s = this.sprites.get(m.id);
      if (!s) {
        s = new Sprite(tex);
        s.anchor.set(0.5);
        s.label = `worker:${m.id}`;
        s.position.set(m.x, m.y);
        this.sprites.set(m.id, s);
        this.markers.addChild(s);
      }
      s.texture = m.trainee ? traineeTex : tex;
      s.tint = m.colour;
      s.alpha = m.task ? 1 : 0.55;
      s.scale.set(this.scale);
      this.targets.set(m.id, { x: m.x, y: m.y });
    }
    for (const [id, s] of this.sprites) {
      if (seen.has(id)) continue;
      s.destroy();
      this.sprites.delete(id);
      this.targets.delete(id);
    }
    const g = this.trails.clear();
    for (const m of markers) {
      if (m.trail.length < 2) continue;
      g.moveTo(m.trail[0]!.x, m.trail[0]!.y);
      for (const p of m.trail.slice(1)) g.lineTo(p.x, p.y);
      // pixelLine: one-pixel native lines, far cheaper than triangulated strokes for 300 trails.
      g.stroke({ color: m.colour, width: 1, alpha: 0.7, pixelLine: true });
    }
  }

  /** Moves sprites part of the way to their targets (call once per frame), along the grid if known. */
  glide(dtMs: number): void {
    const k = Math.min(1, dtMs / 120);
    const g = this.walkways;
    for (const [id, s] of this.sprites) {
      const t = this.targets.get(id);
      if (!t) continue;
      if (!g) {
        s.x += (t.x - s.x) * k;
        s.y += (t.y - s.y) * k;
        continue;
      }
      const c = shortestCorners(g, s.x, s.y, t.x, t.y);
      const p = pointAlong(s.x, s.y, c, t.x, t.y, k * walkLength(s.x, s.y, c, t.x, t.y));
      s.position.set(p.x, p.y);
    }
  }

  /** Keeps markers and trails at a constant screen size (screen px per metre). */
  setZoom(pxPerMetre: number): void {
    this.scale = 1 / pxPerMetre;
    for (const s of this.sprites.values()) s.scale.set(this.scale);
  }

  /** A trainee's marker: a larger square with a thick dark rim, so a class finds its people at once. */
  private traineeMarkerTexture(): Texture {
    if (this.traineeTexture) return this.traineeTexture;
    const d = this.markerPx * 1.4;
    const g = new Graphics()
      .rect(0, 0, d, d)
      .fill(0x0d1117)
      .rect(3, 3, d - 6, d - 6)
      .fill(0xffffff);
    this.traineeTexture = this.renderer.generateTexture({ target: g, resolution: 2 });
    g.destroy();
    this.traineeTexture.source.scaleMode = 'linear';
    return this.traineeTexture;
  }

  private markerTexture(): Texture {
    if (this.texture) return this.texture;
    const r = this.markerPx / 2;
    // White disc with a dark rim, drawn once at 2× and tinted per role.
    const g = new Graphics()
      .circle(r, r, r)
      .fill(0x0d1117)
      .circle(r, r, r - 2)
      .fill(0xffffff);
    this.texture = this.renderer.generateTexture({ target: g, resolution: 2 });
    g.destroy();
    this.texture.source.scaleMode = 'linear';
    return this.texture;
  }
}
