import type { World } from '../../engine/world.ts';
import { inspect, reworkDone } from './disposition.ts';
import { decideRejected, lineRejected } from './qcRejects.ts';
import { issueRma, lineShipped, nextDeskJob, receiveReturn, returnArrives } from './returnsDesk.ts';
import { decideUnauthorised } from './noRmaDecision.ts';
import { returnsKpis } from './returnsKpis.ts';
import { returnsSite } from './returnsSite.ts';
import { returns, ReturnsTimer, returnsState } from './returnsState.ts';
import { nextRestockJob, restockBack, restockDrop, restockPickUp, retryParked } from './restock.ts';
import { returnsView } from './returnsView.ts';

function onTimer(w: World, id: number, code: number): void {
  if (code === ReturnsTimer.rmaDue) issueRma(w, id);
  else if (code === ReturnsTimer.arrival) returnArrives(w, id);
  else if (code === ReturnsTimer.reworkDone) reworkDone(w, id);
  else if (code === ReturnsTimer.qcDecision) decideRejected(w, id);
  else if (code === ReturnsTimer.retryParked) retryParked(w);
  else if (code === ReturnsTimer.noRmaDecision) decideUnauthorised(w, id);
  else throw new Error(`returns timer with unknown code ${code}`);
}

/**
 * Customer returns: a share of shipped order lines comes back under an RMA after a delay, is
 * received at the returns desk by a receiver into the returns area under quarantine (noting a
 * short, wrong-item, over, damaged or unauthorised receipt by its discrepancy code), inspected,
 * and dispositioned (restock to storage by a putaway driver, rework, vendor return, scrap).
 * QC-rejected receipt lines get a vendor-return or scrap decision too. It follows the shipping
 * and inbound flows through the `posted` hook, so neither calls it. Inactive without `returns`.
 */
export const returnsFlow = returns.flow({
  start(w) {
    // Resolve the areas now, so a layout without them fails at the start, naming the setting.
    if (w.scenario.returns && w.tracked) returnsSite(w);
  },
  posted(w, body) {
    if (body.type === 'ship.confirmed') {
      if (w.scenario.returns && w.tracked) lineShipped(w, body);
    } else if (body.type === 'receipt.rejected') {
      if (w.scenario.returns) lineRejected(w, body);
    }
  },
  events: { returnsTimer: onTimer },
  // Below the inbound flow's own work (10): trucks at the door and their pallets come first.
  sources: [
    { role: 'receiver', priority: 20, next: nextDeskJob },
    { role: 'putaway', priority: 20, next: nextRestockJob },
  ],
  actions: {
    returnReceive: receiveReturn,
    returnInspect: (w, worker, _job, step) => inspect(w, worker, returnsState(w).rmas[step.arg]!),
    restockPickUp,
    restockDrop,
    restockBack,
  },
  kpis: returnsKpis,
  view: returnsView,
});
