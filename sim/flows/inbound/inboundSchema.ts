import { z } from 'zod';
import { distributionSchema } from '../../random/distribution.ts';

const share = z.number().min(0).max(1);
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day HH:MM');

/**
 * Inbound (receiving and putaway) settings; absent = no inbound flow. Owned by the inbound flow.
 * Every field has a default, so `"inbound": {}` runs a plausible weekday receiving operation.
 * Durations are in seconds unless a name says otherwise.
 */
export const inboundSchema = z
  .object({
    /** Trucks (one PO each) per day of the week, Monday first. */
    trucksPerDay: z.array(z.number().int().nonnegative()).length(7).default([8, 8, 8, 8, 8, 2, 0]),
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
    /** Suppliers; each PO is from one, drawn uniformly. */
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
    /** Supervisor response time to an override request. */
    overrideApprovalTime: distributionSchema.prefault({ kind: 'triangular', min: 30, mode: 60, max: 240 }),
    /** Parked putaway tasks (no bin fits) are re-directed every this many minutes. */
    retryMinutes: z.number().positive().default(30),
    /**
     * What the day's POs order. random: lines drawn by demand weight, `casesPerLine` each.
     * reorderPoint: the buyer's rule — every SKU whose position (system on hand + on order) is
     * below `reorderDays` of expected demand is ordered up to `orderUpToDays`, most urgent
     * first, split over the day's trucks (`linesPerPo` is then ignored).
     */
    poPolicy: z.enum(['random', 'reorderPoint']).default('random'),
    reorderDays: z.number().positive().default(4),
    orderUpToDays: z.number().positive().default(10),
  })
  .strict()
  .refine((s) => s.orderUpToDays > s.reorderDays, {
    message: 'must be more than reorderDays',
    path: ['orderUpToDays'],
  });

/** Inbound settings after defaults. */
export type InboundSettings = z.output<typeof inboundSchema>;
