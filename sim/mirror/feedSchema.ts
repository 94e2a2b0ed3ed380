import { z } from 'zod';

/**
 * How the scanner feed checks receipts against purchase orders (used where scans drive the
 * twin, in mirror mode above all). Owned by `sim/mirror/`.
 */
export const feedSchema = z
  .object({
    /**
     * A receive scan may take its PO/ASN line up to this % over the ordered quantity (suppliers
     * round to cases); beyond it the scan is refused as an over-receipt and nothing is booked.
     */
    overReceiptPct: z.number().min(0).max(100).default(5),
  })
  .strict();

/** Feed settings after defaults. */
export type FeedSettings = z.output<typeof feedSchema>;
