import { z } from 'zod';
import { binCodeError, maxLevel, zoneIdPattern } from './binCode.ts';
import { binTypes, temperatureClasses, zoneKinds } from './types.ts';

const zoneId = z
  .string()
  .regex(zoneIdPattern, 'zone id must be an upper-case letter then up to 3 letters/digits');
const positive = z.number().positive();
const point = z.object({ x: z.number(), y: z.number() }).strict();

/** Capacity as written in a spec; missing fields fall back to the bin type's defaults. */
export const capacitySpecSchema = z
  .object({
    volumeL: positive.optional(),
    weightKg: positive.optional(),
    pallets: z.number().int().nonnegative().optional(),
  })
  .strict();

const zoneCommon = {
  id: zoneId,
  name: z.string().min(1),
  kind: z.enum(zoneKinds),
  /** Defaults to chilled for kind "cold", ambient otherwise. */
  temperature: z.enum(temperatureClasses).optional(),
  hazard: z.string().min(1).nullable().default(null),
};

/** One zone of a generated site: racking (`aisles` > 0) or a floor area (`bins` > 0), never both. */
export const generatedZoneSchema = z
  .object({
    ...zoneCommon,
    aisles: z.number().int().nonnegative().max(999).default(0),
    /** Bays per aisle counting both faces; falls back to the site-wide value. */
    baysPerAisle: z.number().int().positive().max(999).optional(),
    levels: z.number().int().positive().max(maxLevel).optional(),
    /** 2 = racking on both sides of the aisle (odd bays left, even right). */
    sides: z.union([z.literal(1), z.literal(2)]).optional(),
    /** Floor locations for an area zone (staging lanes, QC cages, pack benches). */
    bins: z.number().int().nonnegative().max(999).default(0),
    /** Defaults from the zone kind (forward → forward, reserve/cold/hazmat → reserve, …). */
    binType: z.enum(binTypes).optional(),
    capacity: capacitySpecSchema.optional(),
  })
  .strict()
  .refine((zn) => !(zn.aisles > 0 && zn.bins > 0), {
    message: 'a zone has either aisles (racking) or bins (floor area), not both',
    path: ['bins'],
  });

/** Generator parameters: zones become side-by-side aisles behind a front apron with docks. */
export const layoutGeneratorSchema = z
  .object({
    site: z.string().min(1),
    /** Aisle centre-to-centre spacing, metres. */
    aisleSpacing: positive.default(3),
    /** Bay width along the aisle, metres. */
    bayWidth: positive.default(2.7),
    baysPerAisle: z.number().int().positive().max(999).default(20),
    levels: z.number().int().positive().max(maxLevel).default(4),
    sides: z.union([z.literal(1), z.literal(2)]).default(2),
    /** Blocks along the aisles; blocks-1 middle cross aisles split them. */
    blocks: z.number().int().positive().default(1),
    crossAisleWidth: positive.default(3),
    /** Depth of the open floor between the dock wall (y = 0) and the front cross aisle. */
    apronDepth: positive.default(15),
    /** Spacing of floor-area locations along the apron, metres. */
    areaSpacing: positive.default(3),
    zones: z.array(generatedZoneSchema).min(1),
    docks: z
      .object({
        inbound: z.number().int().nonnegative().max(999).default(0),
        outbound: z.number().int().nonnegative().max(999).default(0),
        /** Door centre-to-centre spacing along the dock wall, metres. */
        spacing: positive.default(4),
      })
      .strict()
      .prefault({}),
    /** Tour start/end; defaults to the first pack-zone location, else the front of the first aisle. */
    depot: point.optional(),
  })
  .strict()
  .superRefine((g, ctx) => {
    const seen = new Set<string>();
    g.zones.forEach((zn, i) => {
      if (seen.has(zn.id))
        ctx.addIssue({ code: 'custom', message: `duplicate zone id "${zn.id}"`, path: ['zones', i, 'id'] });
      seen.add(zn.id);
    });
    for (const [side, kind] of [
      ['inbound', 'receiving'],
      ['outbound', 'ship'],
    ] as const) {
      if (g.docks[side] > 0 && !g.zones.some((zn) => zn.kind === kind)) {
        ctx.addIssue({
          code: 'custom',
          message: `${side} dock doors need a zone of kind "${kind}" to belong to`,
          path: ['docks', side],
        });
      }
    }
  });

