import type { FlowView } from '../../engine/defineFlow.ts';
import { returnLifecycle } from './returnsSite.ts';
import { returns, rmaCode } from './returnsState.ts';

/** The returns flow's part of the bin inspector: returns held in the bin or being restocked to it. */
export const returnsView: FlowView = {
  binTasks(w, bin, workerOf) {
    const m = returnLifecycle().machine;
    return Object.values(returns.peek(w)?.rmas ?? {})
      .filter((r) => r.received >= 0 && (r.bin === bin || r.toBin === bin))
      .map((r) => ({
        id: rmaCode(r.id),
        kind: 'return',
        state: r.code === '' ? (JSON.parse(m.states[r.state]!) as string) : r.code,
        worker: r.driver >= 0 ? workerOf('restock', r.id) : null,
      }));
  },
};
