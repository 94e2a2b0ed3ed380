import type { World } from '../../engine/world.ts';
import type { Worker } from '../../engine/entities.ts';
import { stepTo, type Job, type Step } from '../../engine/job.ts';
import { actorOf } from '../../engine/actor.ts';
import { post } from '../../engine/applyEffects.ts';
import { dispatch } from '../../engine/workerFlow.ts';
import { sampler } from '../../random/distribution.ts';
import { returnEvents as RE } from '../../machines/returnMachine.ts';
import type { JournalEventBody } from '../../journal/journalEvent.ts';
import { rateFor } from '../../exceptions/exceptionRate.ts';
import { refs, returnLifecycle, returnsSite, rmaStep, scheduleIn } from './returnsSite.ts';
import { returns, ReturnsTimer, returnsSettings, returnsState, type Rma } from './returnsState.ts';
import { restockUninspected } from './uninspectedRestock.ts';
import { drawReceipt, drawUnauthorised, heldStatus, recordDiscrepancy } from './discrepancy.ts';
import { holdUnauthorised } from './noRmaDecision.ts';

const HOUR = 3_600_000;

/**
 * A shipment line left the site: with the scenario's share, its customer will send (part of) it
 * back. The RMA is kept unissued until the customer asks (`delayHours` after shipping).
 */
export function lineShipped(w: World, body: JournalEventBody): void {
  if (body.sku === undefined || body.baseQty === undefined || body.baseQty <= 0) return;
  const s = returnsSettings(w);
  const rng = w.random.stream('returns');
  if (rng() >= s.share) return;
  const item = w.site.items.findIndex((i) => i.sku === body.sku);
  if (item < 0) return;
  const qty = s.units === 'line' ? body.baseQty : 1 + Math.floor(rng() * body.baseQty);
  const id = w.nextDoc('rma');
  const r: Rma = {
    id,
    state: returnLifecycle().machine.initial,
    item,
    lot: body.lot ?? '',
    qty,
    received: -1,
    order: body.docs?.order ?? '',
    line: body.docs?.line ?? 0,
    shippedAt: w.now,
    receivedAt: -1,
    bin: -1,
    code: '',
    toBin: -1,
    driver: -1,
  };
  returnsState(w).rmas[id] = r;
  drawUnauthorised(w, r);
  scheduleIn(w, sampler(s.delayHours)(rng) * HOUR, id, ReturnsTimer.rmaDue);
}

/** The customer asks: the RMA is issued, and the goods set off (without an RMA: they just set off). */
export function issueRma(w: World, id: number): void {
  const st = returnsState(w);
  const r = st.rmas[id]!;
  if (r.discrepancy !== 'noRma') st.kpi.rmas++;
  if (w.journalOn && r.discrepancy !== 'noRma')
    post(w, { type: 'rma.issued', site: w.site.name, qty: r.qty, reason: 'customer', docs: refs(r) });
  scheduleIn(
    w,
    sampler(returnsSettings(w).transitHours)(w.random.stream('returns')) * HOUR,
    id,
    ReturnsTimer.arrival,
  );
}

/** The goods are due at the returns desk: queued for a receiver, or the RMA lapses. */
export function returnArrives(w: World, id: number): void {
  const st = returnsState(w);
  const r = st.rmas[id]!;
  // Goods sent without an RMA have none to lapse: they are at the desk.
  if (r.discrepancy !== 'noRma' && w.random.stream('returns')() < returnsSettings(w).cancelShare) {
    const body = w.journalOn
      ? { type: 'rma.cancelled' as const, site: w.site.name, reason: 'not-returned', docs: refs(r) }
      : null;
    rmaStep(w, r, RE.cancelled, body);
    st.kpi.cancelled++;
    delete st.rmas[id];
    return;
  }
  st.toReceive.push(id);
  dispatch(w);
}

