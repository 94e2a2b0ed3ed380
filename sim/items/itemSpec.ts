import { z } from 'zod';
import { temperatureClasses } from '../layout/types.ts';
import { isValidGtin } from './gtin.ts';

const share = z.number().min(0).max(1);
const positive = z.number().positive();
/** A [min, max] range. */
const range = z
  .tuple([positive, positive])
  .refine(([lo, hi]) => lo <= hi, { message: 'range must be [min, max] with min ≤ max' });

/** Generator parameters for a synthetic item master. */
export const itemGeneratorSchema = z
  .object({
    count: z.number().int().positive().max(1_000_000),
    skuPrefix: z
      .string()
      .regex(/^[A-Z0-9-]*$/, 'upper-case letters, digits and dashes only')
      .default('SKU'),
    /** Fixed Zipf exponent; when absent it is solved from `pareto`. */
    zipfExponent: z.number().nonnegative().optional(),
    /** Zipf–Mandelbrot rank offset q (flattens the best sellers); default 2% of `count`. */
    zipfOffset: z.number().nonnegative().optional(),
    /** The top `topShare` of SKUs carry `lineShare` of the order lines (80/20 by default). */
    pareto: z
      .object({
        topShare: z.number().gt(0).lt(1).default(0.2),
        lineShare: z.number().gt(0).lt(1).default(0.8),
      })
      .strict()
      .prefault({}),
    families: z
      .array(z.string().min(1))
      .min(1)
      .default([
        'grocery',
        'beverages',
        'household',
        'personal care',
        'hardware',
        'electronics',
        'apparel',
        'toys',
      ]),
    /** Share of ambient items under lot control (chilled and frozen items always are). */
    lotControlledShare: share.default(0.3),
    serialControlledShare: share.default(0.02),
    chilledShare: share.default(0.08),
    frozenShare: share.default(0.04),
    hazmatShare: share.default(0.03),
    hazardClasses: z.array(z.string().min(1)).min(1).default(['3', '8', '2.1', '9']),
    /** Longest side of one each, cm (log-uniform). */
    eachSizeCm: range.default([4, 40]),
    /** Share of items with an inner pack level between each and case. */
    innerPackShare: share.default(0.25),
    innerPackSize: range.default([2, 6]),
    /** Eaches per case (drawn from common pack sizes in this range). */
    caseQty: range.default([6, 48]),
    /** Cases larger than this are not formed: big eaches go straight onto a pallet. */
    maxCaseVolumeL: positive.default(60),
    pallet: z
      .object({
        lengthCm: positive.default(120),
        widthCm: positive.default(100),
        maxHeightCm: positive.default(165),
        maxWeightKg: positive.default(1000),
      })
      .strict()
      .prefault({}),
    /** Cost per each (log-uniform). */
    unitCost: range.default([0.5, 250]),
    gs1CompanyPrefix: z
      .string()
      .regex(/^\d{6,11}$/, 'GS1 company prefix must be 6-11 digits')
      .default('9506000'),
  })
  .strict()
  .superRefine((g, ctx) => {
    if (g.chilledShare + g.frozenShare + g.hazmatShare > 1) {
      ctx.addIssue({
        code: 'custom',
        message: 'chilled + frozen + hazmat shares exceed 1',
        path: ['hazmatShare'],
      });
    }
    const refDigits = 12 - g.gs1CompanyPrefix.length;
    if (String(g.count).length > refDigits) {
      ctx.addIssue({
        code: 'custom',
        message: `${g.count} items do not fit the ${refDigits}-digit item reference left by prefix ${g.gs1CompanyPrefix}; use a shorter prefix`,
        path: ['gs1CompanyPrefix'],
      });
    }
  });

const gtin = z
  .string()
  .refine(isValidGtin, 'not a valid GTIN-8/12/13/14 (length or GS1 check digit)')
  .transform((g) => g.padStart(14, '0'));

