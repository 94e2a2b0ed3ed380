import type { World } from '../../engine/world.ts';
import { countingState } from './countingState.ts';
import { iraAsCounted } from '../../kpi/ira.ts';

const round = (x: number, digits = 6): number => Math.round(x * 10 ** digits) / 10 ** digits;
const nullable = (x: number | null): number | null => (x === null ? null : round(x));

/** The counting section of kpis.json. */
export type CountingKpis = {
  scheduled: number;
  /** Blind counts submitted (first counts and recounts). */
  counted: number;
  posted: number;
  voided: number;
  rescheduled: number;
  recounts: number;
  inReview: number;
  open: number;
  waitingForCounter: number;
  inCount: number;
  binsCounted: number;
  adjustments: number;
  adjustedUnits: number;
  /** Hours on count jobs (travel and counting), finished jobs. */
  counterHours: number;
  /** Counts within tolerance ÷ counts taken, per count, never netted: the one figure (see `iraAsCounted` in sim/kpi/ira.ts). */
  iraAsCounted: number | null;
  /** Counts taken to a verdict (first count per request, voided ones excepted): its denominator. */
  countsJudged: number;
  /** Reviews decided: adjustments approved (with a root cause) and rejected. */
  approved: number;
  rejected: number;
  /** Counts raised by floor events, by reason. */
  triggered: Record<string, number>;
  /**
   * Counter error (the truth a site never sees): SKU/lot lines counted and lines reported wrong;
   * of those, caught by the recount or review, posted to the system, voided with their count.
   */
  miscounts: {
    linesCounted: number;
    wrong: number;
    rate: number | null;
    caught: number;
    posted: number;
    voided: number;
  };
};

/** Computes the counting section of kpis.json. */
export function countingKpis(w: World): CountingKpis {
  const s = countingState(w);
  let inCount = 0;
  for (const d of Object.values(s.open)) if (d.counter >= 0) inCount++;
  return {
    scheduled: s.scheduled,
    counted: s.counted,
    posted: s.posted,
    voided: s.voided,
    rescheduled: s.rescheduled,
    recounts: s.recounts,
    inReview: s.reviewQueue.length,
    open: Object.keys(s.open).length,
    waitingForCounter: s.queue.length + s.recountQueue.length,
    inCount,
    binsCounted: Object.keys(s.binsCounted).length,
    adjustments: s.adjustments,
    adjustedUnits: s.adjustedUnits,
    counterHours: round(s.counterMs / 3_600_000, 4),
    iraAsCounted: nullable(iraAsCounted({ within: s.withinTolerance, taken: s.decisions })),
    countsJudged: s.decisions,
    approved: s.approved,
    rejected: s.rejected,
    triggered: { ...s.triggered },
    miscounts: {
      linesCounted: s.linesCounted,
      wrong: s.miscounts,
      rate: s.linesCounted > 0 ? round(s.miscounts / s.linesCounted) : null,
      caught: s.miscountsCaught,
      posted: s.miscountsPosted,
      voided: s.miscountsVoided,
    },
  };
}
