import { defineFlow } from '../../engine/defineFlow.ts';

/**
 * A person-driven worker waiting for entries on their handheld: which task step, and what of
 * the step's entries they have given so far. Plain JSON (saved in snapshots with the flow state).
 */
export interface HandheldWait {
  /** Which driver takes the entries. */
  kind: 'pick' | 'receive' | 'putaway' | 'replenish' | 'count';
  /** Pick task, receipt, putaway task, replenishment task or count request id. */
  ref: number;
  /** Receipt line index (receive); 0 for a pick. */
  line: number;
  /** Sim time the wait began (booked as the worker's wait time when it ends). */
  since: number;
  /** Entries of the current chart state taken so far (a receipt line takes item, then quantity). */
  taken: number;
  /** The item scan lacked the lot of a lot-controlled item: the lot is asked for next. */
  needLot: boolean;
  /** SKU and lot confirmed by the item (and lot) entries. */
  sku: string;
  lot: string;
  /** Base units in one of the scanned GTIN's packaging level. */
  factor: number;
  /** Receive: base units physically on the pallet (the short/over injectors applied). */
  arrived: number;
  /** Count: base units counted so far by `totalsAt` key (SKU and lot); blind, never the system's. */
  counts?: Record<string, number>;
}

/** A putaway override a person asked for: the task, the bin asked for and why (the chart holds the decision). */
export interface HandheldOverride {
  task: number;
  bin: string;
  reason: string;
}

/** The handheld flow's state: the open waits by worker code. */
export interface HandheldState {
  waits: Record<string, HandheldWait>;
  /** The putaway override each person asked for, by worker code, until that task is done. */
  overrides?: Record<string, HandheldOverride>;
}

/**
 * The handheld flow (issue 14): the second driver of the task charts. It declares no events or
 * actions of its own: it replaces other flows' step actions for person-driven workers.
 */
export const handheld = defineFlow({
  name: 'handheld',
  state: (): HandheldState => ({ waits: {} }),
  roles: [],
});

/** A fresh wait record. */
export function newWait(kind: HandheldWait['kind'], ref: number, line: number, now: number): HandheldWait {
  return { kind, ref, line, since: now, taken: 0, needLot: false, sku: '', lot: '', factor: 1, arrived: 0 };
}
