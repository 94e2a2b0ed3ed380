import type { FlowView } from '../../engine/defineFlow.ts';
import { docCode } from '../../journal/docCode.ts';
import { replenishment } from './replenishmentState.ts';

/** The replenishment flow's part of the bin inspector: open replenishments to or from the bin. */
export const replenishmentView: FlowView = {
  binTasks(w, bin, workerOf) {
    return Object.entries(replenishment.peek(w)?.open ?? {})
      .filter(([, d]) => d.face === bin || d.source === bin)
      .map(([id]) => ({
        id: docCode('replenishment', id),
        kind: 'replenish',
        state: 'open',
        worker: workerOf('replenish', id),
      }));
  },
};
