import { BufferImageSource, Container, Sprite, Texture } from 'pixi.js';
import type { BinGrid } from '../model/binGrid.ts';

/**
 * Bins as data textures: one sprite per zone, one texel per rack bin, nearest filtering so
 * every bin stays a crisp block. Recolouring the whole site is a buffer write plus one upload
 * per zone (`source.update()`), whatever the number of bins.
 */
export class BinTextureLayer {
  /** Add this to the world. */
  readonly container = new Container({ label: 'bins' });
  private sources: BufferImageSource[] = [];
  private buffers: Uint8Array[] = [];

  /** Rebuilds the sprites for a new grid (a new run or zone); old textures are freed. */
  setGrid(grid: BinGrid): void {
    this.clear();
    for (const g of grid.zones) {
      const resource = new Uint8Array(g.width * g.height * 4);
      const source = new BufferImageSource({
        resource,
        width: g.width,
        height: g.height,
        format: 'rgba8unorm',
        alphaMode: 'premultiplied-alpha',
        scaleMode: 'nearest',
        autoGenerateMipmaps: false,
      });
      const sprite = new Sprite(new Texture({ source }));
      sprite.position.set(g.x, g.y);
      sprite.width = g.width * g.texelW;
      sprite.height = g.height * g.texelH;
      this.container.addChild(sprite);
      this.sources.push(source);
      this.buffers.push(resource);
    }
  }

  /** The RGBA buffers to paint into (one per zone grid); call `commit` after painting. */
  get targets(): Uint8Array[] {
    return this.buffers;
  }

  /** Uploads the painted buffers to the GPU. */
  commit(): void {
    for (const s of this.sources) s.update();
  }

  /** Removes and destroys every sprite and texture. */
  clear(): void {
    for (const child of this.container.removeChildren())
      child.destroy({ texture: true, textureSource: true });
    this.sources = [];
    this.buffers = [];
  }
}
