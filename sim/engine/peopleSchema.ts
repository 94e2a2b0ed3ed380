import { z } from 'zod';
import { distributionSchema } from '../random/distribution.ts';

/**
 * How workers differ from one another and what they carry. Each worker draws a personal speed
 * factor and task-time factor once, at creation (from the seed alone, so a resumed run has the
 * same people); breaks of each role on a shift are spread over a window instead of everyone
 * stopping at the bell; every worker has a handheld (device id) and sometimes keys a
 * confirmation instead of scanning it. A queueing-model validation sets both factors to 1.
 */
export const peopleSchema = z
  .object({
    /** Multiplies the group's travel speed (truncated normal: most people within ±10%). */
    speedFactor: distributionSchema.prefault({ kind: 'normal', mean: 1, sd: 0.1, min: 0.7, max: 1.3 }),
    /** Multiplies every work time the worker does (service, handling, counting; not waits for others). */
    taskFactor: distributionSchema.prefault({ kind: 'normal', mean: 1, sd: 0.15, min: 0.6, max: 1.6 }),
    /**
     * Breaks of the workers of one role on one shift start spread evenly over this many minutes,
     * centred on the scheduled break start (0 = everyone at once); a break never leaves its shift.
     */
    breakStaggerMinutes: z.number().nonnegative().max(240).default(60),
    /** Device ids are `<prefix>-NNN`, numbered over the site in scenario order. */
    devicePrefix: z
      .string()
      .regex(/^[A-Z][A-Z0-9]{0,5}$/, 'upper-case letters and digits, up to 6, e.g. RF')
      .default('RF'),
    /**
     * Per scanned confirmation: the label would not read, so the worker keyed it in instead
     * (the journal says `method: "keyed"`; scan compliance drops).
     */
    keyedShare: z.number().min(0).max(1).default(0.01),
    /**
     * Supervisors on duty at any time of a shift: they decide what the charts send them (putaway
     * overrides, count adjustments no controller reviews), one decision each at a time; a
     * request waits, and so does the worker behind it, until one is free.
     */
    supervisors: z.number().int().min(1).max(50).default(1),
  })
  .strict();

/** Validated people settings. */
export type PeopleSettings = z.output<typeof peopleSchema>;
