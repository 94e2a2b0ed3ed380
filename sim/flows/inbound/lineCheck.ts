import { actorOf } from '../../engine/actor.ts';
import type { World } from '../../engine/world.ts';
import type { Worker } from '../../engine/entities.ts';
import type { InventoryStatus, JournalEventBody } from '../../journal/journalEvent.ts';
import type { PhysicalChange } from '../../exceptions/truthEvent.ts';
import type { ExceptionCause } from '../../exceptions/exceptionSchema.ts';
import { armedExceptions, rateFor } from '../../exceptions/exceptionRate.ts';
import { receiptEvents as RE, type ReceiptEventType } from '../../machines/receiptMachine.ts';
import type { DiscrepancyCode, InboundSettings } from './inboundSchema.ts';
import { receiptStep } from './inboundSite.ts';
import { inboundState, receiptCode, settings, type Receipt, type ReceiptLine } from './inboundState.ts';
import { receiptReason } from './receiptReason.ts';
import { newLot } from './truckLoading.ts';

const DAY = 86_400_000;

/** The receipt-chart event that records each discrepancy code. */
const EVENT_OF: Record<DiscrepancyCode, ReceiptEventType> = {
  short: RE.shortRecorded,
  over: RE.overRecorded,
  damaged: RE.damageRecorded,
  wrongItem: RE.wrongItemRecorded,
  noPo: RE.unknownPoRecorded,
  labelling: RE.labellingRecorded,
};

/** Probability that a receiver notices a discrepancy of this code. */
export function noticeProbability(s: InboundSettings, code: DiscrepancyCode): number {
  return typeof s.discrepancyNotice === 'number' ? s.discrepancyNotice : s.discrepancyNotice[code];
}

/** Draws whether a discrepancy is noticed, and counts it as recorded or unnoticed. */
export function notices(w: World, code: DiscrepancyCode): boolean {
  const st = inboundState(w);
  const seen = w.random.stream('inbound-notice')() < noticeProbability(settings(w), code);
  const into = seen ? st.kpi.discrepancies : st.kpi.unnoticed;
  into[code] = (into[code] ?? 0) + 1;
  return seen;
}

/**
 * One line scanned and checked against the PO/ASN. The truck holds what the supplier shipped
 * (truckLoading.ts: wrong items, damage, labels, unordered pallets) and what the short/over
 * injectors make of it; the receiver notices each discrepancy with the scenario's probability
 * and records it through the receipt chart, so the system books what really came (the journal
 * event carries `discrepancy:<codes>`). What goes unnoticed is posted as expected, and the
 * difference is a physical-only exception in the truth log.
 */
