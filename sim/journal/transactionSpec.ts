import type { DocRefs } from './docRefs.ts';

/**
 * What a transaction type does to the system ledger (the fold in `inventory/ledger.ts` moves
 * `baseQty` out of (bin, statusFrom) and into (toBin ?? bin, statusTo)):
 * - `none`: never touches stock (no base quantity);
 * - `inflow`: stock enters the site (statusTo only);
 * - `outflow`: stock leaves the site (statusFrom only);
 * - `move`: stock goes from `bin` to another `toBin` (its status may change on the way);
 * - `status`: stock changes status in its bin;
 * - `adjust`: the system is corrected to what the floor holds (in, out or a status change) and
 *   nothing physical moves — it closes a gap the truth log opened;
 * - `external`: a feed's transaction whose shape the sender decides (any of in, out, move,
 *   status); both ledgers follow it.
 */
export const LEDGER_EFFECTS = ['none', 'inflow', 'outflow', 'move', 'status', 'adjust', 'external'] as const;

/** One ledger effect (see `LEDGER_EFFECTS`). */
export type LedgerEffect = (typeof LEDGER_EFFECTS)[number];

/** What one event really did to a ledger: nothing, stock in, stock out, to another bin, another status. */
export type LedgerShape = 'none' | 'inflow' | 'outflow' | 'move' | 'status';

/** The shapes each declared effect allows (an event of another shape breaks its catalogue entry). */
export const EFFECT_SHAPES: Readonly<Record<LedgerEffect, readonly LedgerShape[]>> = {
  none: ['none'],
  inflow: ['inflow'],
  outflow: ['outflow'],
  move: ['move'],
  status: ['status'],
  adjust: ['inflow', 'outflow', 'status'],
  external: ['inflow', 'outflow', 'move', 'status'],
};

/** How bad an event is for the people watching: `none` is not shown as it happens at all. */
export const ALERT_LEVELS = ['none', 'info', 'warning', 'error'] as const;

/** One alert level; `error` is the critical one. */
export type AlertLevel = (typeof ALERT_LEVELS)[number];

/** Flows a transaction belongs to (`inventory`: stock records themselves; `mirror`: a real site's feeds). */
export type TransactionFlow =
  'inbound' | 'picking' | 'replenishment' | 'counting' | 'inventory' | 'mirror' | 'returns' | 'transfers';

/**
 * How a type goes into the EPCIS export: a CBV business step (bare word) or a bintwin step URI
 * and the CBV disposition of the goods after it (null where the status varies event by event),
 * or not at all and why.
 */
export type EpcisExport =
  { readonly bizStep: string; readonly disposition: string | null } | { readonly notExported: string };

/** One entry of the transaction catalogue. */
export interface TransactionSpec {
  /** Short human label (the floor view's alert feed and inspector). */
  readonly label: string;
  readonly flow: TransactionFlow;
  readonly ledger: LedgerEffect;
  readonly epcis: EpcisExport;
  readonly alert: AlertLevel;
  /** Document references its events carry (a subset of these on each event). */
  readonly docs: readonly (keyof DocRefs)[];
  /** The floor view marks the event's bin as just counted. */
  readonly marksCount?: true;
  /** Opening stock: a mirror imports it separately, so the EPCIS export may leave it out. */
  readonly openingStock?: true;
}

/** The bintwin business-step URI of a type that no CBV step fits (kept stable: exports depend on it). */
export function bintwinStep(type: string): string {
  return `https://bintwin.dev/voc/BizStep-${type.replace(/[^A-Za-z0-9]+/g, '_')}`;
}

/** "Moves no stock": the reason most control events are left out of the EPCIS export. */
export const NO_STOCK = 'moves no stock';
