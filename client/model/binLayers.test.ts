import { describe, expect, it } from 'vitest';
import { BinFlag } from '../../sim/viewApi.ts';
import { buildBinGrid } from './binGrid.ts';
import { binColour, LAYERS, paintBins, statusColour } from './binLayers.ts';
import { BinStats } from './binStats.ts';
import { Colour } from './palette.ts';
import { rackBins, testView } from './testView.ts';

describe('bin layers', () => {
  it('status colour: the most urgent problem wins, ok when no problem bit', () => {
    expect(statusColour(0)).toBe(Colour.ok);
    expect(statusColour(BinFlag.empty)).toBe(Colour.empty);
    expect(statusColour(BinFlag.empty | BinFlag.counting)).toBe(Colour.counting);
    expect(statusColour(BinFlag.belowMin | BinFlag.variance)).toBe(Colour.variance);
    expect(statusColour(BinFlag.variance | BinFlag.overCapacity)).toBe(Colour.overCapacity);
    expect(statusColour(BinFlag.onHold)).toBe(Colour.onHold);
  });

  it('variance layer marks physical ≠ system, and lot-level variances that net to equal totals', () => {
    const view = testView([
      { code: 'F-01-01-A', x: 1, y: 1, system: 10, physical: 10 },
      { code: 'F-01-01-B', x: 1, y: 1, system: 10, physical: 4 },
      { code: 'F-01-01-C', x: 1, y: 1, system: 10, physical: 10, status: BinFlag.variance },
    ]);
    expect(binColour('variance', view, null, 0, 0)).toBe(Colour.noData);
    expect(binColour('variance', view, null, 1, 0)).not.toBe(Colour.noData);
    expect(binColour('variance', view, null, 2, 0)).not.toBe(Colour.noData);
  });

  it('fill layer shows over capacity apart from the ramp', () => {
    const view = testView([
      { code: 'F-01-01-A', x: 1, y: 1, fill: 0 },
      { code: 'F-01-01-B', x: 1, y: 1, fill: 230 },
    ]);
    expect(binColour('fill', view, null, 1, 0)).toBe(Colour.overCapacity);
    expect(binColour('fill', view, null, 0, 0)).not.toBe(Colour.overCapacity);
  });

  it('temperature/hazard layer follows zone kind and bin type', () => {
    const view = testView([{ code: 'C-01-01-A', x: 1, y: 1 }], {
      zones: [{ id: 'C', name: 'Chiller', kind: 'cold' }],
    });
    expect(binColour('zones', view, null, 0, 0)).toBe(Colour.cold);
  });

  it('paints every bin texel opaque and leaves the walkway transparent, in every layer', () => {
    const view = testView(rackBins(2, 4, 3));
    const grid = buildBinGrid(view.bins, view.zones);
    const stats = new BinStats(view);
    for (const layer of LAYERS) {
      const [buf] = paintBins(grid, view, stats, layer);
      const g = grid.zones[0]!;
      let opaque = 0;
      for (let i = 3; i < buf!.length; i += 4) if (buf![i] === 255) opaque++;
      expect(opaque).toBe(view.bins.code.length);
      // Walkway texels (columns 3 and 4 of each aisle cell) stay empty.
      expect(buf![(0 * g.width + 3) * 4 + 3]).toBe(0);
    }
  });

  it('reuses the buffers it is given', () => {
    const view = testView(rackBins(1, 2, 2));
    const grid = buildBinGrid(view.bins, view.zones);
    const first = paintBins(grid, view, null, 'status');
    const second = paintBins(grid, view, null, 'fill', first);
    expect(second[0]).toBe(first[0]);
  });
});

describe('BinStats', () => {
  it('counts quantity drops as picks and the end of counting as a count', () => {
    const v0 = testView([
      { code: 'F-01-01-A', x: 1, y: 1, physical: 10 },
      { code: 'F-01-01-B', x: 1, y: 1, physical: 10, status: BinFlag.counting },
    ]);
    const stats = new BinStats(v0);
    const v1 = testView(
      [
        { code: 'F-01-01-A', x: 1, y: 1, physical: 8 },
        { code: 'F-01-01-B', x: 1, y: 1, physical: 9 },
      ],
      { simTime: 5000 },
    );
    stats.observe(v1);
    expect([...stats.picks]).toEqual([1, 0]);
    expect(stats.lastCounted[1]).toBe(5000);
    expect(stats.lastCounted[0]).toBe(-1);
    stats.counted('F-01-01-A', 7000);
    expect(stats.lastCounted[0]).toBe(7000);
    expect(stats.maxPicks()).toBe(1);
    expect(stats.fits(v1)).toBe(true);
  });
});