export function checkLine(w: World, worker: Worker, r: Receipt, index: number): void {
  const st = inboundState(w);
  const s = settings(w);
  const line = r.lines[index]!;
  const bin = w.site.layout!.bins[r.bin]!.code;
  st.kpi.linesScanned++;
  if (line.po === '') {
    unorderedLine(w, worker, r, line, index, bin);
    return;
  }
  const recorded: DiscrepancyCode[] = [];
  const missed: ExceptionCause[] = [];
  const notes: string[] = [];
  const tags: string[] = [];
  const statusTo: InventoryStatus = r.qc ? 'inspection' : 'available';
  const ordered = w.site.items[line.item]!;
  if (line.relabel) recorded.push('labelling');
  const shipped = w.site.items[line.shipItem]!;
  let arrived = line.shipQty;
  if (line.shipItem !== line.item) {
    if (notices(w, 'wrongItem')) {
      recorded.push('wrongItem');
      if (s.wrongItem === 'reject') {
        rejectLine(w, worker, r, line, index, bin, shipped.sku);
        return;
      }
      line.item = line.shipItem;
      line.lot = newLot(w, line.item, Math.floor(w.now / DAY), w.random.stream('inbound-notice'));
      tags.push(`ordered:${ordered.sku}`);
    } else {
      missed.push('shortReceipt');
      notes.push(`wrong item: ${arrived} ${shipped.sku} arrived for ${ordered.sku}`);
    }
  }
  const item = w.site.items[line.item]!;
  // Short or over deliveries (the exception injectors): same draws as before notices existed.
  const who = { role: worker.role, shift: worker.shift, code: worker.code };
  const rng = w.random.stream('exceptions/receiving');
  // A trainer's injection is the exception as named, "posted as expected": the receiver misses it.
  const armed = armedExceptions(w);
  const injected = (armed['shortReceipt'] ?? 0) > 0 || (armed['overReceipt'] ?? 0) > 0;
  const short = rng() < rateFor(w, 'shortReceipt', who);
  const over = !short && rng() < rateFor(w, 'overReceipt', who);
  let posted = line.item === line.shipItem ? arrived : line.expectedQty;
  if (short || over) {
    const cs = Math.max(1, Math.round(line.expectedQty / Math.max(1, line.uomQty)));
    // A case or two missing or extra — the usual size of an unchecked delivery error.
    const diff = Math.min(arrived - (short ? 1 : 0), cs * (1 + Math.floor(rng() * 2)));
    const code = short ? 'short' : 'over';
    const was = arrived;
    arrived = short ? arrived - diff : arrived + diff;
    if (!injected && notices(w, code)) {
      recorded.push(code);
      posted = arrived;
      if (over && s.overDelivery === 'refuse') {
        // The excess goes back with the carrier: it never enters the building.
        arrived = was;
        posted = was;
        tags.push(`refused:${diff}`);
      }
    } else {
      missed.push(short ? 'shortReceipt' : 'overReceipt');
      notes.push(`${arrived} arrived, ${posted} posted`);
    }
  }
  const damaged = Math.min(line.damagedQty, Math.max(0, arrived));
  let postedDamaged = 0;
  if (damaged > 0) {
    if (notices(w, 'damaged')) {
      recorded.push('damaged');
      postedDamaged = Math.min(damaged, posted);
    } else {
      missed.push('damagedLeftAvailable');
      notes.push(`${damaged} damaged, booked ${statusTo}`);
    }
  }
  line.receivedQty = posted - postedDamaged;
  for (const c of recorded) receiptStep(r, EVENT_OF[c]);
  if (recorded.length === 0) receiptStep(r, RE.lineScanned);
  else st.kpi.discrepancyLines++;
  st.kpi.linesReceived++;
  st.kpi.unitsReceived += posted;
  const codes = recorded.length > 0 ? `discrepancy:${recorded.join(',')} ` : '';
  const extra = tags.map((t) => ` ${t}`).join('');
  const asExpected = line.receivedQty === line.expectedQty && line.item === line.shipItem;
  const body: JournalEventBody = {
    type: 'receipt.lineReceived',
    site: w.site.name,
    actor: actorOf(worker),
    bin,
    sku: item.sku,
    lot: line.lot || undefined,
    qty: asExpected ? line.uomQty : line.receivedQty,
    uom: asExpected ? line.uom : item.baseUom,
    baseQty: line.receivedQty,
    statusTo,
    reason: `${codes}${receiptReason(r)}${extra}`,
    docs: { receipt: receiptCode(r.id), line: index + 1 },
  };
  if (postedDamaged > 0) {
    w.commit({
      ...body,
      type: 'receipt.damageRecorded',
      qty: postedDamaged,
      uom: item.baseUom,
      baseQty: postedDamaged,
      statusTo: 'damaged',
    });
  }
  if (missed.length === 0) {
    w.commit(body);
    return;
  }
  const changes: PhysicalChange[] = [
    { bin, sku: shipped.sku, lot: line.lot, status: statusTo, delta: arrived - damaged },
  ];
  if (damaged > postedDamaged)
    changes.push({ bin, sku: shipped.sku, lot: line.lot, status: 'damaged', delta: damaged - postedDamaged });
  w.diverge(body, changes, {
    cause: missed[0]!,
    worker,
    bin,
    sku: item.sku,
    lot: line.lot,
    supplier: r.supplier,
    note: notes.join('; '),
  });
}

/** A noticed wrong item the scenario rejects: the line goes back to the supplier, nothing is booked. */
function rejectLine(
  w: World,
  worker: Worker,
  r: Receipt,
  line: ReceiptLine,
  index: number,
  bin: string,
  sku: string,
): void {
  const st = inboundState(w);
  line.receivedQty = 0;
  receiptStep(r, RE.wrongItemRecorded);
  st.kpi.discrepancyLines++;
  w.commit({
    type: 'receipt.lineRejected',
    site: w.site.name,
    actor: actorOf(worker),
    bin,
    sku,
    qty: line.shipQty,
    uom: w.site.items[line.shipItem]!.baseUom,
    reason: `discrepancy:wrongItem ${receiptReason(r)} ordered:${w.site.items[line.item]!.sku}`,
    docs: { receipt: receiptCode(r.id), line: index + 1 },
  });
}

/**
 * Goods on no PO: noticed, they are held in quarantine in the receiving lane as a receiving
 * exception (the buyer decides; nothing is put away); unnoticed, they sit there unknown to the
 * system.
 */
function unorderedLine(
  w: World,
  worker: Worker,
  r: Receipt,
  line: ReceiptLine,
  index: number,
  bin: string,
): void {
  const st = inboundState(w);
  const item = w.site.items[line.shipItem]!;
  line.receivedQty = 0;
  if (!notices(w, 'noPo')) {
    receiptStep(r, RE.lineScanned);
    w.physicalOnly([{ bin, sku: item.sku, lot: line.lot, status: 'available', delta: line.shipQty }], {
      cause: 'overReceipt',
      worker,
      bin,
      sku: item.sku,
      lot: line.lot,
      supplier: r.supplier,
      note: `no PO: ${line.shipQty} arrived, not received`,
    });
    return;
  }
  receiptStep(r, RE.unknownPoRecorded);
  st.kpi.discrepancyLines++;
  w.commit({
    type: 'receipt.unknownPoHeld',
    site: w.site.name,
    actor: actorOf(worker),
    bin,
    sku: item.sku,
    lot: line.lot || undefined,
    qty: line.shipQty,
    uom: item.baseUom,
    baseQty: line.shipQty,
    statusTo: 'quarantine',
    reason: `discrepancy:noPo ${receiptReason(r)}`,
    docs: { receipt: receiptCode(r.id), line: index + 1 },
  });
}