/** A receiver at the returns desk: the oldest return to receive, else the oldest to inspect. */
export function nextDeskJob(w: World, _worker: Worker): Job | null {
  if (!w.scenario.returns) return null;
  const st = returnsState(w);
  const s = returnsSettings(w);
  const rng = w.random.stream('returns-desk');
  const receiving = st.toReceive.length > 0;
  const id = receiving ? st.toReceive.shift() : st.toInspect.shift();
  if (id === undefined) return null;
  const r = st.rmas[id]!;
  const desk = w.site.binPoint(r.bin >= 0 ? r.bin : returnsSite(w).area[0]!);
  const sec = sampler(receiving ? s.receiveTime : s.inspectionTime)(rng);
  const action = receiving ? returns.act.returnReceive : returns.act.returnInspect;
  const step: Step = stepTo(action, id, desk, Math.round(sec * 1000), receiving ? 'scan' : 'inspect');
  return {
    id: ++w.counters.job,
    kind: receiving ? 'returnReceive' : 'returnInspect',
    steps: [step],
    cursor: 0,
    started: w.now,
    resources: [],
    ref: id,
    orders: [],
  };
}

/**
 * Receives a return against its RMA into the returns area bin with the least stock, under
 * quarantine in both ledgers (damaged goods as `damaged`); a return that differs from its RMA
 * is noted by discrepancy code (discrepancy.ts), and one without an RMA is held in quarantine
 * for the desk's decision instead of going to inspection. With the injector's rate the
 * receiver puts sound, authorised goods straight back on the pick face instead (truth only).
 */
export function receiveReturn(w: World, worker: Worker, _job: Job, step: Step): void {
  const st = returnsState(w);
  const r = st.rmas[step.arg]!;
  const rng = w.random.stream('returns-desk');
  r.bin = leastFull(w, returnsSite(w).area);
  drawReceipt(w, r, rng);
  const item = w.site.items[r.item]!;
  r.receivedAt = w.now;
  const bin = w.site.layout!.bins[r.bin]!.code;
  const damaged = r.discrepancy === 'damaged';
  const unauthorised = r.discrepancy === 'noRma';
  // A stock posting: built with the journal off too (the ledgers post from it).
  const body: JournalEventBody = {
    type: damaged ? 'return.receivedDamaged' : 'return.received',
    site: w.site.name,
    actor: actorOf(worker),
    bin,
    sku: item.sku,
    lot: r.lot || undefined,
    qty: r.received,
    uom: item.baseUom,
    baseQty: r.received,
    statusTo: heldStatus(r),
    reason: unauthorised ? 'no-rma' : 'rma',
    docs: refs(r),
  };
  const face = w.site.forwardBinOf[r.item] ?? -1;
  // Visibly damaged or unauthorised goods are not the ones a receiver slips onto the face.
  if (!damaged && !unauthorised && face >= 0 && rng() < rateFor(w, 'returnRestockedUninspected', worker)) {
    // The step is the system's receipt; the floor does otherwise (see uninspectedRestock.ts).
    rmaStep(w, r, RE.received);
    restockUninspected(w, worker, r, body, face);
  } else {
    rmaStep(w, r, RE.received, body);
  }
  recordDiscrepancy(w, worker, r);
  st.kpi.received++;
  st.kpi.unitsReceived += r.received;
  if (unauthorised) {
    holdUnauthorised(w, r);
    return;
  }
  rmaStep(w, r, RE.quarantined);
  st.toInspect.push(r.id);
}

/** The bin of `bins` holding the fewest units on the system's books (ties: the first). */
function leastFull(w: World, bins: readonly number[]): number {
  const layout = w.site.layout!;
  let best = bins[0]!;
  let least = Infinity;
  for (const b of bins) {
    let n = 0;
    for (const rec of w.system.recordsIn(layout.bins[b]!.code)) n += rec.qty;
    if (n < least) {
      least = n;
      best = b;
    }
  }
  return best;
}
