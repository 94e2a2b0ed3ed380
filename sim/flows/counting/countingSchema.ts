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
    policy: z.enum(['random', 'abc']).default('random'),
    abcWeights: z
      .object({ A: z.number().nonnegative(), B: z.number().nonnegative(), C: z.number().nonnegative() })
      .strict()
      .prefault({ A: 12, B: 4, C: 1 }),
    /** A count is within tolerance when every SKU/lot in the bin is off by at most this % of the system qty. */
    tolerancePct: z.object({ A: pct, B: pct, C: pct }).strict().prefault({ A: 1, B: 3, C: 5 }),
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
