import { Container, Texture, TilingSprite } from 'pixi.js';
import type { BinGrid } from '../model/binGrid.ts';

/** Texel size on screen (px) from which bin borders are drawn; below it they would only shimmer. */
export const GRID_LINES_FROM_PX = 9;

/**
 * Thin dark borders between rack bins, shown when zoomed in. One tiling sprite per rack zone
 * whose tile is one texel with a line on its left and top edge: the data texture stays one
 * texel per bin, and borders cost one more draw per zone instead of a shape per bin.
 */
export class GridLinesLayer {
  /** Add this above the bins. */
  readonly container = new Container({ label: 'bin-borders' });
  private minTexel = Infinity;

  /** Builds the overlays for a grid. */
  setGrid(grid: BinGrid): void {
    for (const c of this.container.removeChildren()) c.destroy({ texture: true, textureSource: true });
    this.minTexel = Infinity;
    for (const g of grid.zones) {
      if (g.kind !== 'rack') continue;
      // Tile pixels in proportion to the texel, so lines come out equally thin both ways.
      const tw = 16;
      const th = Math.max(4, Math.min(256, Math.round((16 * g.texelH) / g.texelW)));
      const texture = lineTexture(tw, th);
      const sprite = new TilingSprite({ texture, width: g.width * g.texelW, height: g.height * g.texelH });
      sprite.position.set(g.x, g.y);
      sprite.tileScale.set(g.texelW / tw, g.texelH / th);
      this.container.addChild(sprite);
      this.minTexel = Math.min(this.minTexel, g.texelW);
    }
  }

  /** Shows the borders only when texels are big enough on screen. */
  setZoom(pxPerMetre: number): void {
    this.container.visible = this.minTexel * pxPerMetre >= GRID_LINES_FROM_PX;
  }
}

function lineTexture(w: number, h: number): Texture {
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = 'rgba(13, 17, 23, 0.85)';
  ctx.fillRect(0, 0, 2, h);
  ctx.fillRect(0, 0, w, 2);
  const t = Texture.from(canvas);
  t.source.scaleMode = 'nearest';
  return t;
}
