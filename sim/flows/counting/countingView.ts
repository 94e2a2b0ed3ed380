import type { FlowView } from '../../engine/defineFlow.ts';
import { docCode } from '../../journal/docCode.ts';
import { BinFlag } from '../../view/viewState.ts';
import { counting } from './countingState.ts';

/** The counting flow's part of the views: open counts at a bin, and the floor's "counting" flag. */
export const countingView: FlowView = {
  binTasks(w, bin, workerOf) {
    return Object.entries(counting.peek(w)?.open ?? {})
      .filter(([, d]) => d.bin === bin)
      .map(([id]) => ({
        id: docCode('count', id),
        kind: 'count',
        state: 'open',
        worker: workerOf('count', id),
      }));
  },
  /**
   * Bins under count: every bin with an open count request (queued, being counted, waiting for
   * a recount or a review), read without creating the counting state.
   */
  binFlags(w, mark) {
    for (const doc of Object.values(counting.peek(w)?.open ?? {})) mark(doc.bin, BinFlag.counting);
  },
};
