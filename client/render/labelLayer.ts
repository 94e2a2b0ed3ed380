import { BitmapText, Container } from 'pixi.js';
import type { BinLabel, FloorLabel } from '../model/floorPlan.ts';

const STYLE = { fontFamily: 'Arial', fontSize: 11, fill: 0xf0f6fc } as const;

/**
 * Text over the floor at a constant screen size: aisle names from a middle zoom, bin codes
 * when zoomed in. Labels are reconciled by id and pooled, so panning does not allocate.
 */
export class LabelLayer {
  /** Add this to the world, above bins. */
  readonly container = new Container({ label: 'labels' });
  private readonly live = new Map<string, BitmapText>();
  private readonly pool: BitmapText[] = [];

  /** Shows exactly these labels (aisle labels and bin labels), at a zoom of `pxPerMetre`. */
  show(aisles: readonly FloorLabel[], bins: readonly BinLabel[], pxPerMetre: number): void {
    const s = 1 / pxPerMetre;
    const want = new Map<string, { text: string; x: number; y: number; vertical: boolean; big: boolean }>();
    for (const a of aisles) want.set(a.id, { text: a.text, x: a.x, y: a.y, vertical: false, big: true });
    for (const b of bins)
      want.set(`bin:${b.row}`, { text: b.text, x: b.x, y: b.y, vertical: b.vertical, big: false });
    for (const [id, t] of this.live) {
      if (want.has(id)) continue;
      this.container.removeChild(t);
      this.pool.push(t);
      this.live.delete(id);
    }
    for (const [id, w] of want) {
      let t = this.live.get(id);
      if (!t) {
        t = this.pool.pop() ?? new BitmapText({ text: '', style: STYLE });
        t.anchor.set(0.5);
        this.live.set(id, t);
        this.container.addChild(t);
      }
      if (t.text !== w.text) t.text = w.text;
      t.position.set(w.x, w.y);
      t.rotation = w.vertical ? -Math.PI / 2 : 0;
      t.scale.set(w.big ? s * 1.3 : s);
    }
  }

  /** Number of labels shown (for tests). */
  get size(): number {
    return this.live.size;
  }
}
