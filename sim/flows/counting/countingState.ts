import { defineFlow, type FlowHost } from '../../engine/defineFlow.ts';
import { countingSchema } from './countingSchema.ts';
import { docCode } from '../../journal/docCode.ts';
import type { CountRecord } from '../../analytics/countRecord.ts';
import type { CountFold } from '../../analytics/countFold.ts';

/** One count request for a bin (the document); plain JSON inside the flow state. */
export interface CountDoc {
  id: number;
  /** Compiled cycle-count-machine state. */
  state: number;
  /** Bin index. */
  bin: number;
  created: number;
  /** Worker index of the first count (a recount must go to someone else), -1 before. */
  firstCounter: number;
  /** Worker index of the count in progress, -1 when none. */
  counter: number;
  /** When the count in progress started, -1 when none. */
  started: number;
  /** The bin's system stock when counting started (to detect a move racing the count). */
  startSignature: string;
  /** Why it was raised: 'schedule', 'sweep', 'short-pick', 'zero-stock', 'shortfall', 'recount-of-rejected'. */
  reason: string;
  /** First count's quantities by SKU/lot key (the review compares the recount with it). */
  firstCounts: Record<string, number>;
  /** The recount's quantities and the system's at that moment: what a review approves or rejects. */
  lastCounts?: Record<string, number>;
  lastSystem?: Record<string, number>;
  /** Where the latest judged count's lines sit in the run's count lines: [first line number (recordsDropped + index), count]. */
  lastRecords?: [number, number];
  /** Lines the latest count of this request got wrong (counter error, see miscount.ts). */
  miscounts?: number;
  /** The latest count's wrong lines: signed error (reported − on the floor) by stock key. */
  miscountErrors?: Record<string, number>;
  /** Index of the worker whose count `miscountErrors` describes. */
  miscountBy?: number;
  /**
   * Driven by scanner messages (a count of the real floor), not by a simulated counter: no
   * simulated counter or controller takes it, its review waits for a person's decision, and its
   * adjustments move the twin's floor ledger as well.
   */
  external?: boolean;
}

/** Saved state of the counting flow. */
export interface CountingState {
  /** Open count requests by id. */
  open: Record<string, CountDoc>;
  /** Scheduled requests waiting for a counter, oldest first. */
  queue: number[];
  /** Requests out of tolerance waiting for a recount by another counter. */
  recountQueue: number[];
  scheduled: number;
  /** Blind counts submitted (first counts and recounts). */
  counted: number;
  posted: number;
  voided: number;
  rescheduled: number;
  recounts: number;
  adjustments: number;
  adjustedUnits: number;
  /** First tolerance decisions and how many of them were within tolerance (IRA as counted). */
  decisions: number;
  withinTolerance: number;
  /** Time on count jobs (travel and counting), ms. */
  counterMs: number;
  /** Posted counts per bin index. */
  binsCounted: Record<string, number>;
  /** Requests waiting for an inventory controller's review, oldest first. */
  reviewQueue: number[];
  approved: number;
  rejected: number;
  /** Counts raised by triggers, by reason. */
  triggered: Record<string, number>;
  /** Variances found per bin index (risk-based scheduling). */
  varianceHistory: Record<string, number>;
  /**
   * Counter error, in SKU/lot lines: lines counted (physically present), lines reported wrong,
   * and what became of those: caught (superseded by a recount or rejected in review), posted
   * (reached the system as the count), voided with their count.
   */
  linesCounted: number;
  miscounts: number;
  miscountsCaught: number;
  miscountsPosted: number;
  miscountsVoided: number;
  /**
   * Count decisions, for the variance reports: the newest `retention.countRecords` (max/2 … max,
   * never a line of an open count); the KPIs read `recordFold` plus these, exact over the run.
   */
  records: CountRecord[];
  /** Lines let go from the front of `records` (absent until the first is). */
  recordsDropped?: number;
  /** Aggregates of the lines let go, for the reconciliation KPIs (absent until the first is). */
  recordFold?: CountFold;
  /**
   * Fastest velocity rank (0 = A … 2 = C) per storage bin, in `storageBins` order, as of the
   * first count draw of `hour` (count scheduling; see countWeights.ts).
   */
  classCache?: { hour: number; ranks: number[] };
}

/** The cycle-counting flow module: its state slice, its timer and the step actions of a count and a review. */
export const counting = defineFlow({
  name: 'counting',
  state: (): CountingState => ({
    open: {},
    queue: [],
    recountQueue: [],
    scheduled: 0,
    counted: 0,
    posted: 0,
    voided: 0,
    rescheduled: 0,
    recounts: 0,
    adjustments: 0,
    adjustedUnits: 0,
    decisions: 0,
    withinTolerance: 0,
    counterMs: 0,
    binsCounted: {},
    reviewQueue: [],
    approved: 0,
    rejected: 0,
    triggered: {},
    varianceHistory: {},
    linesCounted: 0,
    miscounts: 0,
    miscountsCaught: 0,
    miscountsPosted: 0,
    miscountsVoided: 0,
    records: [],
  }),
  events: ['countTimer'],
  actions: ['countAtBin', 'countSubmit', 'countReview'],
  roles: ['counter', 'controller'],
  schema: { key: 'counting', section: countingSchema },
});

/** The counting flow's state inside the world, created on first use. */
export function countingState(w: FlowHost): CountingState {
  return counting.state(w);
}

/** Human count request number. */
export function countCode(id: number): string {
  return docCode('count', id);
}
