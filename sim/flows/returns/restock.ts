import type { World } from '../../engine/world.ts';
import type { Worker } from '../../engine/entities.ts';
import { stepTo, type Job, type Step } from '../../engine/job.ts';
import { actorOf } from '../../engine/actor.ts';
import { post } from '../../engine/applyEffects.ts';
import { dispatch } from '../../engine/workerFlow.ts';
import { sampler } from '../../random/distribution.ts';
import type { SpaceView } from '../inbound/binOccupancy.ts';
import { directPutaway } from '../inbound/putawayRules.ts';
import { currentOccupancy, inboundSite } from '../inbound/inboundSite.ts';
import { leaveQuarantine, refs, scheduleIn } from './returnsSite.ts';
import { returns, ReturnsTimer, returnsSettings, returnsState, type Rma } from './returnsState.ts';
import { sellableStatus } from '../stockStatus/statusPolicy.ts';

/**
 * The occupancy a restock decision sees: the inbound putaway's own (physical stock plus its open
 * tasks) plus every other restock already directed, so two restocks never count on one space.
 */
function occupancy(w: World, except: number): SpaceView {
  const occ = currentOccupancy(w);
  for (const r of Object.values(returnsState(w).rmas)) {
    if (r.id !== except && r.toBin >= 0) occ.add(r.toBin, r.item, r.lot, r.received);
  }
  return occ;
}

/**
 * A storage bin for a restock by the inbound putaway rules (forward face first, consolidation,
 * then the cheapest compatible bin), taking the whole return; -1 when none does.
 */
function directBin(w: World, r: Rma): number {
  const item = w.site.items[r.item]!;
  const d = directPutaway(inboundSite(w).rules, occupancy(w, r.id), {
    item,
    lot: r.lot,
    qty: r.received,
    exclude: -1,
  });
  return d && d.qty >= r.received ? d.bin : -1;
}

/** Restock or reworked goods go to storage: directed now and queued for a driver, or parked. */
export function requestRestock(w: World, r: Rma): void {
  const st = returnsState(w);
  r.toBin = directBin(w, r);
  if (r.toBin < 0) {
    st.parked.push(r.id);
    st.kpi.restockParked++;
    scheduleRetry(w);
    return;
  }
  st.toRestock.push(r.id);
  dispatch(w);
}

function scheduleRetry(w: World): void {
  const st = returnsState(w);
  if (st.retryPending) return;
  st.retryPending = true;
  scheduleIn(w, returnsSettings(w).retryMinutes * 60_000, 0, ReturnsTimer.retryParked);
}

/** Retry timer: direct every parked restock again. */
export function retryParked(w: World): void {
  const st = returnsState(w);
  st.retryPending = false;
  const ids = st.parked;
  st.parked = [];
  for (const id of ids) {
    const r = st.rmas[id]!;
    r.toBin = directBin(w, r);
    if (r.toBin >= 0) st.toRestock.push(id);
    else st.parked.push(id);
  }
  if (st.parked.length > 0) scheduleRetry(w);
  dispatch(w);
}

/** A putaway driver takes the oldest directed restock: pick up in the returns area, put in the bin. */
export function nextRestockJob(w: World, worker: Worker): Job | null {
  if (!w.scenario.returns) return null;
  const st = returnsState(w);
  const id = st.toRestock.shift();
  if (id === undefined) return null;
  const r = st.rmas[id]!;
  r.driver = worker.index;
  const t = sampler(returnsSettings(w).restockTime);
  const rng = w.random.stream('returns-restock');
  return {
    id: ++w.counters.job,
    kind: 'restock',
    steps: [
      stepTo(returns.act.restockPickUp, id, w.site.binPoint(r.bin), Math.round(t(rng) * 1000), 'handle'),
      stepTo(returns.act.restockDrop, id, w.site.binPoint(r.toBin), Math.round(t(rng) * 1000), 'handle'),
    ],
    cursor: 0,
    started: w.now,
    resources: [],
    ref: id,
    orders: [],
  };
}

/** Picked up: nothing is booked until the goods are in the bin (as inbound putaway does). */
export function restockPickUp(): void {}

/**
 * At the directed bin: when it still takes the goods, the move is booked (returns or rework
 * area → storage, as available). Else the driver is sent to another bin the rules direct, or,
 * when none takes it, back to the returns area, where the restock waits for a retry.
 */
export function restockDrop(w: World, worker: Worker, job: Job, step: Step): void {
  const st = returnsState(w);
  const r = st.rmas[step.arg]!;
  const item = w.site.items[r.item]!;
  if (occupancy(w, r.id).freeFor(r.toBin, item, r.lot) < r.received) {
    r.toBin = directBin(w, r);
    const to = r.toBin >= 0 ? r.toBin : r.bin;
    const action = r.toBin >= 0 ? returns.act.restockDrop : returns.act.restockBack;
    job.steps.push(stepTo(action, r.id, w.site.binPoint(to), step.workMs, 'handle'));
    return;
  }
  const reworked = r.code === 'rework';
  post(w, {
    type: 'return.restocked',
    site: w.site.name,
    actor: actorOf(worker),
    bin: w.site.layout!.bins[r.bin]!.code,
    toBin: w.site.layout!.bins[r.toBin]!.code,
    sku: item.sku,
    lot: r.lot || undefined,
    qty: r.received,
    uom: item.baseUom,
    baseQty: r.received,
    statusFrom: reworked ? sellableStatus(w, r.item) : 'quarantine',
    statusTo: sellableStatus(w, r.item),
    reason: reworked ? 'reworked' : 'restock',
    docs: refs(r),
  });
  if (!reworked) leaveQuarantine(w, r);
  delete st.rmas[r.id];
}

/** No bin took the goods: they are back in the returns area and the restock is parked. */
export function restockBack(w: World, _worker: Worker, _job: Job, step: Step): void {
  const st = returnsState(w);
  const r = st.rmas[step.arg]!;
  r.driver = -1;
  st.parked.push(r.id);
  st.kpi.restockParked++;
  scheduleRetry(w);
}
