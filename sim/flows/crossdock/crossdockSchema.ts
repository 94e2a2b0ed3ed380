import { z } from 'zod';

/**
 * Cross-docking (`inbound.crossDock`): received goods that waiting orders need go from the
 * staging lane straight to the pack station instead of into storage. Off unless `enabled`.
 */
export const crossDockSchema = z
  .object({
    /** Off by default: every received unit is put away, as without this block. */
    enabled: z.boolean().default(false),
    /** SKUs that may be cross-docked; empty = every SKU of the allowed classes. */
    skus: z.array(z.string().min(1)).default([]),
    /** Velocity classes that may be cross-docked (A, B, C). */
    classes: z
      .array(z.enum(['A', 'B', 'C']))
      .min(1)
      .default(['A', 'B', 'C']),
    /**
     * Minutes a cross-dock pallet may wait in staging for a driver; one not picked up by then
     * goes to putaway after all and its order line waits for stock again.
     */
    maxWaitMinutes: z.number().positive().default(60),
  })
  .strict();

/** Cross-dock settings after defaults. */
export type CrossDockSettings = z.output<typeof crossDockSchema>;
