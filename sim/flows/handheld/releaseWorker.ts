import type { World } from '../../engine/world.ts';
import type { Worker } from '../../engine/entities.ts';
import { stepDoc } from '../../engine/applyEffects.ts';
import { resumeAfterWait, resumeWorker } from '../../engine/workerFlow.ts';
import { putawayEvents as PE } from '../../machines/putawayTaskMachine.ts';
import { inboundState } from '../inbound/inboundState.ts';
import { taskIn, taskStep } from '../inbound/inboundSite.ts';
import { replenishmentState } from '../replenishment/replenishmentState.ts';
import { confirmAtFace, leaveForFace } from '../replenishment/replenishmentTrip.ts';
import { countingState } from '../counting/countingState.ts';
import { countingStep } from '../counting/countingFlow.ts';
import { handheld, type HandheldWait } from './handheldState.ts';
import { pickEntry, pickShort } from './pickByPerson.ts';
import { replenIn } from './replenishByPerson.ts';
import { countIn } from './countByPerson.ts';

/**
 * Hands a person-driven worker back to the simulation (the driver is already cleared). A
 * worker waiting for the person's entries has the step finished by the simulation: where the
 * chart is still where the simulated step starts, the step's simulated action runs again
 * (resumeWorker); where the person's entries moved it on, the simulation does what the next
 * entry would have (the full quantity at the face, the walk to the pick face, the face scan)
 * or counts the bin itself (the person's partial count is dropped). A worker waiting for a
 * supervisor has no wait here: the decision reaches the simulated driver.
 */
export function releaseToSimulation(w: World, worker: Worker): void {
  const st = handheld.peek(w);
  if (!st) return;
  delete st.overrides?.[worker.code];
  const wait = st.waits[worker.code];
  if (!wait) return;
  delete st.waits[worker.code];
  const waited = w.now - wait.since;
  const next = finishStep(w, worker, wait);
  if (next === 'advance') resumeAfterWait(w, worker, waited);
  else if (next === 'rerun') resumeWorker(w, worker, waited);
}

/**
 * Completes what the person's entries started, when the step's simulated action cannot simply
 * run again: then move on to the next step (`advance`), else run the step's simulated action
 * again (`rerun`); `done` when the step was finished and the worker moved on already.
 */
function finishStep(w: World, worker: Worker, wait: HandheldWait): 'advance' | 'rerun' | 'done' {
  const job = worker.job!;
  switch (wait.kind) {
    case 'pick': {
      const t = w.tasks.get(wait.ref)!;
      const table = w.machines.pickTask;
      if (t.state === table.state('"atBin"')) stepDoc(w, w.life.pickTask, t, w.E.taskBinScanned);
      // From `scanned` the tour's service step picks as for anyone.
      if (t.state !== table.state('"itemScanned"')) return 'advance';
      // Reinstated so the pick's own quantity step books it (and ends the wait itself).
      handheld.state(w).waits[worker.code] = wait;
      wait.factor = 1;
      const r = pickEntry(w, worker, wait, 'quantity', String(t.qty));
      if (!r.ok) pickShort(w, worker, wait);
      return 'done';
    }
    case 'receive':
      return 'rerun';
    case 'putaway': {
      const t = inboundState(w).tasks[wait.ref]!;
      if (taskIn(t, 'directed')) taskStep(w, t, PE.travelStarted);
      return 'rerun';
    }
    case 'replenish': {
      const t = replenishmentState(w).open[wait.ref]!;
      if (replenIn(t, 'pickedFromReserve')) leaveForFace(w, job, t);
      else if (replenIn(t, 'droppedAtForward')) confirmAtFace(w, worker, t);
      else return 'rerun';
      return 'advance';
    }
    case 'count': {
      const doc = countingState(w).open[wait.ref]!;
      if (!countIn(doc, 'counting', 'recounting')) return 'rerun';
      job.steps.push(countingStep(w, doc, { x: worker.x, y: worker.y }));
      return 'advance';
    }
  }
}
