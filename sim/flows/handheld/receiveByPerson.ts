import type { World } from '../../engine/world.ts';
import type { Worker } from '../../engine/entities.ts';
import type { Job, Step } from '../../engine/job.ts';
import type { PhysicalChange } from '../../exceptions/truthEvent.ts';
import { consumeArmed, rateFor } from '../../exceptions/exceptionRate.ts';
import { post, truth } from '../../engine/applyEffects.ts';
import { resumeAfterWait } from '../../engine/workerFlow.ts';
import { receiptEvents as RE } from '../../machines/receiptMachine.ts';
import { receiptStep } from '../inbound/inboundSite.ts';
import { inboundState, type Receipt } from '../inbound/inboundState.ts';
import { checkLine, EVENT_OF, lineEvent } from '../inbound/lineCheck.ts';
import { receiptReason } from '../inbound/receiptReason.ts';
import { handheld, newWait, type HandheldWait } from './handheldState.ts';
import { readEntry, readLot, readQuantity } from './readEntry.ts';
import type { EntryOutcome } from './entryTypes.ts';
import { sellableStatus } from '../stockStatus/statusPolicy.ts';

function receiptOf(w: World, wait: HandheldWait): Receipt {
  const r = inboundState(w).receipts[wait.ref];
  if (!r) throw new Error(`handheld: receipt ${wait.ref} of an open wait is gone`);
  return r;
}

/**
 * A person-driven receiver at a line of the receipt (the door, unloading and the walk were
 * simulated): what is physically on the pallet is settled now (the short/over injectors draw
 * as for a simulated receiver), and the worker waits for the person's item scan and count.
 * Lines the handheld does not take (goods on no PO, a wrong item shipped) are checked as the
 * simulation checks them.
 */
export function personLineScan(w: World, worker: Worker, job: Job, step: Step): void | 'suspend' {
  const r = inboundState(w).receipts[job.ref]!;
  const line = r.lines[step.arg]!;
  if (line.po === '' || line.shipItem !== line.item) {
    checkLine(w, worker, r, step.arg);
    return;
  }
  const who = { role: worker.role, shift: worker.shift, code: worker.code };
  const rng = w.random.stream('exceptions/receiving');
  const short = rng() < rateFor(w, 'shortReceipt', who);
  const over = !short && rng() < rateFor(w, 'overReceipt', who);
  let arrived = line.shipQty;
  if (short || over) {
    const cs = Math.max(1, Math.round(line.expectedQty / Math.max(1, line.uomQty)));
    const diff = Math.min(arrived - (short ? 1 : 0), cs * (1 + Math.floor(rng() * 2)));
    arrived = short ? arrived - diff : arrived + diff;
  }
  const wait = newWait('receive', r.id, step.arg, w.now);
  wait.arrived = arrived;
  handheld.state(w).waits[worker.code] = wait;
  return 'suspend';
}

/** One entry of a person-driven receiver: the item (and lot) of the line, then the count. */
export function receiveEntry(
  w: World,
  worker: Worker,
  wait: HandheldWait,
  input: 'gs1Item' | 'lot' | 'quantity',
  raw: string,
): EntryOutcome {
  const r = receiptOf(w, wait);
  const line = r.lines[wait.line]!;
  const item = w.site.items[line.item]!;
  if (input === 'gs1Item' || input === 'lot') {
    let lot: string | undefined;
    if (input === 'gs1Item') {
      const e = readEntry(w, raw);
      if (!e.ok) return { ok: false, reason: e.reason };
      if (e.kind !== 'item') return { ok: false, reason: 'expected the item label (GTIN)' };
      if (e.hit.item.sku !== item.sku)
        return { ok: false, reason: `GTIN ${e.gtin} is ${e.hit.item.sku}: this line is ${item.sku}` };
      wait.sku = item.sku;
      wait.factor = e.hit.factor;
      lot = e.lot;
      if (item.lotControlled && lot === undefined) {
        wait.needLot = true;
        return { ok: true };
      }
    } else {
      const e = readLot(w, raw);
      if (!e.ok) return { ok: false, reason: e.reason };
      lot = e.lot;
    }
    if (item.lotControlled && lot !== line.lot)
      return { ok: false, reason: `lot ${lot ?? '-'} is not on this pallet (lot ${line.lot})` };
    wait.needLot = false;
    wait.lot = line.lot;
    wait.taken = 1;
    return { ok: true };
  }
  const q = readQuantity(raw);
  if (!q.ok) return { ok: false, reason: q.reason };
  const posted = q.qty * wait.factor;
  if (posted > line.expectedQty * 2 + 100)
    return { ok: false, reason: `${posted} is far over the ${line.expectedQty} expected: count again` };
  postLine(w, worker, r, wait, posted);
  return {
    ok: true,
    done: posted < line.expectedQty ? 'short' : posted > line.expectedQty ? 'over' : 'received',
  };
}

