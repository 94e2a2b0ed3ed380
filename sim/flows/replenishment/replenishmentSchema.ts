import { z } from 'zod';
import { distributionSchema } from '../../random/distribution.ts';

const share = z.number().min(0).max(1);

/**
 * Replenishment settings; absent = no replenishment. Owned by the replenishment flow.
 * Min and max are shares of the face's capacity for the item (`unitsThatFit(item, face)`), in
 * base units rounded down: a face is topped up to `max` when its on-hand (available + allocated)
 * falls to `min` or below. Durations are in seconds.
 */
export const replenishmentSchema = z
  .object({
    /** Trigger level, share of face capacity. */
    min: share.default(0.3),
    /** Order-up-to level, share of face capacity. */
    max: share.default(1),
    /** Also trigger at wave release for faces whose stock left after the wave is at or below min. */
    waveTrigger: z.boolean().default(true),
    /**
     * Which replenishments putaway drivers take before their putaway work: every open one,
     * only urgent ones (emergency: a picker waits at an empty face), or none.
     */
    putawayDrivers: z.enum(['all', 'urgent', 'none']).default('all'),
    /** At the reserve bin: take the load down and scan it. */
    pickUpTime: distributionSchema.prefault({ kind: 'triangular', min: 30, mode: 45, max: 90 }),
    /** At the forward face: put the stock in and scan the bin. */
    dropTime: distributionSchema.prefault({ kind: 'triangular', min: 30, mode: 60, max: 120 }),
  })
  .strict()
  .refine((r) => r.min < r.max, { message: 'min must be below max', path: ['min'] });

/** Validated replenishment settings. */
export type ReplenishmentSettings = z.output<typeof replenishmentSchema>;
