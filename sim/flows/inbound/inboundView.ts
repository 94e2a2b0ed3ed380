import type { FlowView } from '../../engine/defineFlow.ts';
import { docCode } from '../../journal/docCode.ts';
import { inbound } from './inboundState.ts';

/** The inbound flow's part of the bin inspector: open putaway tasks directed to the bin. */
export const inboundView: FlowView = {
  binTasks(w, bin, workerOf) {
    return Object.entries(inbound.peek(w)?.tasks ?? {})
      .filter(([, d]) => d.bin === bin)
      .map(([id]) => ({
        id: docCode('putaway', id),
        kind: 'putaway',
        state: 'open',
        worker: workerOf('putaway', id),
      }));
  },
};
