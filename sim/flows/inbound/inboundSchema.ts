import { z } from 'zod';
import { distributionSchema } from '../../random/distribution.ts';
import { crossDockSchema } from '../crossdock/crossdockSchema.ts';

const share = z.number().min(0).max(1);

/** Receipt discrepancy codes a receiver can record (the receipt statechart's discrepancy events). */
export const DISCREPANCY_CODES = ['short', 'over', 'damaged', 'wrongItem', 'noPo', 'labelling'] as const;

/** One receipt discrepancy code. */
export type DiscrepancyCode = (typeof DISCREPANCY_CODES)[number];

/** Probability a receiver notices a discrepancy: one for every code, or per code (missing codes 0.8). */
const noticeSchema = z.union([
  share,
  z
    .object(
      Object.fromEntries(DISCREPANCY_CODES.map((c) => [c, share.default(0.8)])) as Record<
        DiscrepancyCode,
        z.ZodDefault<typeof share>
      >,
    )
    .strict(),
]);

/** Supplier mistakes per PO line (noPo: per truck, an extra pallet of an unordered item). */
const supplierErrorsSchema = z
  .object({
    /** Per line: another SKU is shipped in place of the ordered one. */
    wrongItem: share.default(0),
    /** Per truck: a pallet of an item that is on none of the truck's POs. */
    noPo: share.default(0),
    /** Per line: pallet labels missing or unreadable (relabel before putaway). */
    labelling: share.default(0),
    /** Per line: some units arrive damaged. */
    damaged: share.default(0),
  })
  .strict();
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day HH:MM');

/**
 * Inbound (receiving and putaway) settings; absent = no inbound flow. Owned by the inbound flow.
 * Every field has a default, so `"inbound": {}` runs a plausible weekday receiving operation.
 * Durations are in seconds unless a name says otherwise.
 */
