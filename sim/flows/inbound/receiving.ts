import { EventKind, Priority } from '../../engine/eventKinds.ts';
import type { World } from '../../engine/world.ts';
import type { Worker } from '../../engine/entities.ts';
import type { Job, Step } from '../../engine/job.ts';
import { StepAction } from '../../engine/stepActions.ts';
import { releaseResource } from '../../engine/resources.ts';
import { sampler } from '../../random/distribution.ts';
import { rateFor } from '../../exceptions/exceptionRate.ts';
import { receiptEvents as RE } from '../../machines/receiptMachine.ts';
import { palletQty } from './binOccupancy.ts';
import { currentOccupancy, inboundSite, receiptStep } from './inboundSite.ts';
import { advanceDoorClock, assignDoors, receiptReason } from './inboundSchedule.ts';
import { createPutawayTasks } from './putaway.ts';
import { InboundTimer, inboundState, receiptCode, settings, type Receipt } from './inboundState.ts';
import { actorOf } from '../../engine/actor.ts';

/** Pallets a receipt arrives on (each line on its own pallets). */
function receiptPallets(w: World, r: Receipt): number {
  let n = 0;
  for (const l of r.lines) n += Math.ceil(l.expectedQty / palletQty(w.site.items[l.item]!));
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
  receiptStep(r, RE.receivingStarted);
  r.bin = receivingBin(w, r);
  const door = inboundSite(w).doors[r.door]!;
  const pallets = receiptPallets(w, r);
  const unload = sampler(s.unloadTime);
  let unloadSec = sampler(s.checkInTime)(rng);
  for (let i = 0; i < pallets; i++) unloadSec += unload(rng);
  const steps: Step[] = [
    {
      action: StepAction.receiveUnload,
      arg: pallets,
      x: door.x,
      y: door.y,
      legM: -1,
      workMs: Math.round(unloadSec * 1000),
      workAs: 'unload',
    },
  ];
  const scan = sampler(s.scanTime);
  const factor = r.asn ? s.asnScanFactor : 1;
  r.lines.forEach((_l, i) =>
    steps.push({
      action: StepAction.receiveLineScan,
      arg: i,
      x: door.x,
      y: door.y,
      legM: 0,
      workMs: Math.round(scan(rng) * factor * 1000),
      workAs: 'scan',
    }),
  );
  steps.push({
    action: StepAction.receiveDone,
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
    w.commit({
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

/**
 * One line scanned and checked against the PO/ASN. In this issue every line is received as
 * expected; the discrepancy codes of issue 4 hook in here (receivedQty vs expectedQty).
 */
export function receiveLineScan(w: World, worker: Worker, job: Job, step: Step): void {
  const st = inboundState(w);
  const r = st.receipts[job.ref]!;
  const line = r.lines[step.arg]!;
  const item = w.site.items[line.item]!;
  line.receivedQty = line.expectedQty;
  receiptStep(r, RE.lineScanned);
  st.kpi.linesReceived++;
  st.kpi.unitsReceived += line.receivedQty;
  const body = {
    type: 'receipt.lineReceived',
    site: w.site.name,
    actor: actorOf(worker),
    bin: w.site.layout!.bins[r.bin]!.code,
    sku: item.sku,
    lot: line.lot || undefined,
    qty: line.uomQty,
    uom: line.uom,
    baseQty: line.receivedQty,
    statusTo: (r.qc ? 'inspection' : 'available') as 'inspection' | 'available',
    reason: receiptReason(r),
    docs: { receipt: receiptCode(r.id), line: step.arg + 1 },
  };
  // Short or over deliveries posted as expected: the system books the ASN, the dock holds the truth.
  const who = { role: worker.role, shift: worker.shift, code: worker.code };
  const rng = w.random.stream('exceptions/receiving');
  const short = rng() < rateFor(w, 'shortReceipt', who);
  const over = !short && rng() < rateFor(w, 'overReceipt', who);
  if (!short && !over) {
    w.commit(body);
    return;
  }
  const cs = Math.max(1, Math.round(line.expectedQty / Math.max(1, line.uomQty)));
  // A case or two missing or extra — the usual size of an unchecked delivery error.
  const diff = Math.min(line.expectedQty - (short ? 1 : 0), cs * (1 + Math.floor(rng() * 2)));
  const actual = short ? line.expectedQty - diff : line.expectedQty + diff;
  w.diverge(body, [{ bin: body.bin, sku: item.sku, lot: line.lot, status: body.statusTo, delta: actual }], {
    cause: short ? 'shortReceipt' : 'overReceipt',
    worker,
    bin: body.bin,
    sku: item.sku,
    lot: line.lot,
    supplier: r.supplier,
    note: `${actual} arrived, ${line.expectedQty} posted`,
  });
}

/** Every line scanned: hold for QC, or stage and create the putaway tasks. */
export function receiveDone(w: World, worker: Worker, job: Job): void {
  const st = inboundState(w);
  const r = st.receipts[job.ref]!;
  if (r.qc) {
    receiptStep(r, RE.inspectionHeld);
    st.kpi.qcHeld++;
    const sec = sampler(settings(w).qc.inspectionTime)(w.random.stream('inbound-qc'));
    w.queue.push(
      w.now + Math.round(sec * 1000),
      Priority.completion,
      EventKind.inboundTimer,
      r.id,
      InboundTimer.qcDone,
    );
    if (w.journalOn) {
      w.commit({
        type: 'receipt.inspectionHeld',
        site: w.site.name,
        actor: actorOf(worker),
        bin: w.site.layout!.bins[r.bin]!.code,
        reason: receiptReason(r),
        docs: { receipt: receiptCode(r.id) },
      });
    }
    return;
  }
  stage(w, r);
}

/** QC finished: release the goods to putaway, or reject them into quarantine. */
export function onQcDone(w: World, receiptId: number): void {
  const st = inboundState(w);
  const r = st.receipts[receiptId]!;
  const reject = w.random.stream('inbound-qc')() < settings(w).qc.rejectShare;
  receiptStep(r, reject ? RE.rejected : RE.released);
  const bin = w.site.layout!.bins[r.bin]!.code;
  r.lines.forEach((l, i) => {
    if (l.receivedQty <= 0) return;
    w.commit({
      type: reject ? 'receipt.rejected' : 'receipt.released',
      site: w.site.name,
      bin,
      sku: w.site.items[l.item]!.sku,
      lot: l.lot || undefined,
      qty: l.receivedQty,
      uom: w.site.items[l.item]!.baseUom,
      baseQty: l.receivedQty,
      statusFrom: 'inspection',
      statusTo: reject ? 'quarantine' : 'available',
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
  receiptStep(r, RE.staged);
  if (w.journalOn) {
    w.commit({
      type: 'receipt.staged',
      site: w.site.name,
      bin: w.site.layout!.bins[r.bin]!.code,
      reason: receiptReason(r),
      docs: { receipt: receiptCode(r.id) },
    });
  }
  createPutawayTasks(w, r);
}
