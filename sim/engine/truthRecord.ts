import type { InventoryStatus } from '../journal/journalEvent.ts';

/**
 * The causes a truth event can name, as keys. The engine knows only the two it writes itself;
 * the exceptions layer adds its injected causes by module augmentation (`sim/exceptions/truthEvent.ts`),
 * the way XState and TanStack Router let an app register its types: the engine stays below the
 * exception catalogue in the import graph and every cause stays a checked literal.
 */
export interface TruthCauseRegister {
  consequence: true;
  miscount: true;
}

/**
 * What a truth event records: an injected mistake, the later physical effect of one
 * ('consequence'), or a counter's miscount posted to the system ('miscount').
 */
export type TruthCause = keyof TruthCauseRegister;

/** One change to the physical ledger that the system does not know about. */
export interface PhysicalChange {
  bin: string;
  sku: string;
  lot: string;
  status: InventoryStatus;
  /** Base units, signed. */
  delta: number;
}

/**
 * A physical-only happening, written to the truth log (`truth.ndjson`), never to the system
 * journal. It carries the attribution a variance found later is traced back to: cause, worker,
 * role, shift, bin and time, and the journal event it rode along with, if any.
 */
export interface TruthEvent {
  id: string;
  seq: number;
  t: number;
  /**
   * The mistake made, or 'consequence' for the later physical effect of an earlier one (goods
   * shipped as really picked, a move that found less than booked); consequences reference it in `of` where known.
   * 'miscount': a counter's error that a count posted as an adjustment (see `delta`).
   */
  cause: TruthCause;
  of?: string;
  worker?: string;
  role?: string;
  shift?: string;
  /** Bin where the mistake was made (for moves: where the stock came from). */
  bin: string;
  sku: string;
  lot?: string;
  /** What physically happened. */
  changes: PhysicalChange[];
  /**
   * Net effect on (physical − system), per record, statuses as the floor sees them: what the
   * physical changes did minus what the accompanying system transaction booked. Summed over the
   * log this equals the gap between the two ledgers exactly. A 'miscount' moved nothing: its
   * delta is the part of a count adjustment that was wrong (what it leaves as physical − system),
   * already in the gap through that adjustment, so it attributes and is not added again.
   */
  delta: PhysicalChange[];
  /** Supplier, for receiving exceptions (variance by supplier). */
  supplier?: string;
  /** Id of the system transaction it accompanied (a pick, a receipt line …), if any. */
  ref?: string;
  note?: string;
}

/** What a flow says about an exception it injects; the world fills in id, time and the log. */
export interface TruthBody {
  cause: TruthCause;
  /** For consequences: the truth event they follow from, where known. */
  of?: string;
  worker?: { code: string; role: string; shift: string | null } | null;
  bin: string;
  sku: string;
  lot?: string;
  ref?: string;
  note?: string;
  supplier?: string;
}