/** One packaging level in the list form. */
export const uomSpecSchema = z
  .object({
    uom: z.string().min(1),
    factor: z.number().int().positive(),
    gtin,
    lengthCm: positive,
    widthCm: positive,
    heightCm: positive,
    weightKg: positive,
  })
  .strict();

/** One item in the list form; omitted fields take plain defaults, velocity comes from demand. */
export const listItemSchema = z
  .object({
    sku: z.string().min(1),
    description: z.string().default(''),
    family: z.string().default('general'),
    uoms: z.array(uomSpecSchema).min(1),
    baseUom: z.string().optional(),
    lotControlled: z.boolean().default(false),
    shelfLifeDays: z.number().int().positive().nullable().default(null),
    serialControlled: z.boolean().default(false),
    temperature: z.enum(temperatureClasses).default('ambient'),
    hazard: z.string().min(1).nullable().default(null),
    velocityClass: z.enum(['A', 'B', 'C']).optional(),
    unitCost: z.number().nonnegative().default(0),
    /** Relative; normalised over the list. */
    demandWeight: z.number().nonnegative().default(1),
  })
  .strict()
  .superRefine((it, ctx) => {
    const base = it.baseUom ?? it.uoms[0]?.uom;
    const baseLevel = it.uoms.find((u) => u.uom === base);
    if (!baseLevel)
      ctx.addIssue({ code: 'custom', message: `base UoM "${base}" is not among uoms`, path: ['baseUom'] });
    else if (baseLevel.factor !== 1)
      ctx.addIssue({ code: 'custom', message: 'the base UoM must have factor 1', path: ['baseUom'] });
    const names = new Set<string>();
    it.uoms.forEach((u, i) => {
      if (names.has(u.uom))
        ctx.addIssue({ code: 'custom', message: `duplicate UoM "${u.uom}"`, path: ['uoms', i, 'uom'] });
      names.add(u.uom);
      const prev = it.uoms[i - 1];
      if (prev && (u.factor <= prev.factor || u.factor % prev.factor !== 0)) {
        ctx.addIssue({
          code: 'custom',
          message: `factor ${u.factor} must be a larger multiple of the previous level's ${prev.factor} (list smallest first)`,
          path: ['uoms', i, 'factor'],
        });
      }
    });
    if (it.lotControlled === false && it.shelfLifeDays !== null) {
      ctx.addIssue({ code: 'custom', message: 'expiry control needs lot control', path: ['shelfLifeDays'] });
    }
  });

/** Generator form `{ generate: {…} }`. */
export const generatedItemSpecSchema = z.object({ generate: itemGeneratorSchema }).strict();

/** List form `{ list: [...] }`. */
export const listItemSpecSchema = z
  .object({ list: z.array(listItemSchema).min(1) })
  .strict()
  .superRefine((s, ctx) => {
    const skus = new Set<string>();
    s.list.forEach((it, i) => {
      if (skus.has(it.sku))
        ctx.addIssue({ code: 'custom', message: `duplicate sku "${it.sku}"`, path: ['list', i, 'sku'] });
      skus.add(it.sku);
    });
    if (s.list.every((it) => it.demandWeight === 0)) {
      ctx.addIssue({ code: 'custom', message: 'at least one item needs demandWeight > 0', path: ['list'] });
    }
  });

/** Generated item spec, after defaults. */
export type GeneratedItemSpec = z.infer<typeof generatedItemSpecSchema>;
/** List item spec, after defaults. */
export type ListItemSpec = z.infer<typeof listItemSpecSchema>;
/** An item spec after parsing: either form. */
export type ItemSpec = GeneratedItemSpec | ListItemSpec;

/** Either form, picked by its key so zod's error paths stay exact (see layoutSpecSchema). */
export const itemSpecSchema = z.unknown().transform((input, ctx): ItemSpec => {
  const isGenerated = typeof input === 'object' && input !== null && 'generate' in input;
  const result = isGenerated ? generatedItemSpecSchema.safeParse(input) : listItemSpecSchema.safeParse(input);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path, input: issue.input });
  }
  return z.NEVER;
});