/** Generator form: `{ "generate": { … } }`. */
export const generatedLayoutSpecSchema = z.object({ generate: layoutGeneratorSchema }).strict();

/** One location in the explicit list form; zone, aisle, bay and level come from the code. */
export const listBinSchema = z
  .object({
    code: z.string().superRefine((code, ctx) => {
      const err = binCodeError(code);
      if (err) ctx.addIssue({ code: 'custom', message: err });
    }),
    /** Defaults from the zone kind. */
    type: z.enum(binTypes).optional(),
    x: z.number(),
    y: z.number(),
    capacity: capacitySpecSchema.optional(),
    /** Defaults to the zone's. */
    temperature: z.enum(temperatureClasses).optional(),
    hazard: z.string().min(1).nullable().optional(),
  })
  .strict();

/** Explicit list form: a surveyed site, every bin given. */
export const listLayoutSpecSchema = z
  .object({
    site: z.string().min(1),
    zones: z.array(z.object(zoneCommon).strict()).min(1),
    bins: z.array(listBinSchema).min(1),
    /** Derived from the bins (aisle number > 0 in the code) when absent. */
    aisles: z
      .array(
        z
          .object({
            zone: zoneId,
            number: z.number().int().positive(),
            x: z.number(),
            yFront: z.number(),
            yBack: z.number(),
          })
          .strict(),
      )
      .optional(),
    /** Defaults to the front and back ends of the aisles. */
    crossAisles: z.array(z.number()).min(2).optional(),
    depot: point.optional(),
    docks: z
      .array(
        z
          .object({
            id: z.string().min(1),
            x: z.number(),
            y: z.number(),
            kind: z.enum(['inbound', 'outbound']),
          })
          .strict(),
      )
      .default([]),
  })
  .strict()
  .superRefine((s, ctx) => {
    const zones = new Set(s.zones.map((zn) => zn.id));
    const codes = new Set<string>();
    s.bins.forEach((b, i) => {
      if (codes.has(b.code))
        ctx.addIssue({
          code: 'custom',
          message: `duplicate bin code "${b.code}"`,
          path: ['bins', i, 'code'],
        });
      codes.add(b.code);
      const zone = b.code.split('-')[0] ?? '';
      if (binCodeError(b.code) === null && !zones.has(zone)) {
        ctx.addIssue({
          code: 'custom',
          message: `bin "${b.code}" is in unknown zone "${zone}"`,
          path: ['bins', i, 'code'],
        });
      }
    });
  });

/** Generated layout spec, after defaults. */
export type GeneratedLayoutSpec = z.infer<typeof generatedLayoutSpecSchema>;
/** Explicit list layout spec, after defaults. */
export type ListLayoutSpec = z.infer<typeof listLayoutSpecSchema>;
/** A layout spec after parsing: either form. */
export type LayoutSpec = GeneratedLayoutSpec | ListLayoutSpec;

/**
 * Either form, chosen by the presence of `generate`. Not a z.union: a union reports every
 * branch's failures at the root, whereas picking the branch first keeps zod's paths exact
 * (`generate.zones.0.levels`), which is what a scenario author needs.
 */
export const layoutSpecSchema = z.unknown().transform((input, ctx): LayoutSpec => {
  const isGenerated = typeof input === 'object' && input !== null && 'generate' in input;
  const result = isGenerated
    ? generatedLayoutSpecSchema.safeParse(input)
    : listLayoutSpecSchema.safeParse(input);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path, input: issue.input });
  }
  return z.NEVER;
});
