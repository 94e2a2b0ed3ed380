import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { binIndexByCode, buildLayout } from './buildLayout.ts';
import { layoutSpecSchema } from './layoutSpec.ts';

/** A realistic DC as a scenario author would write it. */
const demoDc = {
  generate: {
    site: 'DC1',
    aisleSpacing: 3,
    bayWidth: 2.7,
    blocks: 2,
    zones: [
      { id: 'F', name: 'Forward pick', kind: 'forward', aisles: 6, baysPerAisle: 24, levels: 3 },
      { id: 'R', name: 'Reserve racking', kind: 'reserve', aisles: 8, baysPerAisle: 40, levels: 5 },
      { id: 'C', name: 'Chiller', kind: 'cold', aisles: 2, baysPerAisle: 20, levels: 4 },
      {
        id: 'Z',
        name: 'Freezer',
        kind: 'cold',
        temperature: 'frozen',
        aisles: 1,
        baysPerAisle: 20,
        levels: 4,
      },
      { id: 'H', name: 'Flammables', kind: 'hazmat', hazard: '3', aisles: 1, baysPerAisle: 10, levels: 3 },
      { id: 'B', name: 'Bulk floor', kind: 'bulk', bins: 12 },
      { id: 'RCV', name: 'Receiving', kind: 'receiving' },
      { id: 'S', name: 'Staging', kind: 'staging', bins: 8 },
      { id: 'Q', name: 'QC hold', kind: 'qc', bins: 4 },
      { id: 'P', name: 'Pack', kind: 'pack', bins: 4 },
      { id: 'SHP', name: 'Shipping', kind: 'ship' },
      { id: 'RT', name: 'Returns', kind: 'returns', bins: 2 },
    ],
    docks: { inbound: 4, outbound: 6 },
  },
};

describe('generated layout', () => {
  const layout = buildLayout(layoutSpecSchema.parse(demoDc));

  it('has aisles × bays × levels bins per racking zone, plus area bins and doors', () => {
    const count = (zone: string) => layout.bins.filter((b) => b.zone === zone).length;
    expect(count('F')).toBe(6 * 24 * 3);
    expect(count('R')).toBe(8 * 40 * 5);
    expect(count('C')).toBe(2 * 20 * 4);
    expect(count('H')).toBe(10 * 3);
    expect(count('B')).toBe(12);
    expect(count('RCV')).toBe(4);
    expect(count('SHP')).toBe(6);
    expect(layout.aisles).toHaveLength(18);
    expect(layout.docks.filter((d) => d.kind === 'inbound')).toHaveLength(4);
  });

  it('numbers bins densely with unique codes', () => {
    layout.bins.forEach((b, i) => expect(b.index).toBe(i));
    expect(new Set(layout.bins.map((b) => b.code)).size).toBe(layout.bins.length);
    const byCode = binIndexByCode(layout);
    expect(layout.bins[byCode.get('R-03-07-E') as number]).toMatchObject({ zone: 'R', bay: 7, level: 5 });
  });

  it('places pick faces on aisle centre lines, bays along the aisle, blocks split by a cross aisle', () => {
    expect(layout.crossAisles).toHaveLength(3);
    const [front, middle, back] = layout.crossAisles as [number, number, number];
    expect(front).toBe(15);
    // Reserve is the deepest: 40 bays / 2 sides = 20 positions, 10 per block of 27 m + 3 m cross aisle.
    expect(middle - front).toBeCloseTo(30);
    expect(back - front).toBeCloseTo(60);
    for (const b of layout.bins) {
      if (b.aisle < 0) {
        expect(b.y).toBeLessThanOrEqual(front); // floor areas sit on the apron
        continue;
      }
      const aisle = layout.aisles[b.aisle];
      expect(b.x).toBe(aisle?.x);
      expect(b.y).toBeGreaterThan(front);
      expect(b.y).toBeLessThan(back);
      for (const c of layout.crossAisles) expect(Math.abs(b.y - c)).toBeGreaterThanOrEqual(1.5 + 1.35 - 1e-9);
    }
    const bin = (code: string) => layout.bins[binIndexByCode(layout).get(code) as number];
    expect(bin('F-01-01-A')).toMatchObject({ x: 1.5, y: 15 + 1.5 + 1.35 });
    expect(bin('F-01-02-A')?.y).toBe(bin('F-01-01-A')?.y); // facing bays share a position
    expect(bin('F-02-01-A')?.x).toBe(4.5);
    expect(bin('R-01-21-A')?.y).toBeCloseTo(middle + 1.5 + 1.35); // first bay of block 2
    expect(layout.aisles.map((a) => a.x)).toEqual(layout.aisles.map((_, i) => (i + 0.5) * 3));
  });

  it('takes types, temperatures, hazards and capacities from zone kinds', () => {
    const first = (zone: string) => layout.bins.find((b) => b.zone === zone);
    expect(first('F')).toMatchObject({ type: 'forward', temperature: 'ambient', hazard: null });
    expect(first('R')).toMatchObject({ type: 'reserve', capacity: { pallets: 1 } });
    expect(first('C')).toMatchObject({ type: 'reserve', temperature: 'chilled' });
    expect(first('Z')?.temperature).toBe('frozen');
    expect(first('H')?.hazard).toBe('3');
    expect(first('Q')?.type).toBe('quarantine');
    expect(first('RCV')).toMatchObject({ type: 'dock', y: 0, aisle: -1 });
    expect(layout.depot).toEqual({ x: first('P')?.x, y: 7.5 });
    expect(layout.bins[layout.docks[0]?.bin as number]?.code).toBe(layout.docks[0]?.id);
  });

  it('is deterministic', () => {
    expect(buildLayout(layoutSpecSchema.parse(demoDc))).toEqual(layout);
  });
});

