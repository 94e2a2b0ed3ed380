import { describe, expect, it } from 'vitest';
import { syntheticView } from '../bench/syntheticView.ts';
import { binAt, binRect, buildBinGrid } from './binGrid.ts';
import { rackBins, testView } from './testView.ts';

describe('buildBinGrid', () => {
  it('gives every rack bin its own texel, faces either side of a walkway, level A by the aisle', () => {
    const view = testView(rackBins(2, 4, 3));
    const grid = buildBinGrid(view.bins, view.zones);
    expect(grid.hidden).toBe(0);
    expect(grid.zones).toHaveLength(1);
    const g = grid.zones[0]!;
    expect(g.kind).toBe('rack');
    // 2 aisles × (3 levels + 2 walkway + 3 levels) texels wide, 2 bay rows high.
    expect(g.width).toBe(16);
    expect(g.height).toBe(2);
    expect(g.texelW * 8).toBeCloseTo(3);
    const col = (code: string): number => grid.tx[view.bins.code.indexOf(code)]!;
    // Face 1 (odd bay) on the left with A next to the walkway; face 2 on the right.
    expect([col('F-01-01-C'), col('F-01-01-B'), col('F-01-01-A')]).toEqual([0, 1, 2]);
    expect([col('F-01-02-A'), col('F-01-02-B'), col('F-01-02-C')]).toEqual([5, 6, 7]);
    expect(col('F-02-01-A')).toBe(10);
    const seen = new Set<number>();
    for (let r = 0; r < view.bins.code.length; r++) seen.add(grid.ty[r]! * g.width + grid.tx[r]!);
    expect(seen.size).toBe(view.bins.code.length);
  });

  it('maps world points back to the bin drawn there (picking is grid maths)', () => {
    const view = testView(rackBins(3, 6, 4));
    const grid = buildBinGrid(view.bins, view.zones);
    for (let row = 0; row < view.bins.code.length; row++) {
      const r = binRect(grid, row)!;
      expect(binAt(grid, r.x + r.w / 2, r.y + r.h / 2)).toBe(row);
    }
    expect(binAt(grid, -100, -100)).toBeNull();
  });

  it('draws floor bins as separate blocks centred on their points', () => {
    const view = testView([
      { code: 'S-00-01-A', x: 1.5, y: 7.5, zone: 1, type: 4 },
      { code: 'S-00-02-A', x: 4.5, y: 7.5, zone: 1, type: 4 },
      { code: 'S-00-03-A', x: 2, y: 0, zone: 1, type: 3 },
    ]);
    const grid = buildBinGrid(view.bins, view.zones);
    const g = grid.zones[0]!;
    expect(g.kind).toBe('floor');
    for (let row = 0; row < 3; row++) {
      const r = binRect(grid, row)!;
      expect(r.x + r.w / 2).toBeCloseTo(view.bins.x[row]!, 0);
      expect(r.y + r.h / 2).toBeCloseTo(view.bins.y[row]!, 0);
      expect(binAt(grid, view.bins.x[row]!, view.bins.y[row]!)).toBe(row);
    }
  });

  it('borrows the site aisle spacing for a zone with one aisle', () => {
    const one = rackBins(1, 4, 3).map((b) => ({
      ...b,
      code: b.code.replace(/^F/, 'H'),
      x: b.x + 30,
      zone: 1,
    }));
    const view = testView([...rackBins(3, 4, 3), ...one]);
    const grid = buildBinGrid(view.bins, view.zones);
    expect(grid.zones[1]!.texelW).toBeCloseTo(grid.zones[0]!.texelW);
  });

  it('places 200,000 bins without collisions inside texture limits', () => {
    const view = syntheticView(200_000, 0);
    const grid = buildBinGrid(view.bins, view.zones);
    expect(grid.hidden).toBe(0);
    for (const g of grid.zones) expect(Math.max(g.width, g.height)).toBeLessThanOrEqual(4096);
  });
});
