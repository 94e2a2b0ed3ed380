import { Priority } from '../../engine/eventKinds.ts';
import type { World } from '../../engine/world.ts';
import type { Worker } from '../../engine/entities.ts';
import type { Job, Step } from '../../engine/job.ts';
import { releaseResource } from '../../engine/resources.ts';
import { sampler } from '../../random/distribution.ts';
import { receiptEvents as RE } from '../../machines/receiptMachine.ts';
import { checkLine, notices } from './lineCheck.ts';
import { linePallets } from './truckLoading.ts';
import { currentOccupancy, inboundSite, receiptStep } from './inboundSite.ts';
import { advanceDoorClock, assignDoors, receiptReason } from './inboundSchedule.ts';
import { createPutawayTasks } from './putaway.ts';
import { actorOf } from '../../engine/actor.ts';
import { flowTables } from '../../engine/flowRegistry.ts';
import { inbound, inboundState, InboundTimer, type Receipt, receiptCode, settings } from './inboundState.ts';
import { post, schedule } from '../../engine/applyEffects.ts';
import { sellableStatus } from '../stockStatus/statusPolicy.ts';

/** Pallets a receipt arrives on (each line on its own pallets). */
function receiptPallets(w: World, r: Receipt): number {
  let n = 0;
  for (const l of r.lines) n += linePallets(w, l);
  return n;
}

/**
 * A receiver takes the oldest receipt waiting at a door: check-in and unloading at the door
 * (the truck leaves and the door frees when that is done), then one scan per line, then the
 * receipt is staged or held for QC.
 */
export function nextReceiveJob(w: World, _worker: Worker): Job | null {
  if (!w.scenario.inbound) return null;
  const st = inboundState(w);
  if (st.toReceive.length === 0) return null;
  const r = st.receipts[st.toReceive.shift()!]!;
  const s = settings(w);
  const rng = w.random.stream('inbound-receive');
  receiptStep(w, r, RE.receivingStarted);
  r.bin = receivingBin(w, r);
  const door = inboundSite(w).doors[r.door]!;
  const pallets = receiptPallets(w, r);
  const unload = sampler(s.unloadTime);
  let unloadSec = sampler(s.checkInTime)(rng);
  for (let i = 0; i < pallets; i++) unloadSec += unload(rng);
  const steps: Step[] = [
    {
      action: inbound.act.receiveUnload,
      arg: pallets,
      x: door.x,
      y: door.y,
      legM: -1,
      workMs: Math.round(unloadSec * 1000),
      workAs: 'unload',
    },
  ];
  const scan = sampler(s.scanTime);
  const relabel = sampler(s.relabelTime);
  const factor = r.asn ? s.asnScanFactor : 1;
  r.lines.forEach((l, i) => {
    let sec = scan(rng) * factor;
    // A label problem is seen when the pallet is scanned; relabelling adds to that line's time.
    if (l.labelError && notices(w, 'labelling')) {
      l.relabel = true;
      sec += relabel(w.random.stream('inbound-notice'));
    }
    steps.push({
      action: inbound.act.receiveLineScan,
      arg: i,
      x: door.x,
      y: door.y,
      legM: 0,
      workMs: Math.round(sec * 1000),
      workAs: 'scan',
    });
  });
  steps.push({
    action: inbound.act.receiveDone,
    arg: 0,
    x: door.x,
    y: door.y,
    legM: 0,
    workMs: 0,
    workAs: 'scan',
  });
  return {
    id: ++w.counters.job,
    kind: 'receive',
    steps,
    cursor: 0,
    started: w.now,
    resources: [],
    ref: r.id,
    orders: [],
  };
}

/**
 * Where a receipt's goods are put down: a QC cage when it is held for inspection, else the
 * staging lane (or the door's own dock lane) with the most free pallet positions, counting
 * other receipts being received right now.
 */
function receivingBin(w: World, r: Receipt): number {
  const site = inboundSite(w);
  const st = inboundState(w);
  const layout = w.site.layout!;
  const occ = currentOccupancy(w);
  for (const o of Object.values(st.receipts)) {
    if (o.bin < 0 || o.id === r.id) continue;
    for (const l of o.lines) if (l.receivedQty < 0) occ.add(o.bin, l.item, l.lot, l.expectedQty);
  }
  const door = site.doors[r.door]!.bin;
  const need = receiptPallets(w, r);
  const free = (b: number): number => layout.bins[b]!.capacity.pallets - occ.load(b).pallets;
  let best = -1;
  let bestFree = -Infinity;
  for (const b of r.qc && site.qc.length > 0 ? site.qc : site.staging) {
    if (free(b) > bestFree) {
      best = b;
      bestFree = free(b);
    }
  }
  // The door's own lane is the overflow when the staging lanes cannot take the load.
  if (!r.qc && door >= 0 && (best < 0 || (bestFree < need && free(door) > bestFree))) {
    best = door;
    bestFree = free(door);
  }
  if (best < 0) best = site.staging[0] ?? site.qc[0] ?? door;
  if (best < 0) throw new Error('the inbound flow needs a staging, QC or dock location to receive into');
  if (bestFree < need) inboundState(w).kpi.stagingOverflows++;
  return best;
}

