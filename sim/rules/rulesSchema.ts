import { z } from 'zod';
import { allocationRuleSchema } from './allocationSchema.ts';

/** Ways to choose which stock of a SKU an order line takes (Odoo's removal strategies). */
export const REMOVAL_STRATEGIES = ['fefo', 'fifo', 'lifo', 'closest', 'leastPackages'] as const;

/** One removal strategy. */
export type RemovalStrategy = (typeof REMOVAL_STRATEGIES)[number];

/** What a storage category lets a bin hold besides the goods coming in (Odoo's "allow new product"). */
export const MIXING_RULES = ['mixed', 'sameItem', 'empty'] as const;

/**
 * One putaway rule: goods matching every field given (absent = any) are put away in the listed
 * storage zones, first zone first (optionally only in some of a zone's aisles, by the number
 * printed in bin codes); when none of them takes the whole unit, the site-wide search decides.
 */
export const putawayRuleSchema = z
  .object({
    family: z.string().min(1).optional(),
    velocity: z.enum(['A', 'B', 'C']).optional(),
    temperature: z.enum(['ambient', 'chilled', 'frozen']).optional(),
    /** A hazard class, or 'none' for goods without one. */
    hazard: z.string().min(1).optional(),
    zones: z.array(z.string().min(1)).min(1),
    aisles: z.array(z.number().int().positive()).min(1).optional(),
  })
  .strict();

/** One putaway rule as written. */
export type PutawayRuleSpec = z.output<typeof putawayRuleSchema>;

/** Limits of the bins of one storage zone (a storage category). */
export const storageCategorySchema = z
  .object({
    /**
     * mixed: any goods share a bin (as space allows); sameItem: a bin takes an item only when it
     * holds nothing else; empty: only an empty bin, or one already holding the same item and lot.
     */
    mixing: z.enum(MIXING_RULES).default('mixed'),
    /** Pallet positions a bin of the zone may hold at most (absent: as many as fit). */
    maxPallets: z.number().int().positive().optional(),
  })
  .strict();

/**
 * Rules as data: putaway, storage categories, removal and allocation priority. The defaults are the built-in rules
 * (no table: the velocity/family search; every bin mixed; FEFO everywhere).
 */
export const rulesSchema = z
  .object({
    /** Putaway rules, first match wins (see `putawayRuleSchema`). */
    putaway: z.array(putawayRuleSchema).default([]),
    /** Storage categories by zone id. */
    storageCategories: z.record(z.string().min(1), storageCategorySchema).default({}),
    /** Removal strategy for stock in each zone (by zone id); other zones use `default`. */
    removal: z
      .object({
        default: z.enum(REMOVAL_STRATEGIES).default('fefo'),
        zones: z
          .record(z.string().min(1), z.object({ strategy: z.enum(REMOVAL_STRATEGIES) }).strict())
          .default({}),
      })
      .strict()
      .prefault({}),
    /** Allocation priority: sort keys for waiting orders (see `allocationRuleSchema`); absent = built-in. */
    allocation: allocationRuleSchema,
  })
  .strict();

/** Rules after defaults. */
export type Rules = z.output<typeof rulesSchema>;

/** The zone ids a rules block names, each with where it is named (for an unknown-zone check). */
export function namedZones(r: Rules): { zone: string; path: (string | number)[] }[] {
  const out: { zone: string; path: (string | number)[] }[] = [];
  r.putaway.forEach((p, i) =>
    p.zones.forEach((z, j) => out.push({ zone: z, path: ['putaway', i, 'zones', j] })),
  );
  for (const z of Object.keys(r.storageCategories)) out.push({ zone: z, path: ['storageCategories', z] });
  for (const z of Object.keys(r.removal.zones)) out.push({ zone: z, path: ['removal', 'zones', z] });
  return out;
}
