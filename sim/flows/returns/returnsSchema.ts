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
 * Receipt discrepancy codes of a return against its RMA, in the order the KPIs list them:
 * fewer units, a different SKU, more units than authorised, goods damaged, no RMA at all.
 */
export const DISCREPANCY_CODES = ['short', 'wrongItem', 'over', 'damaged', 'noRma'] as const;

/** One receipt discrepancy code. */
export type DiscrepancyCode = (typeof DISCREPANCY_CODES)[number];

/** What becomes of a return that came without an RMA, once the desk has decided. */
export const NO_RMA_DECISIONS = ['accept', 'refuse', 'scrap'] as const;

/** One no-RMA decision. */
export type NoRmaDecision = (typeof NO_RMA_DECISIONS)[number];

/**
 * Receipt discrepancies beyond a short return (sim/flows/returns/discrepancy.ts). Every share is
 * 0 by default, so a scenario without this section runs as before, draw for draw.
 */
export const discrepancySchema = z
  .object({
    /** Share of returns in which a different SKU arrives than the RMA line (same quantity). */
    wrongItemShare: share.default(0),
    /** Share of returns with more units than the RMA authorised (1 … the RMA's units extra). */
    overShare: share.default(0),
    /** Share of returns that arrive damaged: booked `damaged`, dispositioned by `damagedDispositions`. */
    damagedShare: share.default(0),
    /** Share of customer returns sent without an RMA (held as unauthorised until decided). */
    noRmaShare: share.default(0),
    /** Inspection outcome of a damaged return: weights (a damaged return is never restocked as is). */
    damagedDispositions: z
      .object({ rework: weight.default(0.2), vendorReturn: weight.default(0.3), scrap: weight.default(0.5) })
      .strict()
      .refine((d) => d.rework + d.vendorReturn + d.scrap > 0, { message: 'some disposition needs a weight' })
      .prefault({}),
    /** Unauthorised returns: decision weights (accept into inspection, refuse = ship back, scrap). */
    noRma: z
      .object({
        accept: weight.default(0.6),
        refuse: weight.default(0.3),
        scrap: weight.default(0.1),
        /** Hours an unauthorised return is held in quarantine until the decision. */
        decisionHours: distributionSchema.prefault({ kind: 'triangular', min: 1, mode: 8, max: 48 }),
      })
      .strict()
      .refine((d) => d.accept + d.refuse + d.scrap > 0, { message: 'some decision needs a weight' })
      .prefault({}),
  })
  .strict()
  .refine((d) => d.wrongItemShare + d.overShare + d.damagedShare <= 1, {
    message: 'wrongItemShare + overShare + damagedShare must not exceed 1 (one code per return)',
  });

/** Validated discrepancy settings. */
export type DiscrepancySettings = z.output<typeof discrepancySchema>;

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
    /** Receipt discrepancies: wrong item, over quantity, damaged, no RMA (all off by default). */
    discrepancies: discrepancySchema.prefault({}),
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