export const inboundSchema = z
  .object({
    /**
     * POs raised per day of the week, Monday first, for the random policy; a day with 0 is a day
     * the dock is closed (no buying, no deliveries: a delivery due then comes the next open day).
     */
    trucksPerDay: z.array(z.number().int().nonnegative()).length(7).default([8, 8, 8, 8, 8, 2, 0]),
    /** Supplier lead time in the dock's working days (PO raised → truck due; rounded, at least 0). */
    leadTimeDays: distributionSchema.prefault({ kind: 'triangular', min: 2, mode: 3, max: 5 }),
    /** Lead time of particular suppliers, replacing `leadTimeDays` for them. */
    supplierLeadTimeDays: z.record(z.string().min(1), distributionSchema).default({}),
    /** Pallet positions of a trailer (rounded, at least 1), drawn per truck. */
    trailerPallets: distributionSchema.prefault({ kind: 'constant', value: 26 }),
    /** Mistakes the suppliers make; what the receiver may notice at the line scan. */
    supplierErrors: supplierErrorsSchema.prefault({}),
    /** Probability a receiver notices a discrepancy on a line and records it. */
    discrepancyNotice: noticeSchema.default(0.8),
    /** Noticed over-deliveries: receive what arrived, or refuse the excess back to the carrier. */
    overDelivery: z.enum(['accept', 'refuse']).default('accept'),
    /** Noticed wrong items: receive the SKU that came (when it is a stocked item), or reject the line. */
    wrongItem: z.enum(['receive', 'reject']).default('receive'),
    /** Relabelling time per line with a noticed labelling error. */
    relabelTime: distributionSchema.prefault({ kind: 'triangular', min: 60, mode: 120, max: 300 }),
    /** Trucks arrive in the yard between these times of day. */
    arrivalWindow: z
      .object({ start: clock.default('05:00'), end: clock.default('15:00') })
      .strict()
      .refine((w) => w.start < w.end, { message: 'start must be before end', path: ['end'] })
      .prefault({}),
    /**
     * Relative weights of the window's hours (first weight = the hour starting at `start`);
     * absent = uniform over the window.
     */
    arrivalProfile: z.array(z.number().nonnegative()).min(1).optional(),
    /** Lines per PO (rounded, at least 1; lines of one PO are distinct items). */
    linesPerPo: distributionSchema.prefault({
      kind: 'empirical',
      values: [2, 4, 6, 8, 12, 16, 24],
      weights: [10, 20, 25, 20, 12, 8, 5],
    }),
    /** Cases per line (rounded, at least 1), in the item's CS unit where it has one, else eaches. */
    casesPerLine: distributionSchema.prefault({ kind: 'triangular', min: 4, mode: 20, max: 80 }),
    /** Suppliers; a random PO is from one drawn uniformly, a reorder PO from its items' supplier. */
    suppliers: z
      .array(z.string().min(1))
      .min(1)
      .default(['ACME', 'BOREAL', 'CASCADE', 'DELTA', 'EVERGREEN', 'FJORD']),
    /** Share of POs that arrive with an ASN (pallet labels scanned: faster line scans). */
    asnShare: share.default(0.6),
    /** Line scan time with an ASN, as a multiple of `scanTime`. */
    asnScanFactor: z.number().positive().max(1).default(0.5),
    /** Quality control: share of receipts held for inspection, inspection time, reject share. */
    qc: z
      .object({
        share: share.default(0.05),
        inspectionTime: distributionSchema.prefault({
          kind: 'triangular',
          min: 1800,
          mode: 3600,
          max: 10800,
        }),
        rejectShare: share.default(0.1),
      })
      .strict()
      .prefault({}),
    /** Unloading time per pallet at the door. */
    unloadTime: distributionSchema.prefault({ kind: 'triangular', min: 60, mode: 90, max: 180 }),
    /** Check-in time per truck at the door (paperwork, seal). */
    checkInTime: distributionSchema.prefault({ kind: 'triangular', min: 120, mode: 300, max: 600 }),
    /** Scan and check time per line. */
    scanTime: distributionSchema.prefault({ kind: 'triangular', min: 20, mode: 40, max: 120 }),
    /** Putaway handling per pallet: pick-up at staging plus drop and bin scan at the location. */
    putawayTime: distributionSchema.prefault({ kind: 'triangular', min: 40, mode: 70, max: 150 }),
    /** Probability that a driver finds the directed bin blocked and asks for an override. */
    overrideShare: share.default(0.02),
    /** A supervisor's time to decide an override request, once one is free (the driver waits at the bin). */
    overrideApprovalTime: distributionSchema.prefault({ kind: 'triangular', min: 30, mode: 60, max: 240 }),
    /**
     * Share of override requests the supervisor approves; a rejected driver puts the unit in the
     * directed bin when it fits after all, else takes it back to staging (the task is parked).
     */
    overrideApproveShare: share.default(0.9),
    /** Parked putaway tasks (no bin fits) are re-directed every this many minutes. */
    retryMinutes: z.number().positive().default(30),
    /**
     * What the day's POs order. random: lines drawn by demand weight, `casesPerLine` each.
     * reorderPoint: the buyer's rule — every SKU whose position (system on hand + on order) is
     * below its reorder point (demand over its supplier's mean lead time + `reorderDays` of
     * safety stock) is ordered up to lead-time demand + `orderUpToDays`, one PO per supplier
     * (`linesPerPo` and the number in `trucksPerDay` are then ignored).
     */
    poPolicy: z.enum(['random', 'reorderPoint']).default('random'),
    reorderDays: z.number().positive().default(4),
    orderUpToDays: z.number().positive().default(10),
    /** Dock-to-dock for goods waiting orders need (sim/flows/crossdock); absent = off. */
    crossDock: crossDockSchema.optional(),
  })
  .strict()
  .refine((s) => s.orderUpToDays > s.reorderDays, {
    message: 'must be more than reorderDays',
    path: ['orderUpToDays'],
  })
  // A reorder-point buyer counts lead times in receiving days: with none in the week a PO's due
  // day is never reached (the opening pipeline looped forever). A site that only receives
  // transfers uses poPolicy 'random' with no trucks.
  .refine((s) => s.poPolicy !== 'reorderPoint' || s.trucksPerDay.some((n) => n > 0), {
    message: "reorderPoint buying needs at least one receiving day (or poPolicy 'random' with no trucks)",
    path: ['trucksPerDay'],
  });

/** Inbound settings after defaults. */
export type InboundSettings = z.output<typeof inboundSchema>;