describe('list layout', () => {
  const spec = {
    site: 'Shop',
    zones: [
      { id: 'A', name: 'Shelving', kind: 'forward' },
      { id: 'D', name: 'Door', kind: 'receiving' },
    ],
    bins: [
      { code: 'A-01-01-A', x: 1.5, y: 2 },
      { code: 'A-01-01-B', x: 1.5, y: 2, capacity: { volumeL: 80 } },
      { code: 'A-01-03-A', x: 1.5, y: 6 },
      { code: 'A-02-01-A', x: 4.5, y: 2, temperature: 'chilled' },
      { code: 'D-00-01-A', x: 0, y: -3 },
    ],
    docks: [{ id: 'D-00-01-A', x: 0, y: -3, kind: 'inbound' }],
  };

  it('derives aisles and cross aisles from the bins', () => {
    const layout = buildLayout(layoutSpecSchema.parse(spec));
    expect(layout.aisles).toEqual([
      { index: 0, zone: 'A', number: 1, x: 1.5, yFront: 2, yBack: 6 },
      { index: 1, zone: 'A', number: 2, x: 4.5, yFront: 2, yBack: 2 },
    ]);
    expect(layout.crossAisles).toEqual([2, 6]);
    expect(layout.bins.map((b) => b.aisle)).toEqual([0, 0, 0, 1, -1]);
    expect(layout.bins[1]?.capacity).toEqual({ volumeL: 80, weightKg: 150, pallets: 0 });
    expect(layout.bins[3]?.temperature).toBe('chilled');
    expect(layout.bins[4]).toMatchObject({ type: 'dock', level: 1, bay: 1 });
    expect(layout.docks[0]?.bin).toBe(4);
    expect(layout.depot).toEqual({ x: 1.5, y: 2 });
  });

  it('rejects an aisle whose bins disagree on x', () => {
    const bad = { ...spec, bins: [...spec.bins, { code: 'A-02-02-A', x: 5, y: 2 }] };
    expect(() => buildLayout(layoutSpecSchema.parse(bad))).toThrow(/x 5 but aisle A-2 has x 4.5/);
  });
});

describe('bad specs', () => {
  const issues = (input: unknown) => {
    const r = layoutSpecSchema.safeParse(input);
    expect(r.success).toBe(false);
    return r.error ? z.prettifyError(r.error) : '';
  };

  it('reports the zod path of a bad generator field', () => {
    const bad = structuredClone(demoDc) as { generate: { zones: Record<string, unknown>[] } };
    (bad.generate.zones[0] as Record<string, unknown>).levels = 40;
    expect(issues(bad)).toMatch(/generate\.zones\[0\]\.levels/);
  });

  it('catches typos with strict objects', () => {
    const bad = structuredClone(demoDc) as { generate: Record<string, unknown> };
    bad.generate.aisleSpaceing = 3;
    expect(issues(bad)).toMatch(/aisleSpaceing/);
  });

  it('rejects duplicate zones, doors without a zone, and mixed zones', () => {
    expect(
      issues({
        generate: {
          site: 'X',
          zones: [
            { id: 'A', name: 'a', kind: 'forward', aisles: 1 },
            { id: 'A', name: 'b', kind: 'reserve', aisles: 1 },
          ],
        },
      }),
    ).toMatch(/duplicate zone id "A"[\s\S]*zones\[1\]\.id/);
    expect(
      issues({
        generate: {
          site: 'X',
          zones: [{ id: 'A', name: 'a', kind: 'forward', aisles: 1 }],
          docks: { outbound: 2 },
        },
      }),
    ).toMatch(/zone of kind "ship"[\s\S]*docks\.outbound/);
    expect(
      issues({
        generate: { site: 'X', zones: [{ id: 'A', name: 'a', kind: 'forward', aisles: 1, bins: 2 }] },
      }),
    ).toMatch(/not both/);
  });

  it('rejects bad codes, unknown zones and duplicates in the list form', () => {
    const base = { site: 'S', zones: [{ id: 'A', name: 'a', kind: 'forward' }] };
    expect(issues({ ...base, bins: [{ code: 'A-1-01-A', x: 0, y: 0 }] })).toMatch(
      /aisle "1" must be 2-3 digits[\s\S]*bins\[0\]\.code/,
    );
    expect(issues({ ...base, bins: [{ code: 'B-01-01-A', x: 0, y: 0 }] })).toMatch(/unknown zone "B"/);
    expect(
      issues({
        ...base,
        bins: [
          { code: 'A-01-01-A', x: 0, y: 0 },
          { code: 'A-01-01-A', x: 0, y: 0 },
        ],
      }),
    ).toMatch(/duplicate bin code[\s\S]*bins\[1\]\.code/);
  });
});
