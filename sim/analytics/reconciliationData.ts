import type { World } from '../engine/world.ts';
import type { TruthEvent } from '../exceptions/truthEvent.ts';
import type { CountRecord } from './countRecord.ts';
import { counting } from '../flows/counting/countingState.ts';
import { reconciliation } from '../exceptions/reconciliationState.ts';

/** What a reconciliation report reads from a run: the counts, the truth log and IRA over time. */
export interface ReconciliationData {
  scenario: string;
  /** Every count taken (first counts and recounts), oldest first. */
  counts: readonly CountRecord[];
  /** Exceptions injected so far, oldest first (where the errors were made). */
  truth: readonly TruthEvent[];
  /** Inventory record accuracy by truth per sample: [sim ms, IRA or null before any stock]. */
  iraSeries: readonly (readonly [number, number | null])[];
}

/**
 * The reconciliation inputs of a run, or null when it does not track stock (there is nothing
 * to reconcile). Reads the counting and reconciliation flows' slices through their handles, in
 * the core, so the report writer never reaches into `World.flow`.
 */
export function reconciliationData(w: World): ReconciliationData | null {
  if (!w.tracked) return null;
  const recon = reconciliation.peek(w);
  return {
    scenario: w.scenario.name,
    counts: counting.peek(w)?.records ?? [],
    truth: w.truth,
    iraSeries: recon?.iraSeries ?? [],
  };
}
