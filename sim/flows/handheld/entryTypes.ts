/** What a handheld entry is for (the chart state's expected input, or one of its exits). */
export type EntryInput = 'binLabel' | 'gs1Item' | 'lot' | 'quantity' | 'confirm' | 'exit';

/** One entry a person makes on a handheld, as data (the `rf.entry` engine command carries it). */
export interface HandheldEntry {
  /** The worker's code (`Worker.code`). */
  worker: string;
  input: EntryInput;
  /** What was scanned or typed (the wedge's trailing CR/LF stripped or not: the parser ignores it). */
  raw: string;
  /** The exit taken when `input` is `exit`. */
  exit?: string;
  /** Why, for an exit that takes a reason (an override request). */
  reason?: string;
}

/** How an entry went: accepted (and, when it ended the task, how), or refused with why. */
export type EntryOutcome =
  | {
      ok: true;
      done?: 'picked' | 'short' | 'received' | 'over' | 'putAway' | 'overridden' | 'replenished' | 'counted';
    }
  | { ok: false; reason: string };
