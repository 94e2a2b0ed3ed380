import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAliasSampler } from './aliasSampler.ts';
import { buildItems } from './buildItems.ts';
import { isValidGtin } from './gtin.ts';
import { itemSpecSchema } from './itemSpec.ts';

const spec = itemSpecSchema.parse({ generate: { count: 2000 } });
const items = buildItems(spec, seedrandom('items'));

describe('generated items', () => {
  it('is deterministic for a given rng seed', () => {
    expect(buildItems(spec, seedrandom('items'))).toEqual(items);
    expect(buildItems(spec, seedrandom('other'))).not.toEqual(items);
  });

  it('has dense indices, unique SKUs and valid, distinct GTINs per packaging level', () => {
    items.forEach((it, i) => expect(it.index).toBe(i));
    expect(new Set(items.map((it) => it.sku)).size).toBe(items.length);
    const gtins = items.flatMap((it) => it.uoms.map((u) => u.gtin));
    expect(new Set(gtins).size).toBe(gtins.length);
    for (const g of gtins) {
      expect(g).toHaveLength(14);
      expect(isValidGtin(g)).toBe(true);
    }
    expect(items[0]?.sku).toBe('SKU-000001');
    expect(items[0]?.uoms[0]?.gtin).toBe('09506000000015');
  });

  it('puts 80% of sampled order lines on the top 20% of SKUs', () => {
    const sampler = createAliasSampler(items.map((it) => it.demandWeight));
    const rng = seedrandom('lines');
    const lines = new Array<number>(items.length).fill(0);
    for (let i = 0; i < 400_000; i++) {
      const k = sampler.sample(rng);
      lines[k] = (lines[k] as number) + 1;
    }
    const sorted = [...lines].sort((a, b) => b - a);
    const top = sorted.slice(0, items.length / 5).reduce((a, b) => a + b, 0) / 400_000;
    expect(top).toBeGreaterThan(0.75);
    expect(top).toBeLessThan(0.85);
    expect(items.reduce((s, it) => s + it.demandWeight, 0)).toBeCloseTo(1, 9);
    const aLines = items.filter((it) => it.velocityClass === 'A').reduce((s, it) => s + it.demandWeight, 0);
    expect(aLines).toBeGreaterThanOrEqual(0.8 - 1e-9);
    expect(aLines).toBeLessThan(0.81);
  });

  it('keeps UoM factors and dimensions consistent up the hierarchy', () => {
    for (const it of items) {
      expect(it.uoms[0]).toMatchObject({ uom: 'EA', factor: 1 });
      expect(it.baseUom).toBe('EA');
      for (let i = 1; i < it.uoms.length; i++) {
        const lo = it.uoms[i - 1]!;
        const hi = it.uoms[i]!;
        expect(hi.factor % lo.factor).toBe(0);
        expect(hi.factor).toBeGreaterThan(lo.factor);
        const n = hi.factor / lo.factor;
        // Contents plus packaging: heavier than the contents, but not by much.
        expect(hi.weightKg).toBeGreaterThanOrEqual(n * lo.weightKg - 0.002);
        expect(hi.weightKg).toBeLessThan(n * lo.weightKg * 1.2 + 30);
        const vol = (u: typeof lo) => u.lengthCm * u.widthCm * u.heightCm;
        expect(vol(hi)).toBeGreaterThanOrEqual(n * vol(lo) * 0.99);
        expect(hi.gtin[0]).not.toBe(lo.gtin[0]);
      }
      const pl = it.uoms.find((u) => u.uom === 'PL');
      if (pl) {
        expect(pl.heightCm).toBeLessThanOrEqual(165);
        expect(pl.weightKg).toBeLessThanOrEqual(1000);
      }
    }
    expect(items.filter((it) => it.uoms.some((u) => u.uom === 'CS')).length).toBeGreaterThan(
      items.length * 0.8,
    );
  });

  it('draws control flags and temperature classes at the configured shares', () => {
    const share = (f: (it: (typeof items)[number]) => boolean) => items.filter(f).length / items.length;
    expect(share((it) => it.temperature === 'chilled')).toBeCloseTo(0.08, 1);
    expect(share((it) => it.temperature === 'frozen')).toBeCloseTo(0.04, 1);
    expect(share((it) => it.hazard !== null)).toBeCloseTo(0.03, 1);
    for (const it of items) {
      if (it.temperature !== 'ambient') expect(it.lotControlled && it.shelfLifeDays !== null).toBe(true);
      if (it.shelfLifeDays !== null) expect(it.lotControlled).toBe(true);
      if (it.hazard !== null) expect(it.temperature).toBe('ambient');
      expect(it.unitCost).toBeGreaterThanOrEqual(0.5);
      expect(it.unitCost).toBeLessThanOrEqual(250);
    }
  });
});

describe('list items', () => {
  const list = {
    list: [
      {
        sku: 'COLA-330',
        description: 'Cola 330 ml can',
        family: 'beverages',
        uoms: [
          {
            uom: 'EA',
            factor: 1,
            gtin: '4006381333931',
            lengthCm: 6.6,
            widthCm: 6.6,
            heightCm: 11.5,
            weightKg: 0.35,
          },
          {
            uom: 'CS',
            factor: 24,
            gtin: '09506000134352',
            lengthCm: 40,
            widthCm: 27,
            heightCm: 12,
            weightKg: 8.7,
          },
        ],
        lotControlled: true,
        shelfLifeDays: 270,
        demandWeight: 9,
      },
      {
        sku: 'MOP-1',
        uoms: [
          { uom: 'EA', factor: 1, gtin: '96385074', lengthCm: 120, widthCm: 30, heightCm: 10, weightKg: 1.2 },
        ],
        demandWeight: 1,
      },
    ],
  };

  it('normalises weights, pads GTINs to 14 digits and derives velocity', () => {
    const out = buildItems(itemSpecSchema.parse(list), seedrandom('unused'));
    expect(out.map((it) => it.demandWeight)).toEqual([0.9, 0.1]);
    expect(out.map((it) => it.velocityClass)).toEqual(['A', 'B']);
    expect(out[0]?.uoms[0]?.gtin).toBe('04006381333931');
    expect(out[1]).toMatchObject({
      index: 1,
      baseUom: 'EA',
      family: 'general',
      temperature: 'ambient',
      shelfLifeDays: null,
    });
  });

  const issues = (input: unknown) => {
    const r = itemSpecSchema.safeParse(input);
    expect(r.success).toBe(false);
    return r.error ? z.prettifyError(r.error) : '';
  };

  it('rejects bad check digits, inconsistent factors and typos with their paths', () => {
    const bad = structuredClone(list);
    bad.list[0]!.uoms[1]!.gtin = '09506000134353';
    expect(issues(bad)).toMatch(/GS1 check digit[\s\S]*list\[0\]\.uoms\[1\]\.gtin/);
    const badFactor = structuredClone(list);
    badFactor.list[0]!.uoms[1]!.factor = 1;
    expect(issues(badFactor)).toMatch(/larger multiple[\s\S]*list\[0\]\.uoms\[1\]\.factor/);
    expect(issues({ list: [{ ...list.list[1], colour: 'red' }] })).toMatch(/colour/);
    expect(issues({ generate: { count: 10, chilledShare: 2 } })).toMatch(/generate\.chilledShare/);
    expect(issues({ generate: { count: 200_000 } })).toMatch(/shorter prefix[\s\S]*gs1CompanyPrefix/);
    expect(issues({ generate: { count: 10, caseQty: [48, 6] } })).toMatch(/min ≤ max/);
  });
});
