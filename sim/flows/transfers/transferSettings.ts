import { z } from 'zod';
import { distributionSchema } from '../../random/distribution.ts';

/** How a late or partial transfer receipt shows (the `transferReceiptLate` exception). */
export const LATE_RECEIPT_MODES = ['late', 'partial'] as const;

/**
 * Transfer claims (`transfers.claims`): a transfer received short opens a claim; its missing
 * units stay booked in transit at the source for the investigation time, then are found (booked
 * in at the destination) with probability `foundShare`, returned to the source (put back in its
 * storage) with probability `returnShare`, else written off at the source.
 */
export const transferClaimsSchema = z
  .object({
    enabled: z.boolean().default(false),
    /** Hours from the short receipt to the claim's outcome. */
    investigationHours: distributionSchema.prefault({ kind: 'triangular', min: 12, mode: 48, max: 120 }),
    /** Probability that a claim's missing units are found. */
    foundShare: z.number().min(0).max(1).default(0.4),
    /** Probability that they are found and returned to the source instead (put back in its storage). */
    returnShare: z.number().min(0).max(1).default(0),
  })
  .strict()
  .refine((c) => c.foundShare + c.returnShare <= 1, {
    message: 'foundShare + returnShare must not exceed 1',
    path: ['returnShare'],
  });

/** The fields of a refill rule (the network's rules add the destination `to`). */
export const refillRuleFields = {
  /** The site that ships (a DC). */
  from: z.string().min(1),
  /** SKUs the rule covers; absent = every item the site holds opening stock of. */
  skus: z.array(z.string().min(1)).min(1).optional(),
  /** Reorder point: the site's available units plus those on order below this raise a request. */
  min: z.number().int().nonnegative(),
  /** Order-up-to level in units. */
  max: z.number().int().positive(),
};

/** Refuses a rule whose order-up-to level is not above its reorder point. */
export const maxAboveMin: [
  (r: { min: number; max: number }) => boolean,
  { message: string; path: string[] },
] = [(r) => r.max > r.min, { message: 'max must be above min', path: ['max'] }];

/** One refill rule as a destination site holds it: below `min` units of an item, ask `from` for up to `max`. */
export const refillRuleSchema = z
  .object(refillRuleFields)
  .strict()
  .refine(...maxAboveMin);

/** A transfer order the scenario lists: at `atHours` the source is asked to ship `qty` of `sku` to `to`. */
export const listedTransferSchema = z
  .object({
    atHours: z.number().nonnegative(),
    from: z.string().min(1),
    to: z.string().min(1),
    sku: z.string().min(1),
    qty: z.number().int().positive(),
  })
  .strict();

/**
 * The transfer settings one site of a network runs with (the network scenario's `transfers`
 * block, resolved per site by sim/network). Written into the site's transfers state when the
 * network starts, so a resumed run reads them from its snapshot.
 */
export const transferSiteSchema = z
  .object({
    /** This site's name (its layout's site). */
    site: z.string().min(1),
    /** Refill rules where this site is the destination. */
    rules: z.array(refillRuleSchema).default([]),
    /** Transfers this site is asked for at a fixed time (this site is the destination). */
    orders: z.array(listedTransferSchema).default([]),
    /** Minutes between two reviews of the refill rules. */
    reviewEveryMinutes: z.number().positive().default(60),
    /** Seconds to pick one transfer line at its bin, and to load the transfer at the dock. */
    pickTime: distributionSchema.prefault({ kind: 'triangular', min: 20, mode: 40, max: 120 }),
    loadTime: distributionSchema.prefault({ kind: 'triangular', min: 60, mode: 180, max: 600 }),
    /** A late receipt: everything posted late (neither site shows it), or only part posted at once (both show the rest). */
    lateMode: z.enum(LATE_RECEIPT_MODES).default('late'),
    /** How long a late or partial receipt stays unposted, hours. */
    lateHours: z.number().positive().default(6),
    /**
     * Claims for short transfer receipts: off = the shortfall is written off between the sites at
     * once (as before); on = a claim holds it in transit while it is investigated.
     */
    claims: transferClaimsSchema.prefault({}),
  })
  .strict();

/** A site's transfer settings, after defaults. */
export type TransferSiteSettings = z.output<typeof transferSiteSchema>;
