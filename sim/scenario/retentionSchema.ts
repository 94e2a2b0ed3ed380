import { z } from 'zod';

/**
 * How many records the engine keeps in memory for a long run (a wall screen stays up for days).
 * The KPIs never depend on these: they come from exact running aggregates; only the record
 * windows behind reports and a debrief (count lines, truth events, inbound samples) are cut to
 * their newest max/2 … max. The defaults hold a headless run of months whole; a live run may set
 * smaller ones.
 */
export const retentionSchema = z
  .object({
    /** Count lines (variance reports) kept in memory: the newest half to all of this many. */
    countRecords: z.number().int().min(2).max(10_000_000).default(40_000),
    /** Truth events kept in memory (debrief, reports); the live run's truth.ndjson keeps every one. */
    truthEvents: z.number().int().min(2).max(10_000_000).default(20_000),
    /** Samples per inbound duration series (dock-to-stock, lead times, truck fill) for medians and p90s. */
    inboundSamples: z.number().int().min(2).max(10_000_000).default(50_000),
  })
  .strict();

/** The retention limits, defaults filled in. */
export type Retention = z.infer<typeof retentionSchema>;

const DEFAULTS: Retention = retentionSchema.parse({});

/** The scenario's retention limits, or the defaults when it names none. */
export function retentionOf(s: { retention?: Retention | undefined }): Retention {
  return s.retention ?? DEFAULTS;
}
