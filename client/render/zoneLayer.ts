import { Container, Graphics, Text } from 'pixi.js';
import type { FloorPlan } from '../model/floorPlan.ts';
import { Colour } from '../model/palette.ts';

/**
 * Zone outlines, tinted floor areas, dock doors and zone names. Static per run: rebuilt only
 * when the plan changes. Names keep a constant screen size (scaled by 1 / zoom).
 */
export class ZoneLayer {
  /** Drawn under the bins. */
  readonly under = new Container({ label: 'zones' });
  /** Names, drawn over everything. */
  readonly names = new Container({ label: 'zone-names' });
  private readonly shapes = new Graphics();

  /** `fontSize`: zone names' screen size in pixels (larger on wall screens). */
  constructor(private readonly fontSize = 14) {
    this.under.addChild(this.shapes);
  }

  /** Draws a plan (replacing the previous one). */
  setPlan(plan: FloorPlan): void {
    const g = this.shapes.clear();
    for (const z of plan.zones) {
      const r = z.rect;
      g.rect(r.x, r.y, r.w, r.h);
      if (z.fillAlpha > 0) g.fill({ color: z.colour, alpha: z.fillAlpha });
      // pixelLine: one screen pixel at every zoom, so outlines never swamp small zones.
      g.stroke({ color: z.colour, width: 1, alpha: 0.9, pixelLine: true });
    }
    for (const d of plan.docks) {
      const r = d.rect;
      g.rect(r.x - 0.6, r.y - 0.6, r.w + 1.2, r.h + 1.2).stroke({
        color: Colour.dock,
        width: 1,
        pixelLine: true,
      });
    }
    for (const child of this.names.removeChildren()) child.destroy();
    for (const z of plan.zones) {
      const t = new Text({
        text: z.name,
        style: {
          fontFamily: 'system-ui, sans-serif',
          fontSize: this.fontSize,
          fontWeight: '600',
          fill: 0xe6edf3,
        },
        resolution: 2,
      });
      t.label = `zone:${z.id}`;
      t.anchor.set(0, 1);
      t.position.set(z.rect.x, z.rect.y - 0.3);
      this.names.addChild(t);
    }
  }

  /** Keeps names at a constant screen size for the current zoom (screen px per metre). */
  setZoom(pxPerMetre: number): void {
    const s = 1 / pxPerMetre;
    for (const c of this.names.children) c.scale.set(s);
  }
}
