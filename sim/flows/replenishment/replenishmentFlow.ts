import { dispatch } from '../../engine/workerFlow.ts';
import { faceLevels, faceOnHand, itemOfSku } from './faceStock.ts';
import { replenishment, replenishmentState } from './replenishmentState.ts';
import { replenishmentKpis } from './replenishmentKpis.ts';
import { replenishmentView } from './replenishmentView.ts';
import { checkFace, trigger, waveTrigger } from './replenishmentTriggers.ts';
import { drop, nextJob, pickUp } from './replenishmentTrip.ts';

/**
 * Replenishment of forward pick faces from reserve. Triggers: min-max after every pick,
 * projected shortfall at wave release, and emergency when a picker finds an empty face. A
 * task is one trip: reserve (FEFO, then smallest quantity) → truck → face. Replenishers take
 * tasks as their own work; putaway drivers take them before putaway (interleaving).
 */
export const replenishmentFlow = replenishment.flow({
  sources: [
    { role: 'replenisher', priority: 0, next: (w, worker) => nextJob(w, worker, 'all') },
    {
      role: 'putaway',
      priority: -1,
      next: (w, worker) => nextJob(w, worker, w.scenario.replenishment?.putawayDrivers ?? 'none'),
    },
  ],
  actions: {
    replenPickUp: pickUp,
    replenDrop: drop,
  },
  picked(w, _bin, sku) {
    if (!w.scenario.replenishment) return;
    const item = itemOfSku(w, sku);
    if (item >= 0 && checkFace(w, item, 'min-max')) dispatch(w);
  },
  waveReleased(w, orderIds) {
    if (!w.scenario.replenishment?.waveTrigger) return;
    if (waveTrigger(w, orderIds) > 0) dispatch(w);
  },
  emptyFace(w, _worker, bin, sku) {
    if (!w.scenario.replenishment) return false;
    const item = itemOfSku(w, sku);
    if (item < 0 || w.site.forwardBinOf[item] !== bin) return false;
    const s = replenishmentState(w);
    const open = s.byFace[bin];
    if (open !== undefined) {
      // Already coming; if nobody has it yet, it jumps the queue.
      const i = s.queue.indexOf(open);
      if (i > 0) s.queue.unshift(...s.queue.splice(i, 1));
      return true;
    }
    // A face the system sees as full cannot take a replenishment (a count must sort it out).
    if (faceOnHand(w, item) >= faceLevels(w, item).max) return false;
    if (!trigger(w, item, 'emergency')) return false;
    dispatch(w);
    return true;
  },
  kpis: (w) => (w.scenario.replenishment ? replenishmentKpis(w) : null),
  view: replenishmentView,
});
