import { Priority } from '../../engine/eventKinds.ts';
import type { World } from '../../engine/world.ts';
import { inboundKpis } from './inboundKpis.ts';
import { inboundView } from './inboundView.ts';
import { onInboundSchedule, onTruckArrival } from './inboundSchedule.ts';
import { inboundSite } from './inboundSite.ts';
import { inbound, InboundTimer, inboundState } from './inboundState.ts';
import { nextPutawayJob, onRetryParked, putawayDrop, putawayPickUp, putawayReturn } from './putaway.ts';
import { nextReceiveJob, onQcDone, receiveDone, receiveLineScan, receiveUnload } from './receiving.ts';
import { schedule } from '../../engine/applyEffects.ts';

function onTimer(w: World, id: number, code: number): void {
  if (code === InboundTimer.qcDone) onQcDone(w, id);
  else if (code === InboundTimer.retryParked) onRetryParked(w);
  else throw new Error(`inbound timer with unknown code ${code}`);
}

/**
 * Inbound: trucks with POs/ASNs arrive in the yard by the scenario's schedule, wait for a dock
 * door, are unloaded and scanned line by line by receivers into a staging lane (or a QC cage
 * for inspection holds), and each pallet is put away by a forklift driver to the bin the
 * putaway rules direct (putawayRules.ts). Stock becomes available at putaway confirmation.
 * Inactive when the scenario has no `inbound` block.
 */
export const inboundFlow = inbound.flow({
  start(w) {
    if (!w.scenario.inbound) return;
    const st = inboundState(w);
    st.doors = inboundSite(w).doors.map(() => 0);
    schedule(w, 0, Priority.arrival, inbound.ev.inboundSchedule, 0, 0);
  },
  events: {
    inboundSchedule: (w, day) => onInboundSchedule(w, day),
    truckArrival: (w, receipt) => onTruckArrival(w, receipt),
    inboundTimer: onTimer,
  },
  sources: [
    { role: 'receiver', priority: 10, next: nextReceiveJob },
    // Replenishment offers urgent work to the same drivers at a lower (earlier) priority.
    { role: 'putaway', priority: 10, next: nextPutawayJob },
  ],
  actions: {
    receiveUnload: receiveUnload,
    receiveLineScan: receiveLineScan,
    receiveDone: receiveDone,
    putawayPickUp: putawayPickUp,
    putawayDrop: putawayDrop,
    putawayReturn: putawayReturn,
  },
  kpis: inboundKpis,
  view: inboundView,
});