/** Unloading done: the truck leaves and the door goes to the next truck in the yard. */
export function receiveUnload(w: World, worker: Worker, job: Job, step: Step): void {
  const st = inboundState(w);
  const r = st.receipts[job.ref]!;
  st.kpi.palletsUnloaded += step.arg;
  if (w.journalOn) {
    post(w, {
      type: 'receipt.unloaded',
      site: w.site.name,
      actor: actorOf(worker, 'keyed'),
      bin: inboundSite(w).doors[r.door]!.id,
      qty: step.arg,
      uom: 'PL',
      reason: receiptReason(r),
      docs: { receipt: receiptCode(r.id) },
    });
  }
  advanceDoorClock(w);
  st.doors[r.door] = 0;
  releaseResource(w, 'dockDoor');
  assignDoors(w);
}

/** One line scanned and checked against the PO/ASN (lineCheck.ts records discrepancies). */
export function receiveLineScan(w: World, worker: Worker, job: Job, step: Step): void {
  checkLine(w, worker, inboundState(w).receipts[job.ref]!, step.arg);
}

/** Every line scanned: hold for QC, or stage and create the putaway tasks. */
export function receiveDone(w: World, worker: Worker, job: Job): void {
  const st = inboundState(w);
  const r = st.receipts[job.ref]!;
  if (r.qc) {
    const body = w.journalOn
      ? {
          type: 'receipt.inspectionHeld' as const,
          site: w.site.name,
          actor: actorOf(worker),
          bin: w.site.layout!.bins[r.bin]!.code,
          reason: receiptReason(r),
          docs: { receipt: receiptCode(r.id) },
        }
      : null;
    receiptStep(w, r, RE.inspectionHeld, body);
    st.kpi.qcHeld++;
    const sec = sampler(settings(w).qc.inspectionTime)(w.random.stream('inbound-qc'));
    schedule(
      w,
      w.now + Math.round(sec * 1000),
      Priority.completion,
      inbound.ev.inboundTimer,
      r.id,
      InboundTimer.qcDone,
    );
    return;
  }
  stage(w, r);
}

/** QC finished: release the goods to putaway, or reject them into quarantine. */
export function onQcDone(w: World, receiptId: number): void {
  const st = inboundState(w);
  const r = st.receipts[receiptId]!;
  const reject = w.random.stream('inbound-qc')() < settings(w).qc.rejectShare;
  receiptStep(w, r, reject ? RE.rejected : RE.released);
  const bin = w.site.layout!.bins[r.bin]!.code;
  r.lines.forEach((l, i) => {
    if (l.receivedQty <= 0) return;
    post(w, {
      type: reject ? 'receipt.rejected' : 'receipt.released',
      site: w.site.name,
      bin,
      sku: w.site.items[l.item]!.sku,
      lot: l.lot || undefined,
      qty: l.receivedQty,
      uom: w.site.items[l.item]!.baseUom,
      baseQty: l.receivedQty,
      statusFrom: 'inspection',
      statusTo: reject ? 'quarantine' : sellableStatus(w, l.item),
      reason: reject ? 'qc-reject' : 'qc-pass',
      docs: { receipt: receiptCode(r.id), line: i + 1 },
    });
  });
  if (reject) {
    // Final: the goods wait in quarantine for the vendor (returns are a later issue).
    st.kpi.qcRejected++;
    st.kpi.rejected++;
    delete st.receipts[r.id];
    return;
  }
  st.kpi.qcReleased++;
  stage(w, r);
}

function stage(w: World, r: Receipt): void {
  const body = w.journalOn
    ? {
        type: 'receipt.staged' as const,
        site: w.site.name,
        bin: w.site.layout!.bins[r.bin]!.code,
        reason: receiptReason(r),
        docs: { receipt: receiptCode(r.id) },
      }
    : null;
  receiptStep(w, r, RE.staged, body);
  // Cross-dock takes what waiting orders need first; putaway gets the rest of each line.
  for (const f of flowTables().receiptStaged) f(w, r.id);
  createPutawayTasks(w, r);
}
