import { z } from 'zod';

/**
 * Sort keys of the allocation priority: `priority` (the customer class's priority, 1 first),
 * `promisedShip` (earliest promised ship time first), `route` (the carrier route with the
 * earliest cut-off of the day first), `fifo` (the oldest order first).
 */
export const ALLOCATION_KEYS = ['priority', 'promisedShip', 'route', 'fifo'] as const;

/** One allocation sort key. */
export type AllocationKey = (typeof ALLOCATION_KEYS)[number];

/**
 * One customer class of the order mix: its share of orders (a weight; the classes' weights are
 * normalised), its priority (1 = most urgent) and optionally its own promise (hours after
 * creation that fix the promised day, instead of `demand.promiseHours`).
 */
export const customerClassSchema = z
  .object({
    name: z
      .string()
      .regex(
        /^[a-z][a-z0-9-]{0,23}$/,
        'lower-case letters, digits and dashes, up to 24, starting with a letter',
      ),
    share: z.number().positive(),
    priority: z.number().int().min(1).max(99),
    promiseHours: z.number().positive().optional(),
  })
  .strict();

/** One customer class after defaults. */
export type CustomerClass = z.output<typeof customerClassSchema>;

/**
 * `demand.customerClasses`: the priority mix by customer class. Empty (the default) = one class
 * for every order, as before. Names must be unique.
 */
export const customerClassesSchema = z
  .array(customerClassSchema)
  .max(16)
  .default([])
  .superRefine((cs, ctx) => {
    const seen = new Set<string>();
    cs.forEach((c, i) => {
      if (seen.has(c.name))
        ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `duplicate class "${c.name}"` });
      seen.add(c.name);
    });
  });

/**
 * `rules.allocation`: which waiting order is served first, as an ordered list of sort keys
 * (ties go to the next key, then to the order number). It orders backorders when stock comes
 * (who gets scarce stock) and the orders of a wave as it is released (whose lines are picked
 * first). Absent = the built-in rules: backorders by earliest promise then oldest, a wave in the
 * order its orders were allocated.
 */
export const allocationRuleSchema = z.array(z.enum(ALLOCATION_KEYS)).min(1).max(4).optional();
