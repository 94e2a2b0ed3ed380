// Pixi imports fine under happy-dom (plain Node lacks `navigator`); no renderer is created here.
import { Texture, type Renderer } from 'pixi.js';
import { describe, expect, it } from 'vitest';
import { WorkerTracker, type WorkerMarker } from '../model/workerMarkers.ts';
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
  trainee: false,
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

describe('workers move along the aisles between position samples', () => {
  // Aisles at x = 1.5 and 4.5 between a front cross aisle at y = 15 and a back one at y = 45.
  const walkways = { aisleX: [1.5, 4.5], crossY: [15, 45] };
  const onWalkway = (x: number, y: number): boolean =>
    y <= 15 + 1e-9 || y >= 45 - 1e-9 || walkways.aisleX.some((a) => Math.abs(a - x) < 1e-9);
  const at = (x: number, y: number, trail: { x: number; y: number }[] = []): WorkerMarker => ({
    ...marker('a', x),
    y,
    trail,
  });

  it('a marker glides from one aisle to the next by the cross aisle, never across the rack', () => {
    const layer = new WorkerLayer(stubRenderer);
    layer.update([at(1.5, 20)], walkways);
    layer.update([at(4.5, 22)], walkways);
    const sprite = layer.container.children[1]!.children[0]!;
    let turned = false;
    for (let f = 0; f < 200; f++) {
      layer.glide(16);
      expect(onWalkway(sprite.x, sprite.y), `frame ${f} at ${sprite.x},${sprite.y}`).toBe(true);
      if (sprite.y < 20) turned = true;
    }
    // It went down to the cross aisle and came up the other aisle, ending at the sample.
    expect(turned).toBe(true);
    expect(sprite.x).toBeCloseTo(4.5, 6);
    expect(sprite.y).toBeCloseTo(22, 3);
  });

  it('trails join samples through the corners of the walk', () => {
    const tracker = new WorkerTracker();
    const w = { code: 'a', role: 'picker', device: 'RF-001', task: 'pick', moving: true };
    tracker.update([{ ...w, x: 1.5, y: 20 }], 0, walkways);
    const [m] = tracker.update([{ ...w, x: 4.5, y: 22 }], 1, walkways);
    expect(m!.trail).toEqual([
      { x: 1.5, y: 20 },
      { x: 1.5, y: 15 },
      { x: 4.5, y: 15 },
      { x: 4.5, y: 22 },
    ]);
    for (const p of m!.trail) expect(onWalkway(p.x, p.y)).toBe(true);
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
