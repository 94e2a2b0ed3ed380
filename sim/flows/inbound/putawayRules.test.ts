import { describe, expect, it } from 'vitest';
import { layoutSpecSchema } from '../../layout/layoutSpec.ts';
import { buildLayout } from '../../layout/buildLayout.ts';
import { itemsFromList } from '../../items/buildItems.ts';
import { listItemSpecSchema } from '../../items/itemSpec.ts';
import { createTravelModel } from '../../engine/travelModel.ts';
import { compatible, unitsThatFit } from '../../engine/slotting.ts';
import type { Item } from '../../items/types.ts';
import { Occupancy, palletQty, type SpaceView } from './binOccupancy.ts';
import { createPutawayContext, directPutaway, type PutawayContext } from './putawayRules.ts';

const layout = buildLayout(
  layoutSpecSchema.parse({
    generate: {
      site: 'T',
      baysPerAisle: 10,
      levels: 3,
      zones: [
        { id: 'F', name: 'Forward', kind: 'forward', aisles: 1, levels: 2 },
        { id: 'R', name: 'Reserve', kind: 'reserve', aisles: 3 },
        { id: 'C', name: 'Chiller', kind: 'cold', aisles: 1 },
        { id: 'H', name: 'Flammables', kind: 'hazmat', hazard: '3', aisles: 1 },
        { id: 'RCV', name: 'Receiving', kind: 'receiving', bins: 2 },
        { id: 'S', name: 'Staging', kind: 'staging', bins: 2 },
      ],
      docks: { inbound: 2 },
    },
  }),
);

const uoms = (ea: number, cs: number, pl: number, sku: number) => [
  { uom: 'EA', factor: 1, gtin: gtin(sku, 0), lengthCm: ea, widthCm: ea, heightCm: ea, weightKg: 0.5 },
  { uom: 'CS', factor: cs, gtin: gtin(sku, 2), lengthCm: 40, widthCm: 30, heightCm: 30, weightKg: 0.5 * cs },
  {
    uom: 'PL',
    factor: pl,
    gtin: gtin(sku, 3),
    lengthCm: 120,
    widthCm: 100,
    heightCm: 120,
    weightKg: 0.5 * pl,
  },
];

/** A GTIN-14 with a valid check digit. */
function gtin(n: number, indicator: number): string {
  const body = `${indicator}950600${String(n).padStart(6, '0')}`;
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += Number(body[12 - i]) * (i % 2 === 0 ? 3 : 1);
  return body + String((10 - (sum % 10)) % 10);
}

const items: Item[] = itemsFromList(
  listItemSpecSchema.parse({
    list: [
      { sku: 'FAST', family: 'grocery', velocityClass: 'A', demandWeight: 10, uoms: uoms(10, 12, 480, 1) },
      { sku: 'SLOW', family: 'grocery', velocityClass: 'C', demandWeight: 1, uoms: uoms(10, 12, 480, 2) },
      {
        sku: 'MILK',
        family: 'dairy',
        temperature: 'chilled',
        lotControlled: true,
        shelfLifeDays: 20,
        uoms: uoms(10, 12, 480, 3),
      },
      { sku: 'FUEL', family: 'hardware', hazard: '3', uoms: uoms(10, 12, 480, 4) },
      { sku: 'ICE', family: 'frozen', temperature: 'frozen', uoms: uoms(10, 12, 480, 5) },
      { sku: 'TOYS', family: 'toys', velocityClass: 'B', uoms: uoms(10, 12, 480, 6) },
    ],
  }),
);
const [FAST, SLOW, MILK, FUEL, ICE, TOYS] = items as [Item, Item, Item, Item, Item, Item];

const travel = createTravelModel(layout, 's-shape');
const faces = layout.bins.filter((b) => b.type === 'forward');
const forwardBinOf = new Int32Array(items.length).fill(-1);
forwardBinOf[FAST.index] = faces[0]!.index;
const ctx: PutawayContext = createPutawayContext(layout, forwardBinOf, travel.distance);

function emptySite(): Occupancy {
  const occ = new Occupancy(layout, items);
  // The fast mover's face is full at the start, as opening stock leaves it.
  occ.add(faces[0]!.index, FAST.index, '', unitsThatFit(FAST, faces[0]!));
  return occ;
}

/** Independent capacity check from a list of placements. */
function assertWithinCapacity(placed: { bin: number; item: number; lot: string; qty: number }[]): void {
  const fill = new Map<number, number>();
  const groups = new Map<number, Map<string, number>>();
  for (const p of placed) {
    const bin = layout.bins[p.bin]!;
    const item = items[p.item]!;
    expect(compatible(item, bin)).toBe(true);
    fill.set(p.bin, (fill.get(p.bin) ?? 0) + p.qty / unitsThatFit(item, bin));
    const g = groups.get(p.bin) ?? new Map<string, number>();
    g.set(`${p.item}|${p.lot}`, (g.get(`${p.item}|${p.lot}`) ?? 0) + p.qty);
    groups.set(p.bin, g);
  }
  for (const f of fill.values()) expect(f).toBeLessThanOrEqual(1 + 1e-9);
  for (const [bin, g] of groups) {
    const cap = layout.bins[bin]!.capacity.pallets;
    if (cap === 0) continue;
    let pallets = 0;
    for (const [key, q] of g) pallets += Math.ceil(q / palletQty(items[Number(key.split('|')[0])]!));
    expect(pallets).toBeLessThanOrEqual(cap);
  }
}

