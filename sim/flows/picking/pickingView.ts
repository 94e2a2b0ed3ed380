import type { BinTaskRow, FlowView } from '../../engine/defineFlow.ts';
import type { PickTask } from '../../engine/entities.ts';
import { docCode } from '../../journal/docCode.ts';
import { picking } from './pickingState.ts';

/** The picking flow's part of the bin inspector: the pick tasks at the bin, with their picker. */
export const pickingView: FlowView = {
  binTasks(w, bin) {
    // A pick tour's job is one document for many tasks: its picker is found by the task's step
    // (never by the tour's number, a counter of its own that can equal a task's id).
    const picker = new Map<number, string>();
    for (const x of w.workers) {
      const job = x.job;
      if (job?.kind !== 'pick') continue;
      for (const st of job.steps) if (st.action === picking.act.pickAtFace) picker.set(st.arg, x.code);
    }
    // A scan in table order, then the few matches by id (= creation order): cheap per bin.
    const here: PickTask[] = [];
    w.tasks.forEachUnordered((t) => {
      if (t.bin === bin) here.push(t);
    });
    here.sort((a, b) => a.id - b.id);
    return here.map((t): BinTaskRow => ({
      id: docCode('pickTask', t.id),
      kind: 'pick',
      state: w.machines.pickTask.states[t.state] ?? '?',
      worker: picker.get(t.id) ?? null,
    }));
  },
};
