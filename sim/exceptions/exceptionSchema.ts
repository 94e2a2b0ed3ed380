import { z } from 'zod';

const p = z.number().min(0).max(1);

/**
 * Exception kinds and what their rate means. Most are a probability per opportunity (the
 * transaction where the mistake can happen); unscanned moves and shrink happen on their own,
 * at a rate per hour for the whole site.
 */
export const exceptionRatesSchema = z
  .object({
    /** Per hour, site-wide: a pallet or case moved to another bin without a transaction. */
    unscannedMovePerHour: z.number().nonnegative().default(0),
    /** Per pick line of an item with a case level: a case keyed as an each (over-pick) or an each as a case. */
    uomError: p.default(0),
    /** Per pick of a lot-controlled item with another lot at hand: the wrong lot is taken. */
    wrongLot: p.default(0),
    /** Per receipt line: fewer units arrive than the ASN says, but the line is posted as expected. */
    shortReceipt: p.default(0),
    /** Per receipt line: more arrive than posted. */
    overReceipt: p.default(0),
    /** Per receipt line: some units are damaged but left available. */
    damagedLeftAvailable: p.default(0),
    /** Per putaway: the pallet is placed in another bin than the one confirmed. */
    misPutaway: p.default(0),
    /** Per pick at a face short of stock: the picker fetches from reserve without a transaction. */
    emergencyReservePick: p.default(0),
    /** Per pick at a face short of stock: a similar item of the same family is shipped instead. */
    substitution: p.default(0),
    /** Per customer return received: the goods go straight back on the item's pick face, before inspection, unrecorded. */
    returnRestockedUninspected: p.default(0),
    /** Per hour, site-wide: units vanish (theft, breakage thrown away). */
    shrinkPerHour: z.number().nonnegative().default(0),
    /** Per transfer line shipped (network runs): a case more is loaded than the transfer books. */
    transferOverLoad: p.default(0),
    /** Per transfer line shipped: some units are lost on the way (the truck arrives short). */
    transitLoss: p.default(0),
    /** Per transfer line shipped: some units arrive damaged. */
    transitDamage: p.default(0),
    /**
     * Per transfer received: the receipt is posted late or only partly, so for a while both
     * sites (or neither) show the stock (the field guide's duplicate stock visibility).
     */
    transferReceiptLate: p.default(0),
  })
  .strict();

/** Exception rates, after defaults. */
export type ExceptionRates = z.output<typeof exceptionRatesSchema>;

/** Names of the exception kinds. */
export type ExceptionKind = keyof ExceptionRates;

/** Scenario block: base rates, plus overrides for a role, a shift or a worker (later, more specific entries win). */
export const exceptionsSchema = z
  .object({
    rates: exceptionRatesSchema.prefault({}),
    /** Errors happen from this hour … */
    fromHours: z.number().nonnegative().default(0),
    /** … until this hour (absent = to the end): for error bursts and for reconciliation experiments. */
    untilHours: z.number().positive().optional(),
    overrides: z
      .array(
        z
          .object({
            role: z.string().min(1).optional(),
            shift: z.string().min(1).optional(),
            /** Worker code, e.g. `pick-03`. */
            worker: z.string().min(1).optional(),
            rates: exceptionRatesSchema.partial(),
          })
          .strict()
          .refine((o) => o.role !== undefined || o.shift !== undefined || o.worker !== undefined, {
            message: 'an override needs a role, a shift or a worker',
          }),
      )
      .default([]),
  })
  .strict();

/** A rate key without its unit: `shrinkPerHour` → `shrink`, `uomError` stays. */
type CauseOfKind<K extends string> = K extends `${infer C}PerHour` ? C : K;

/** One exception cause: the name the truth log and a trainer's injection use. */
export type ExceptionCause = CauseOfKind<ExceptionKind>;

/** The truth-log cause of a rate key (the rate name without its unit). */
export function causeOf(kind: ExceptionKind): ExceptionCause {
  return (kind.endsWith('PerHour') ? kind.slice(0, -'PerHour'.length) : kind) as ExceptionCause;
}

/** The rate keys in schema order (the one place the list of kinds is written down). */
export const EXCEPTION_KINDS = Object.keys(exceptionRatesSchema.shape) as ExceptionKind[];

/**
 * Causes written to the truth log, in schema order, derived from the rate keys so a kind added
 * to the schema is a cause (and, through `injectableCauses`, on the trainer's menu) at once.
 */
export const EXCEPTION_CAUSES: readonly ExceptionCause[] = EXCEPTION_KINDS.map(causeOf);

/** Is this a site-wide happening at an hourly rate (injected at once), rather than bound to a transaction? */
export function isSpontaneous(kind: ExceptionKind): boolean {
  return kind.endsWith('PerHour');
}
