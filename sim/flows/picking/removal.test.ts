import { describe, expect, it } from 'vitest';
import { layoutSpecSchema } from '../../layout/layoutSpec.ts';
import { buildLayout } from '../../layout/buildLayout.ts';
import { createTravelModel } from '../../engine/travelModel.ts';
import { rulesSchema, REMOVAL_STRATEGIES } from '../../rules/rulesSchema.ts';
import { createRemovalOrder, fefoOrder, needsArrival, type RemovalCandidate } from './removal.ts';

const layout = buildLayout(
  layoutSpecSchema.parse({
    generate: {
      site: 'T',
      baysPerAisle: 10,
      levels: 2,
      zones: [
        { id: 'R', name: 'Reserve', kind: 'reserve', aisles: 3 },
        { id: 'B', name: 'Bulk', kind: 'reserve', aisles: 1 },
      ],
    },
  }),
);
const travel = createTravelModel(layout, 's-shape');
const reserve = layout.bins.filter((b) => b.zone === 'R');
const near = reserve.reduce((a, b) =>
  travel.distance(layout.depot, b) < travel.distance(layout.depot, a) ? b : a,
);
const far = reserve.reduce((a, b) =>
  travel.distance(layout.depot, b) > travel.distance(layout.depot, a) ? b : a,
);
const bulk = layout.bins.find((b) => b.zone === 'B')!;

/** Arrival days: the early-expiring lot arrived last (a short-dated delivery). */
const arrived: Record<string, number> = { 'L00100-001': 5, 'L00200-002': 1, 'L00300-003': 3 };

/** Three records of one SKU: lot (expiry order), units, bin. */
const recs: RemovalCandidate[] = [
  { lot: 'L00300-003', qty: 10, bin: near.index },
  { lot: 'L00100-001', qty: 40, bin: far.index },
  { lot: 'L00200-002', qty: 90, bin: far.index + 1 },
];

function firstTaken(removal: unknown): string {
  const r = rulesSchema.parse({ removal }).removal;
  const order = createRemovalOrder(layout, r, travel.distance, (lot) => arrived[lot] ?? -1);
  return [...recs].sort(order)[0]!.lot;
}

describe('removal strategy per zone', () => {
  it('each strategy takes a different record first', () => {
    const first = Object.fromEntries(REMOVAL_STRATEGIES.map((s) => [s, firstTaken({ default: s })]));
    expect(first).toEqual({
      fefo: 'L00100-001', // earliest expiry
      fifo: 'L00200-002', // arrived first (day 1)
      lifo: 'L00100-001', // arrived last (day 5)
      closest: 'L00300-003', // in the bin nearest the depot
      leastPackages: 'L00200-002', // the most units: fewest picks
    });
    // LIFO is not FEFO in disguise: the latest arrival, whatever its expiry.
    arrived['L00300-003'] = 9;
    expect(firstTaken({ default: 'lifo' })).toBe('L00300-003');
    arrived['L00300-003'] = 3;
  });

  it('the default is today’s FEFO order, and only FIFO/LIFO record arrivals', () => {
    const r = rulesSchema.parse({}).removal;
    expect(createRemovalOrder(layout, r, travel.distance, () => 0)).toBe(fefoOrder);
    expect(needsArrival(r)).toBe(false);
    expect(needsArrival(rulesSchema.parse({ removal: { zones: { B: { strategy: 'lifo' } } } }).removal)).toBe(
      true,
    );
  });

  it('a zone’s own strategy applies to its bins; zones under different strategies stay apart', () => {
    const r = rulesSchema.parse({
      removal: { default: 'leastPackages', zones: { B: { strategy: 'fefo' } } },
    }).removal;
    const order = createRemovalOrder(layout, r, travel.distance, () => -1);
    const inBulk = { lot: 'L00050-009', qty: 1, bin: bulk.index };
    // fefo (B) sorts before leastPackages (R) by the strategies' order: a total order.
    expect([...recs, inBulk].sort(order).map((c) => c.lot)).toEqual([
      'L00050-009',
      'L00200-002',
      'L00100-001',
      'L00300-003',
    ]);
  });
});
