import { describe, expect, it } from 'vitest';
import { layoutSpecSchema } from '../../layout/layoutSpec.ts';
import { buildLayout } from '../../layout/buildLayout.ts';
import { itemsFromList } from '../../items/buildItems.ts';
import { listItemSpecSchema } from '../../items/itemSpec.ts';
import { createTravelModel } from '../../engine/travelModel.ts';
import type { Item } from '../../items/types.ts';
import { rulesSchema, type Rules } from '../../rules/rulesSchema.ts';
import { Occupancy, palletQty } from './binOccupancy.ts';
import { createPutawayContext, directPutaway, type PutawayContext } from './putawayRules.ts';

const layout = buildLayout(
  layoutSpecSchema.parse({
    generate: {
      site: 'T',
      baysPerAisle: 10,
      levels: 3,
      zones: [
        { id: 'F', name: 'Forward', kind: 'forward', aisles: 1, levels: 2 },
        { id: 'R', name: 'Reserve near', kind: 'reserve', aisles: 2 },
        { id: 'B', name: 'Reserve bulk', kind: 'reserve', aisles: 3 },
        { id: 'K', name: 'Block stack', kind: 'reserve', binType: 'floor', aisles: 1, levels: 1 },
        { id: 'RCV', name: 'Receiving', kind: 'receiving', bins: 2 },
      ],
      docks: { inbound: 2 },
    },
  }),
);

const uoms = (sku: number) => [
  { uom: 'EA', factor: 1, gtin: gtin(sku, 0), lengthCm: 10, widthCm: 10, heightCm: 10, weightKg: 0.5 },
  { uom: 'CS', factor: 12, gtin: gtin(sku, 2), lengthCm: 40, widthCm: 30, heightCm: 30, weightKg: 6 },
  { uom: 'PL', factor: 480, gtin: gtin(sku, 3), lengthCm: 120, widthCm: 100, heightCm: 120, weightKg: 240 },
];

function gtin(n: number, indicator: number): string {
  const body = `${indicator}950600${String(n).padStart(6, '0')}`;
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += Number(body[12 - i]) * (i % 2 === 0 ? 3 : 1);
  return body + String((10 - (sum % 10)) % 10);
}

const items: Item[] = itemsFromList(
  listItemSpecSchema.parse({
    list: [
      { sku: 'FAST', family: 'grocery', velocityClass: 'A', uoms: uoms(1) },
      { sku: 'SLOW', family: 'grocery', velocityClass: 'C', uoms: uoms(2) },
      { sku: 'TOYS', family: 'toys', velocityClass: 'A', uoms: uoms(3) },
    ],
  }),
);
const [FAST, SLOW, TOYS] = items as [Item, Item, Item];
const travel = createTravelModel(layout, 's-shape');
const noFaces = new Int32Array(items.length).fill(-1);

function context(rules: unknown): PutawayContext {
  return createPutawayContext(layout, noFaces, travel.distance, rulesSchema.parse(rules) as Rules);
}

const put = (ctx: PutawayContext, occ: Occupancy, item: Item, qty = 480) =>
  directPutaway(ctx, occ, { item, lot: '', qty, exclude: -1 });
const binOf = (i: number) => layout.bins[i]!;
const aisleNumber = (i: number) => layout.aisles[binOf(i).aisle]!.number;

