import { z } from 'zod';

const units = z.number().int().nonnegative();

/**
 * Key-account reserves (`stock.reserves`): stock held at the pick face in status
 * customer-reserved, which only key-account orders may allocate (and draw first). Off by default.
 */
export const reservesSchema = z
  .object({
    enabled: z.boolean().default(false),
    /** Share of orders placed by key accounts (each order is marked from its number, reproducibly). */
    keyAccountShare: z.number().min(0).max(1).default(0.1),
    /** Units held per item, by SKU; overrides `byClass`. */
    units: z.record(z.string().min(1), units).default({}),
    /** Units held per item of each velocity class (items with a pick face only). */
    byClass: z
      .object({ A: units.default(0), B: units.default(0), C: units.default(0) })
      .strict()
      .prefault({}),
  })
  .strict();

/**
 * Vendor consignment (`stock.consignment`): the listed items' stock at the pick face is vendor-
 * owned (status consigned): counted, picked and shipped like any other, not in inventory value;
 * allocating it consumes it and posts a vendor liability. Off by default.
 */
export const consignmentSchema = z
  .object({
    enabled: z.boolean().default(false),
    /** The vendor who owns the stock (named on the liability events). */
    vendor: z.string().min(1).default('CONSIGNOR'),
    /** Consigned SKUs; empty = every item of `classes`. */
    skus: z.array(z.string().min(1)).default([]),
    /** Velocity classes consigned when `skus` is empty (none = no item). */
    classes: z.array(z.enum(['A', 'B', 'C'])).default(['C']),
  })
  .strict();

/** Reserve settings after defaults. */
export type ReserveSettings = z.output<typeof reservesSchema>;
/** Consignment settings after defaults. */
export type ConsignmentSettings = z.output<typeof consignmentSchema>;
