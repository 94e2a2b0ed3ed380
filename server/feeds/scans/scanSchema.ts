import { z } from 'zod';
import { SCAN_STEPS } from '../../../sim/mirrorApi.ts';
import { MAX_SCAN_BATCH } from '../feedContext.ts';

/** One scanner message on the wire. */
export const scanMessageSchema = z
  .object({
    device: z.string().min(1).max(64),
    user: z.string().min(1).max(64),
    role: z.string().min(1).max(32),
    step: z.enum(SCAN_STEPS),
    /** Exactly as scanned: AIM identifier and ASCII 29 separators kept; '' for a keyed quantity. */
    raw: z.string().max(4096),
    qty: z.number().finite().nonnegative().optional(),
    uom: z.string().min(1).max(8).optional(),
    clientEventId: z.string().min(1).max(128),
    deviceTime: z.iso.datetime({ offset: true }),
  })
  .strict();

/** A scan request: one message, an array, or `{ scans: [...] }`. */
export const scanRequestSchema = z.union([
  scanMessageSchema,
  z.array(scanMessageSchema).min(1).max(MAX_SCAN_BATCH),
  z.object({ scans: z.array(scanMessageSchema).min(1).max(MAX_SCAN_BATCH) }).strict(),
]);

/** Zod issues as path + message lines. */
export function issuesOf(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): { path: string; message: string }[] {
  return issues.map((i) => ({ path: '/' + i.path.map(String).join('/'), message: i.message }));
}
