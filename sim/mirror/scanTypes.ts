// The scan session's vocabulary, apart from its logic so that the step handlers it calls
// (scanReceive.ts) can name these types without importing the session back (no import circle).
import type { MirrorException } from './mirrorState.ts';
import type { Milestone, ScanStep } from './scanSteps.ts';

/** One scanner message as the twin receives it (validated at the edge). */
export interface ScanMessage {
  device: string;
  user: string;
  role: string;
  step: ScanStep;
  /** The scanned data exactly as sent (AIM id and group separators kept); empty for keyed quantities. */
  raw: string;
  qty?: number;
  uom?: string;
  clientEventId: string;
  /** Device clock, ISO; kept, never used for ordering (acceptance order is journal order). */
  deviceTime: string;
}

/** A device's scan sequence in progress (kept in the world, so snapshots carry it). */
export interface ScanSession {
  step: ScanStep;
  /** Statechart state number in the step's compiled machine. */
  state: number;
  from?: string;
  sku?: string;
  lot?: string;
  /** Base units per keyed unit of the scanned GTIN level. */
  factor?: number;
  uom?: string;
  qty?: number;
  /** Count: the bin's system stock when its location was scanned (a move since voids the count). */
  signature?: string;
}

/** The answer to the device. */
export type ScanReply =
  | {
      ok: true;
      accepted: Milestone | 'line';
      next: string;
      /** The prompt of what comes next, from the task-step meta of the chart state it is taken in. */
      prompt?: string;
      eventIds?: string[];
      /**
       * What a completed line came to: a count `posted`, `recount-required`, in `review` or
       * `voided`; a receipt `received` against a PO line or `held` (no PO: not available).
       */
      status?: string;
      /** The count request (CC…) or PO/line a completed line belongs to. */
      count?: string;
      po?: string;
      line?: number;
      /** The exception recorded with it (a held receipt). */
      exception?: string;
    }
  | { ok: false; exception: MirrorException };

/** Records an exception and answers the device with it. */
export type Fail = (kind: string, reason: string, bin?: string) => ScanReply;
