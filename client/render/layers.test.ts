// Pixi imports fine under happy-dom (plain Node lacks `navigator`); no renderer is created here.
import { Texture, type Renderer } from 'pixi.js';
import { describe, expect, it } from 'vitest';
import type { WorkerMarker } from '../model/workerMarkers.ts';
import { LabelLayer } from './labelLayer.ts';
import { WorkerLayer } from './workerLayer.ts';

const stubRenderer = { generateTexture: () => Texture.WHITE } as unknown as Renderer;

const marker = (id: string, x: number, task: string | null = 'pick'): WorkerMarker => ({
  id,
  role: 'picker',
  colour: 0xffd33d,
  x,
  y: 0,
  task,
  moving: true,
  trail: [
    { x: x - 1, y: 0 },
    { x, y: 0 },
  ],
});

describe('WorkerLayer reconciles sprites by id', () => {
  it('creates, updates in place and destroys', () => {
    const layer = new WorkerLayer(stubRenderer);
    layer.update([marker('a', 1), marker('b', 2)]);
    expect(layer.size).toBe(2);
    const spriteA = layer.container.children[1]!.children[0]!;
    layer.update([marker('a', 5, null), marker('c', 3)]);
    expect(layer.size).toBe(2);
    // Same sprite object for the same worker: updated, not recreated.
    expect(layer.container.children[1]!.children[0]).toBe(spriteA);
    expect(spriteA.alpha).toBeLessThan(1);
    expect(spriteA.destroyed).toBe(false);
    const labels = layer.container.children[1]!.children.map((c) => c.label);
    expect(labels.sort()).toEqual(['worker:a', 'worker:c']);
    // Positions glide towards the target rather than jumping.
    layer.glide(60);
    expect(spriteA.x).toBeGreaterThan(1);
    expect(spriteA.x).toBeLessThan(5);
    layer.glide(1000);
    expect(spriteA.x).toBeCloseTo(5);
    layer.update([]);
    expect(layer.size).toBe(0);
    expect(spriteA.destroyed).toBe(true);
  });
});

describe('LabelLayer reconciles labels by id and pools them', () => {
  it('shows exactly the labels asked for, reusing objects', () => {
    const layer = new LabelLayer();
    const bins = [
      { row: 1, text: 'F-01-01-A', x: 1, y: 1, vertical: true },
      { row: 2, text: 'F-01-01-B', x: 2, y: 1, vertical: true },
    ];
    layer.show([{ id: 'aisle:F-01', text: 'F-01', x: 0, y: 0 }], bins, 50);
    expect(layer.size).toBe(3);
    const before = new Set(layer.container.children);
    layer.show([], bins.slice(0, 1), 50);
    expect(layer.size).toBe(1);
    layer.show([], [{ row: 9, text: 'F-09-09-A', x: 9, y: 9, vertical: false }, ...bins], 50);
    expect(layer.size).toBe(3);
    // Every label object shown now existed before: pooled, not allocated again.
    for (const c of layer.container.children) expect(before.has(c)).toBe(true);
  });
});
