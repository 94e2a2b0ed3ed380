import { describe, expect, it } from 'vitest';
import { layoutSpecSchema } from '../layout/layoutSpec.ts';
import { buildLayout } from '../layout/buildLayout.ts';
import { buildItems } from '../items/buildItems.ts';
import { generatedItemSpecSchema } from '../items/itemSpec.ts';
import { RandomStreams } from '../random/randomStreams.ts';
import { routingGeometryFromLayout } from '../routing/routingGeometry.ts';
import { slotItems } from './slotting.ts';

const layout = buildLayout(
  layoutSpecSchema.parse({
    generate: {
      site: 'T',
      baysPerAisle: 4,
      levels: 1,
      zones: [
        { id: 'F', name: 'F', kind: 'forward', aisles: 1 },
        { id: 'R', name: 'R', kind: 'reserve', aisles: 1 },
      ],
    },
  }),
);
const items = buildItems(
  generatedItemSpecSchema.parse({ generate: { count: 3, chilledShare: 0, frozenShare: 0, hazmatShare: 0 } }),
  new RandomStreams('1').stream('items'),
);
const g = routingGeometryFromLayout(layout);
const slot = (pins: Record<string, string>) =>
  slotItems(layout, items, g, layout.depot, 'velocity', new RandomStreams('1').stream('slotting'), pins);
const code = (bin: number) => layout.bins[bin]!.code;

describe('pinned pick faces (stock.faces)', () => {
  it('a pin takes its face first; the policy deals the rest of the faces to the other items', () => {
    const free = [...slot({})].map(code);
    // Pin the slowest item to the fastest mover's face: the fast mover moves on.
    const slowest = [...items].sort((a, b) => a.demandWeight - b.demandWeight)[0]!;
    const fastest = [...items].sort((a, b) => b.demandWeight - a.demandWeight)[0]!;
    const pinned = [...slot({ [slowest.sku]: free[fastest.index]! })].map(code);
    expect(pinned[slowest.index]).toBe(free[fastest.index]);
    expect(pinned[fastest.index]).not.toBe(free[fastest.index]);
    expect(new Set(pinned).size).toBe(items.length);
  });

  it('names a pin that cannot hold', () => {
    const sku = items[0]!.sku;
    const face = code(slot({})[0]!);
    const reserve = layout.bins.find((b) => b.type === 'reserve')!.code;
    expect(() => slot({ NOPE: face })).toThrow('stock.faces.NOPE: no item with SKU "NOPE"');
    expect(() => slot({ [sku]: 'X-99' })).toThrow(`stock.faces.${sku}: no bin "X-99"`);
    expect(() => slot({ [sku]: reserve })).toThrow(`${reserve} is a reserve bin, not a pick face`);
    expect(() => slot({ [sku]: face, [items[1]!.sku]: face })).toThrow('is pinned to another SKU too');
  });
});
