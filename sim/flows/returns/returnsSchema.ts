import { z } from 'zod';
import { distributionSchema } from '../../random/distribution.ts';

const share = z.number().min(0).max(1);
const weight = z.number().nonnegative();
/** A layout zone id, as the layout spec writes them. */
const zoneId = z.string().regex(/^[A-Z][A-Z0-9]{0,3}$/, 'a layout zone id (upper-case letter + up to 3)');

/** The disposition codes of an inspected return, in the order the KPIs list them. */
export const DISPOSITION_CODES = ['restock', 'rework', 'vendorReturn', 'scrap'] as const;

/** One disposition code. */
export type DispositionCode = (typeof DISPOSITION_CODES)[number];

/**
 * Customer returns and the disposition of QC-rejected receipts; absent = neither (a QC reject
 * then stays in quarantine, as before). Owned by the returns flow (sim/flows/returns/).
 * Times at the returns desk are in seconds, delays in hours.
 */
export const returnsSchema = z
  .object({
    /** Share of shipped order lines whose goods come back under an RMA. */
    share: share.default(0.05),
    /** Whether a return brings the whole line back or part of it (1 … the line's units, uniform). */
    units: z.enum(['line', 'partial']).default('line'),
    /** Hours from shipping until the customer's RMA is issued. */
    delayHours: distributionSchema.prefault({ kind: 'triangular', min: 2, mode: 48, max: 240 }),
    /** Hours from the RMA until the goods are at the returns desk. */
    transitHours: distributionSchema.prefault({ kind: 'triangular', min: 2, mode: 24, max: 72 }),
    /** Share of RMAs whose goods never come back (the RMA is cancelled when they were due). */
    cancelShare: share.default(0.05),
    /** Share of returns received with fewer units than the RMA authorised (a mismatch note). */
    mismatchShare: share.default(0.05),
    /** Layout zone of the returns area; absent: the first zone of kind `returns`, else the staging bin nearest an inbound dock. */
    zone: zoneId.optional(),
    /** Layout zone of the rework area; absent: the returns area. */
    reworkZone: zoneId.optional(),
    /** Receiver's time to receive one return at the desk (scan RMA, item, quantity; bin it). */
    receiveTime: distributionSchema.prefault({ kind: 'triangular', min: 30, mode: 60, max: 150 }),
    /** Receiver's time to inspect one return. */
    inspectionTime: distributionSchema.prefault({ kind: 'triangular', min: 60, mode: 150, max: 420 }),
    /** Inspection outcome: relative weights of the disposition codes. */
    dispositions: z
      .object({
        restock: weight.default(0.6),
        rework: weight.default(0.1),
        vendorReturn: weight.default(0.15),
        scrap: weight.default(0.15),
      })
      .strict()
      .refine((d) => DISPOSITION_CODES.some((c) => d[c] > 0), { message: 'some disposition needs a weight' })
      .prefault({}),
    /** Hours a return spends in rework before it is sound (available) again. */
    reworkHours: distributionSchema.prefault({ kind: 'triangular', min: 2, mode: 8, max: 24 }),
    /** Returns the rework area works on at once (benches); more wait in a FIFO queue. 0 = no limit. */
    reworkSlots: z.number().int().nonnegative().default(0),
    /** Putaway driver's time at each end of a restock move (pick up, put in and scan). */
    restockTime: distributionSchema.prefault({ kind: 'triangular', min: 20, mode: 40, max: 90 }),
    /** Minutes before a restock that found no bin is directed again. */
    retryMinutes: z.number().positive().default(60),
    /** QC-rejected receipt lines: share shipped back to the vendor (the rest scrapped), after a decision time. */
    qcReject: z
      .object({
        vendorReturnShare: share.default(0.7),
        decisionHours: distributionSchema.prefault({ kind: 'triangular', min: 4, mode: 24, max: 72 }),
      })
      .strict()
      .prefault({}),
  })
  .strict();

/** Validated returns settings. */
export type ReturnsSettings = z.output<typeof returnsSchema>;