describe('putaway rule table', () => {
  it('with no table, a fast mover goes to the near reserve (the built-in velocity rule)', () => {
    const d = put(context({}), new Occupancy(layout, items), FAST)!;
    expect(binOf(d.bin).zone).toBe('R');
  });

  it('a rule sends the family to its zone and aisle, and other goods keep the built-in rules', () => {
    const ctx = context({ putaway: [{ family: 'grocery', zones: ['B'], aisles: [3] }] });
    const occ = new Occupancy(layout, items);
    const d = put(ctx, occ, FAST)!;
    expect(binOf(d.bin).zone).toBe('B');
    expect(aisleNumber(d.bin)).toBe(3);
    expect(d.rule).toBe('store');
    expect(binOf(put(ctx, occ, TOYS)!.bin).zone).toBe('R');
    // The bucketed search ran: no fall-back scan, and far fewer bins looked at than the class holds.
    expect(ctx.stats.fullScans).toBe(0);
    expect(ctx.stats.binsChecked).toBeLessThan(ctx.storage.length / 2);
  });

  it('matches on velocity, temperature and hazard ("none"); the first matching rule wins', () => {
    const ctx = context({
      putaway: [
        { velocity: 'C', temperature: 'ambient', hazard: 'none', zones: ['B'], aisles: [2] },
        { velocity: 'C', zones: ['R'] },
        { hazard: '3', zones: ['R'] },
      ],
    });
    const occ = new Occupancy(layout, items);
    const d = put(ctx, occ, SLOW)!;
    expect([binOf(d.bin).zone, aisleNumber(d.bin)]).toEqual(['B', 2]);
    expect(binOf(put(ctx, occ, FAST)!.bin).zone).toBe('R');
  });

  it('zones are tried in order; when none takes the whole unit the site-wide search decides', () => {
    const ctx = context({ putaway: [{ family: 'grocery', zones: ['B', 'R'], aisles: [1] }] });
    const occ = new Occupancy(layout, items);
    const used: string[] = [];
    // Aisle 1 of B fills, then aisle 1 of R; then the rest of the site takes the pallets.
    while (used.length < 2000 && /^(B1|R1)$/.test(used.at(-1) ?? 'B1')) {
      const d = put(ctx, occ, SLOW)!;
      occ.add(d.bin, SLOW.index, '', d.qty);
      used.push(`${binOf(d.bin).zone}${aisleNumber(d.bin)}`);
    }
    const firstR = used.indexOf('R1');
    expect(firstR).toBeGreaterThan(0);
    expect(used.slice(0, firstR).every((z) => z === 'B1')).toBe(true);
    expect(used.slice(firstR, -1).every((z) => z === 'R1')).toBe(true);
    expect(used.at(-1)).not.toMatch(/^(B1|R1)$/);
  });

  it('storage categories: sameItem and empty keep other goods out, maxPallets caps a bin', () => {
    const only = (cats: unknown) => context({ putaway: [{ zones: ['K'] }], storageCategories: cats });
    const occ = new Occupancy(layout, items);
    const target = put(only({}), occ, FAST)!.bin;
    occ.add(target, TOYS.index, '', 10);
    // Mixed: the cheapest bin still takes the unit beside the toys.
    expect(put(only({}), occ, FAST)!.bin).toBe(target);
    expect(put(only({ K: { mixing: 'sameItem' } }), occ, FAST)!.bin).not.toBe(target);
    expect(put(only({ K: { mixing: 'empty' } }), occ, FAST)!.bin).not.toBe(target);
    occ.add(target, TOYS.index, '', -10);
    occ.add(target, FAST.index, '', palletQty(FAST));
    // Same item: sameItem consolidates, empty does not (another lot), maxPallets 1 is full.
    expect(put(only({ K: { mixing: 'sameItem' } }), occ, FAST, 10)!.bin).toBe(target);
    expect(
      directPutaway(only({ K: { mixing: 'empty' } }), occ, { item: FAST, lot: 'X', qty: 10, exclude: -1 })!
        .bin,
    ).not.toBe(target);
    expect(put(only({ K: { maxPallets: 1 } }), occ, FAST)!.bin).not.toBe(target);
    expect(put(only({}), occ, FAST)!.bin).toBe(target);
  });

  it('rejects unknown fields with their path', () => {
    const r = rulesSchema.safeParse({ putaway: [{ zones: [], velocity: 'D' }] });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toContain('putaway.0.zones');
    expect(paths).toContain('putaway.0.velocity');
  });
});
