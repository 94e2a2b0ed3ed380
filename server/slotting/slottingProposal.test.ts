import { describe, expect, it } from 'vitest';
import { layoutSpecSchema } from '../../sim/slottingApi.ts';
import { buildLayout } from '../../sim/slottingApi.ts';
import { createTravelModel } from '../../sim/slottingApi.ts';
import { buildItems } from '../../sim/slottingApi.ts';
import { generatedItemSpecSchema } from '../../sim/slottingApi.ts';
import { RandomStreams } from '../../sim/slottingApi.ts';
import { scenarioSchema } from '../../sim/index.ts';
import { faceRank, itemHistories, proposeSlotting } from './slottingProposal.ts';
import { estimateTravel } from './slottingEstimate.ts';
import type { PickLine } from './pickHistory.ts';

// One forward aisle of 4 bays on one level: the face at bay 1 is the front, bay 4 the back.
const layout = buildLayout(
  layoutSpecSchema.parse({
    generate: {
      site: 'T',
      baysPerAisle: 4,
      levels: 1,
      zones: [{ id: 'F', name: 'F', kind: 'forward', aisles: 1 }],
    },
  }),
);
const items = buildItems(
  generatedItemSpecSchema.parse({ generate: { count: 4, chilledShare: 0, frozenShare: 0, hazmatShare: 0 } }),
  new RandomStreams('1').stream('items'),
);
const travel = createTravelModel(layout, 'return');
const rank = faceRank(layout.depot, travel.distance);
// Nearest the depot first (as the slotting ranks them).
const faces = layout.bins.filter((b) => b.type === 'forward').sort((a, b) => rank(a) - rank(b));
// Known optimum: the item picked most sits at the back; the proposal must bring it to the front.
const current = [faces[3]!.index, faces[2]!.index, faces[1]!.index, faces[0]!.index];
const counts = [40, 10, 5, 1];
const picks: PickLine[] = items.flatMap((it, i) =>
  Array.from({ length: counts[i]! }, (_, k) => ({
    order: `${it.sku}-${k}`,
    sku: it.sku,
    bin: layout.bins[current[i]!]!.code,
    qty: 1,
  })),
);
/** Face stock (units) that fills `litres` of an item's space. */
const unitsFilling = (sku: string, litres: number): number => {
  const ea = items.find((i) => i.sku === sku)!.uoms[0]!;
  return litres / ((ea.lengthCm * ea.widthCm * ea.heightCm) / 1000);
};
/** Every face holds 10 L of its item: COI then ranks as picks do. */
const sameSpace = (sku: string): number => unitsFilling(sku, 10);

describe('slotting proposal', () => {
  it('ABC by picks: A until 80% of picks (the item crossing it included), then B to 95%', () => {
    const hs = itemHistories(layout, picks, items, current, sameSpace);
    expect(hs.map((h) => [h.picks, h.abc])).toEqual([
      [40, 'A'],
      [10, 'A'],
      [5, 'B'],
      [1, 'C'],
    ]);
  });

  for (const method of ['abc', 'coi'] as const)
    it(`${method}: reverses the slots (fast mover to the front) and the observed travel drops`, () => {
      const p = proposeSlotting(layout, items, current, picks, method, rank, sameSpace);
      expect(items.map((it) => p.faces[it.sku])).toEqual(faces.map((f) => f.code));
      expect(p.moves).toHaveLength(4);
      expect(p.moves[0]).toEqual({ sku: items[0]!.sku, from: faces[3]!.code, to: faces[0]!.code });
      const s = scenarioSchema.parse({
        schemaVersion: 1,
        name: 't',
        workers: [{ role: 'picker', count: 1, speed: 1 }],
        demand: { arrivals: { kind: 'poisson', ratePerHour: 1 } },
        picking: { serviceTime: { kind: 'constant', value: 1 }, travel: 'none' },
        inventory: { mode: 'unlimited' },
      });
      const e = estimateTravel(s, layout, travel, picks, p);
      expect(e.orders).toBe(56);
      expect(e.proposedM).toBeLessThan(e.currentM);
      expect(e.savingHours).toBeCloseTo(e.savingM / 3600, 9);
    });

  it('COI ranks by space per pick: a bulky fast mover can yield the front to a compact one', () => {
    // Item 0: 40 picks in 1000 L (COI 25); item 1: 10 picks in 10 L (COI 1).
    const space = (sku: string): number => unitsFilling(sku, sku === items[0]!.sku ? 1000 : 10);
    const coi = proposeSlotting(layout, items, current, picks, 'coi', rank, space);
    const abc = proposeSlotting(layout, items, current, picks, 'abc', rank, space);
    expect(coi.faces[items[1]!.sku]).toBe(faces[0]!.code);
    expect(abc.faces[items[0]!.sku]).toBe(faces[0]!.code);
  });

  it('an item already in its best face is not moved', () => {
    const best = [faces[0]!.index, faces[1]!.index, faces[2]!.index, faces[3]!.index];
    const again = picks.map((k) => ({
      ...k,
      bin: layout.bins[best[items.findIndex((i) => i.sku === k.sku)]!]!.code,
    }));
    expect(proposeSlotting(layout, items, best, again, 'abc', rank, sameSpace).moves).toEqual([]);
  });
});
