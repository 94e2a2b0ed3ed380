import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { aisleDistance, depotDistance, pointDistance } from './distance.ts';
import { createRoutingGeometry, rectangularGeometry } from './routingGeometry.ts';

// 10 aisles 3 m apart (x = 0..27), one block: cross aisles at y = 0 and y = 20.
const one = rectangularGeometry({ aisles: 10, spacing: 3, aisleLength: 20 });
// Same, two blocks: a middle cross aisle at y = 10.
const two = rectangularGeometry({ aisles: 10, spacing: 3, aisleLength: 20, blocks: 2 });

describe('grid distance', () => {
  it('walks straight within an aisle', () => {
    expect(aisleDistance(one, 3, 4, 3, 17)).toBe(13);
    expect(aisleDistance(one, 3, 17, 3, 17)).toBe(0);
  });

  it('goes round the nearer end between aisles in one block', () => {
    // Near the front: via front 2 + 6 + 3.
    expect(aisleDistance(one, 0, 2, 2, 3)).toBe(11);
    // Near the back: via back 2 + 6 + 1.
    expect(aisleDistance(one, 0, 18, 2, 19)).toBe(9);
    // Mixed: via front 5 + 27 + 15 = 47 vs back 15 + 27 + 5 = 47.
    expect(aisleDistance(one, 0, 5, 9, 15)).toBe(47);
    expect(aisleDistance(one, 0, 4, 9, 15)).toBe(46);
  });

  it('uses a middle cross aisle when it lies between or is nearest', () => {
    expect(aisleDistance(two, 0, 4, 1, 15)).toBe(11 + 3); // crosses at y = 10, no detour
    expect(aisleDistance(two, 0, 7, 1, 8)).toBe(3 + 1 + 2 * 2); // detour to y = 10
    expect(aisleDistance(two, 0, 2, 1, 3)).toBe(3 + 1 + 2 * 2); // detour to the front
  });

  it('treats the apron in front of the racking as open floor', () => {
    const g = createRoutingGeometry({ aisleX: [1.5, 4.5, 7.5], crossY: [15, 45] });
    expect(pointDistance(g, 0, 0, 20, 0)).toBe(20); // dock door to dock door
    expect(pointDistance(g, 0, 0, 4.5, 20)).toBe(4.5 + 20); // door to a bin
    expect(pointDistance(g, 1.5, 20, 7.5, 44)).toBe(6 + 24 + 2 * 1); // inside the racking: detour 1 m to the back
  });

  it('measures from the depot', () => {
    expect(depotDistance(one, 4, 7)).toBe(12 + 7);
  });

  it('is symmetric and satisfies the triangle inequality on random points', () => {
    const rng = seedrandom('grid');
    for (const g of [one, two]) {
      const point = (): [number, number] => {
        if (rng() < 0.1) return [rng() * 30, -rng() * 5]; // apron
        return [g.aisleX[Math.floor(rng() * 10)] as number, rng() * 20];
      };
      const failures: string[] = [];
      for (let i = 0; i < 50_000; i++) {
        const [ax, ay] = point();
        const [bx, by] = point();
        const [cx, cy] = point();
        const ab = pointDistance(g, ax, ay, bx, by);
        const ok =
          ab === pointDistance(g, bx, by, ax, ay) &&
          ab >= Math.abs(ax - bx) + Math.abs(ay - by) - 1e-9 &&
          ab <= pointDistance(g, ax, ay, cx, cy) + pointDistance(g, cx, cy, bx, by) + 1e-9;
        if (!ok) failures.push(`(${ax},${ay}) (${bx},${by}) via (${cx},${cy})`);
      }
      expect(failures.slice(0, 5)).toEqual([]);
    }
  });
});