/**
 * Books the line as the person counted it: a count under (over) the expected quantity is a
 * short (over) receipt recorded through the chart; a count that differs from what is
 * physically on the pallet is a physical-only exception in the truth log, as an unnoticed one
 * is for a simulated receiver (damaged units, which the handheld does not ask about, likewise).
 */
function postLine(w: World, worker: Worker, r: Receipt, wait: HandheldWait, posted: number): void {
  const st = inboundState(w);
  const line = r.lines[wait.line]!;
  const item = w.site.items[line.item]!;
  const bin = w.site.layout!.bins[r.bin]!.code;
  const statusTo = r.qc ? 'inspection' : sellableStatus(w, line.item);
  st.kpi.linesScanned++;
  const code = posted < line.expectedQty ? 'short' : posted > line.expectedQty ? 'over' : null;
  line.receivedQty = posted;
  if (code) {
    receiptStep(w, r, EVENT_OF[code]);
    st.kpi.discrepancies[code] = (st.kpi.discrepancies[code] ?? 0) + 1;
    st.kpi.discrepancyLines++;
  } else receiptStep(w, r, RE.lineScanned);
  st.kpi.linesReceived++;
  st.kpi.unitsReceived += posted;
  const asExpected = !code;
  const body = lineEvent(w, worker, r, wait.line, bin, {
    type: 'receipt.lineReceived',
    sku: item.sku,
    lot: line.lot || undefined,
    qty: asExpected ? line.uomQty : posted,
    uom: asExpected ? line.uom : item.baseUom,
    baseQty: posted,
    statusTo,
    reason: `${code ? `discrepancy:${code} ` : ''}${receiptReason(r)} handheld`,
  });
  const damaged = Math.min(line.damagedQty, wait.arrived);
  // An armed short/over injection is used up when its truth event is logged; one the person
  // caught (counted right) logs none, so it is used up here.
  const injected =
    wait.arrived < line.shipQty ? 'shortReceipt' : wait.arrived > line.shipQty ? 'overReceipt' : null;
  const missed =
    wait.arrived === posted && damaged === 0
      ? null
      : wait.arrived < posted
        ? 'shortReceipt'
        : wait.arrived > posted
          ? 'overReceipt'
          : 'damagedLeftAvailable';
  if (injected !== null && missed !== injected) consumeArmed(w, injected);
  if (missed === null) post(w, body);
  else {
    const changes: PhysicalChange[] = [
      { bin, sku: item.sku, lot: line.lot, status: statusTo, delta: wait.arrived - damaged },
    ];
    if (damaged > 0) changes.push({ bin, sku: item.sku, lot: line.lot, status: 'damaged', delta: damaged });
    truth(w, body, changes, {
      cause: missed,
      worker,
      bin,
      sku: item.sku,
      lot: line.lot,
      supplier: r.supplier,
      note: `${wait.arrived} arrived (${damaged} damaged), ${posted} counted on the handheld`,
    });
  }
  const waited = w.now - wait.since;
  delete handheld.state(w).waits[worker.code];
  resumeAfterWait(w, worker, waited);
}