describe('putaway rules', () => {
  it('never exceeds capacity, counting stock already directed, and never breaks temperature or hazard', () => {
    const occ = emptySite();
    const placed = [{ bin: faces[0]!.index, item: FAST.index, lot: '', qty: unitsThatFit(FAST, faces[0]!) }];
    let seed = 7;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let nulls = 0;
    for (let i = 0; i < 2000 && nulls < 50; i++) {
      const item = items[Math.floor(rnd() * items.length)]!;
      const lot = item.lotControlled ? `L${Math.floor(rnd() * 3)}` : '';
      let qty = 1 + Math.floor(rnd() * 700);
      while (qty > 0) {
        const d = directPutaway(ctx, occ, { item, lot, qty, exclude: -1 });
        if (!d) {
          nulls++;
          break;
        }
        expect(d.qty).toBeGreaterThan(0);
        expect(d.qty).toBeLessThanOrEqual(qty);
        expect(compatible(item, layout.bins[d.bin]!)).toBe(true);
        occ.add(d.bin, item.index, lot, d.qty);
        placed.push({ bin: d.bin, item: item.index, lot, qty: d.qty });
        qty -= d.qty;
      }
    }
    expect(nulls).toBeGreaterThan(0); // the site did fill up
    for (const b of occ.occupiedBins()) expect(occ.overCapacity(b)).toBe(false);
    assertWithinCapacity(placed);
    // Frozen goods have no frozen room on this site: never put anywhere.
    expect(directPutaway(ctx, emptySite(), { item: ICE, lot: '', qty: 10, exclude: -1 })).toBeNull();
  });

  it('sends chilled and hazardous goods only to their own zones', () => {
    const occ = emptySite();
    const milk = directPutaway(ctx, occ, { item: MILK, lot: 'L1', qty: 100, exclude: -1 })!;
    expect(layout.bins[milk.bin]!.zone).toBe('C');
    const fuel = directPutaway(ctx, occ, { item: FUEL, lot: '', qty: 100, exclude: -1 })!;
    expect(layout.bins[fuel.bin]!.zone).toBe('H');
    const toys = directPutaway(ctx, occ, { item: TOYS, lot: '', qty: 100, exclude: -1 })!;
    expect(layout.bins[toys.bin]!.zone).toBe('R');
  });

  it('tops up the forward face first when it has room for a case, then goes to reserve', () => {
    const occ = emptySite();
    const face = faces[0]!.index;
    expect(directPutaway(ctx, occ, { item: FAST, lot: '', qty: 200, exclude: -1 })!.rule).not.toBe('forward');
    occ.add(face, FAST.index, '', -30); // picks made room for 30
    const d = directPutaway(ctx, occ, { item: FAST, lot: '', qty: 200, exclude: -1 })!;
    expect(d).toEqual({ bin: face, qty: 30, rule: 'forward' });
    occ.add(face, FAST.index, '', -5);
    occ.add(face, FAST.index, '', 30);
    // Five free is less than a case of 12: not worth a trip.
    expect(directPutaway(ctx, occ, { item: FAST, lot: '', qty: 200, exclude: -1 })!.rule).toBe('store');
    // An override away from the face goes to reserve.
    occ.add(face, FAST.index, '', -100);
    expect(directPutaway(ctx, occ, { item: FAST, lot: '', qty: 50, exclude: face })!.bin).not.toBe(face);
  });

  it('consolidates with the same SKU and lot, not with another lot or SKU', () => {
    const occ = emptySite();
    const far = layout.bins.filter((b) => b.zone === 'R').at(-1)!;
    occ.add(far.index, TOYS.index, '', 100);
    const same = directPutaway(ctx, occ, { item: TOYS, lot: '', qty: 100, exclude: -1 })!;
    expect(same).toEqual({ bin: far.index, qty: 100, rule: 'consolidate' });
    const milkBin = layout.bins.filter((b) => b.zone === 'C').at(-1)!;
    occ.add(milkBin.index, MILK.index, 'L1', 50);
    expect(directPutaway(ctx, occ, { item: MILK, lot: 'L1', qty: 50, exclude: -1 })!.bin).toBe(milkBin.index);
    const other = directPutaway(ctx, occ, { item: MILK, lot: 'L2', qty: 50, exclude: -1 })!;
    expect(other.bin).not.toBe(milkBin.index); // one pallet position, one lot
    expect(other.rule).toBe('store');
    // Another SKU never shares a single-pallet position.
    const slow = directPutaway(ctx, occ, { item: SLOW, lot: '', qty: 10, exclude: -1 })!;
    expect(slow.bin).not.toBe(far.index);
  });

  it('puts fast movers near the front (or their face) and slow movers deep', () => {
    const occ = emptySite();
    const fast = directPutaway(ctx, occ, { item: FAST, lot: '', qty: 400, exclude: -1 })!;
    const slow = directPutaway(ctx, occ, { item: SLOW, lot: '', qty: 400, exclude: -1 })!;
    const face = layout.bins[faces[0]!.index]!;
    const dFast = travel.distance(face, layout.bins[fast.bin]!);
    const dSlow = travel.distance(ctx.front, layout.bins[slow.bin]!);
    const ambient = ctx.storageByClass.get('ambient|')!;
    const depths = ambient.map((b) => travel.distance(ctx.front, b));
    expect(dFast).toBeLessThanOrEqual(Math.min(...ambient.map((b) => travel.distance(face, b))) + 1e-9);
    expect(dSlow).toBeGreaterThanOrEqual(Math.max(...depths) - 1e-9);
    expect(layout.bins[fast.bin]!.level).toBe(1);
  });

  it('counts stock directed by open tasks: two full pallets never share a position', () => {
    const occ = emptySite();
    const a = directPutaway(ctx, occ, { item: SLOW, lot: '', qty: 100, exclude: -1 })!;
    occ.add(a.bin, SLOW.index, '', a.qty); // directed, not yet dropped
    const b = directPutaway(ctx, occ, { item: TOYS, lot: '', qty: 100, exclude: -1 })!;
    expect(b.bin).not.toBe(a.bin);
  });

  it('splits a unit that no single bin holds, taking the bin with most room', () => {
    const occ = emptySite();
    const big = unitsThatFit(TOYS, ctx.storageByClass.get('ambient|')![0]!) + 50;
    const d = directPutaway(ctx, occ, { item: TOYS, lot: '', qty: big, exclude: -1 })!;
    expect(d.rule).toBe('partial');
    expect(d.qty).toBeLessThan(big);
    expect(d.qty).toBe(occ.freeFor(d.bin, TOYS, ''));
  });

  it('prefers aisles that already hold the family', () => {
    const occ = emptySite();
    const reserve = layout.bins.filter((b) => b.zone === 'R');
    const lastAisle = reserve.at(-1)!.aisle;
    const spot = reserve.find((b) => b.aisle === lastAisle && b.bay === 1 && b.level === 1)!;
    occ.add(spot.index, TOYS.index, 'X', 10); // toys live in the last aisle
    const d = directPutaway(ctx, occ, { item: TOYS, lot: 'Y', qty: 10, exclude: -1 })!;
    expect(layout.bins[d.bin]!.aisle).toBe(lastAisle);
  });
  it('finds the bin a walk over every storage bin finds, looking at far fewer bins while there is room', () => {
    const occ = emptySite();
    // The same occupancy without `binsHolding`: the rules walk every bin of the class.
    const linear: SpaceView = {
      add: (b, i, l, q) => occ.add(b, i, l, q),
      load: (b) => occ.load(b),
      qtyOf: (b, i, l) => occ.qtyOf(b, i, l),
      aisleHasFamilyOf: (a, i) => occ.aisleHasFamilyOf(a, i),
      freeFor: (b, i, l) => occ.freeFor(b, i, l),
    };
    let seed = 11;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const placed: { bin: number; item: number; lot: string; qty: number }[] = [];
    const checked = { indexed: 0, linear: 0 };
    const rules = new Set<string>();
    let nulls = 0;
    for (let i = 0; i < 3000 && nulls < 40; i++) {
      if (placed.length > 0 && rnd() < 0.2) {
        // Picks and moves empty bins again, so the search meets holes among full bins.
        const p = placed.splice(Math.floor(rnd() * placed.length), 1)[0]!;
        occ.add(p.bin, p.item, p.lot, -p.qty);
        continue;
      }
      const item = items[Math.floor(rnd() * items.length)]!;
      const lot = item.lotControlled ? `L${Math.floor(rnd() * 3)}` : '';
      const qty = 1 + Math.floor(rnd() * 700);
      const exclude = rnd() < 0.1 && placed.length > 0 ? placed[0]!.bin : -1;
      const s0 = { ...ctx.stats };
      const d = directPutaway(ctx, occ, { item, lot, qty, exclude });
      const s1 = { ...ctx.stats };
      expect(directPutaway(ctx, linear, { item, lot, qty, exclude })).toEqual(d);
      if (s1.fullScans === s0.fullScans) {
        checked.indexed += s1.binsChecked - s0.binsChecked;
        checked.linear += ctx.stats.binsChecked - s1.binsChecked;
      }
      if (!d) {
        nulls++;
        continue;
      }
      rules.add(d.rule);
      occ.add(d.bin, item.index, lot, d.qty);
      placed.push({ bin: d.bin, item: item.index, lot, qty: d.qty });
    }
    expect([...rules].sort()).toEqual(['consolidate', 'partial', 'store']);
    expect(checked.linear).toBeGreaterThan(0);
    expect(checked.indexed * 2).toBeLessThan(checked.linear); // small site; bench-dc: test/structuralCounters
  });
});
