import { z } from 'zod';
import { distributionSchema } from '../../random/distribution.ts';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day HH:MM');
const pct = z.number().nonnegative();

/**
 * Cycle-count settings; absent = no counting. Owned by the counting flow. Count requests are
 * released evenly over a daily window on the listed days; the bin is drawn at release from the
 * storage bins (forward, reserve, floor; empty ones included: a zero count is a real count).
 * Durations in seconds.
 */
export const countingSchema = z
  .object({
    countsPerDay: z.number().int().nonnegative().default(40),
    /** Days counts are released (0 = Monday). */
    days: z.array(z.number().int().min(0).max(6)).min(1).default([0, 1, 2, 3, 4]),
    /** Release window of the day's counts. */
    window: z.object({ start: clock, end: clock }).strict().prefault({ start: '06:00', end: '22:00' }),
    /**
     * random: every storage bin equally likely; abc: bins weighted by the fastest velocity
     * class stored in them (`abcWeights`, counts per year; empty bins weigh as C).
     */
    policy: z.enum(['random', 'abc', 'risk']).default('random'),
    /** Risk policy: a bin's ABC weight is multiplied by 1 + riskFactor × variances found there before (shrink history). */
    riskFactor: z.number().nonnegative().default(2),
    /**
     * Value weight: a drawn bin's weight is also multiplied by 1 + valueWeight × (the bin's stock
     * value, unit cost × units on hand) ÷ (the mean value of a storage bin). 0 = value plays no part.
     */
    valueWeight: z.number().nonnegative().default(0),
    /**
     * Criticality by item family: a drawn bin's weight is also multiplied by the largest factor
     * among the families of the items it holds (families not listed, and empty bins: 1).
     */
    criticality: z.record(z.string().min(1), z.number().positive()).default({}),
    /** A count is also out of tolerance when a difference is worth more than this (unit cost × units). */
    maxAdjustmentValue: z.number().positive().default(250),
    /** Counts raised by events: a short pick, a bin the system thinks just emptied, a move that found less than booked. */
    triggers: z
      .object({
        shortPick: z.boolean().default(true),
        zeroStock: z.boolean().default(true),
        shortfall: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    /** Location-based counts: every bin of a zone, every `everyDays` days, spread over the window. */
    sweeps: z
      .array(z.object({ zone: z.string().min(1), everyDays: z.number().int().positive() }).strict())
      .default([]),
    /** Physical inventories: at each of these hours every storage bin is queued for a count (operations should be quiet). */
    wallToWall: z.array(z.object({ atHours: z.number().nonnegative() }).strict()).default([]),
    /** Busy zones and hours where counters do not start counts (requests wait). */
    avoid: z
      .array(z.object({ zones: z.array(z.string().min(1)).min(1), from: clock, to: clock }).strict())
      .default([]),
    /** Review of counts still out after the recount: an inventory controller's time and how often the investigation finds the true cause. */
    review: z
      .object({
        time: distributionSchema.prefault({ kind: 'triangular', min: 300, mode: 900, max: 2400 }),
        investigationAccuracy: z.number().min(0).max(1).default(0.8),
        /**
         * Approval limit: a recount that confirms the first count (the two blind counts agree)
         * posts at once when its adjustment is worth at most this (unit cost × units, summed over
         * the bin); above it, or when the counts disagree, it waits for a controller's review.
         */
        approvalLimit: z.number().nonnegative().default(250),
        /** With no controller on the roster: a supervisor's time to decide at the desk, seconds, once one is free. */
        supervisorTime: distributionSchema.prefault({ kind: 'triangular', min: 60, mode: 180, max: 600 }),
        /** With no controller: share of adjustments (recount agreeing with the first count) the supervisor approves. */
        supervisorApproveShare: z.number().min(0).max(1).default(0.9),
      })
      .strict()
      .prefault({}),
    abcWeights: z
      .object({ A: z.number().nonnegative(), B: z.number().nonnegative(), C: z.number().nonnegative() })
      .strict()
      .prefault({ A: 12, B: 4, C: 1 }),
    /** A count is within tolerance when every SKU/lot in the bin is off by at most this % of the system qty. */
    tolerancePct: z.object({ A: pct, B: pct, C: pct }).strict().prefault({ A: 1, B: 3, C: 5 }),
    /**
     * Counter error: per SKU/lot line counted, the chance it is reported wrong; of those, the
     * share that are case-vs-each slips (off by case size − 1, items with a case level), the
     * rest off by `offBy` units (rounded, at least 1), over or under at even odds.
     */
    miscount: z
      .object({
        rate: z.number().min(0).max(1).default(0.01),
        caseSlipShare: z.number().min(0).max(1).default(0.2),
        offBy: distributionSchema.prefault({
          kind: 'empirical',
          values: [1, 2, 3],
          weights: [0.7, 0.2, 0.1],
        }),
      })
      .strict()
      .prefault({}),
    /**
     * Count effort: per bin (scan, look), per SKU/lot record, per handling unit (a full case
     * counts as one unit, loose eaches one each).
     */
    countTime: z
      .object({
        perBin: distributionSchema.prefault(20),
        perRecord: distributionSchema.prefault(15),
        perUnit: distributionSchema.prefault(1),
      })
      .strict()
      .prefault({}),
  })
  .strict();

/** Validated counting settings. */
export type CountingSettings = z.output<typeof countingSchema>;
