import { actorOf } from '../../engine/actor.ts';
import type { World } from '../../engine/world.ts';
import type { Worker } from '../../engine/entities.ts';
import type { InventoryStatus, JournalEventBody } from '../../journal/journalEvent.ts';
import type { PhysicalChange } from '../../exceptions/truthEvent.ts';
import type { ExceptionCause } from '../../exceptions/exceptionSchema.ts';
import { rateFor } from '../../exceptions/exceptionRate.ts';
import { silentInjection } from '../../exceptions/silentInjection.ts';
import { receiptEvents as RE, type ReceiptEventType } from '../../machines/receiptMachine.ts';
import type { DiscrepancyCode, InboundSettings } from './inboundSchema.ts';
import { receiptStep } from './inboundSite.ts';
import { inboundState, receiptCode, settings, type Receipt, type ReceiptLine } from './inboundState.ts';
import { receiptReason } from './receiptReason.ts';
import { newLot } from './truckLoading.ts';
import { post, truth } from '../../engine/applyEffects.ts';
import { sellableStatus } from '../stockStatus/statusPolicy.ts';

const DAY = 86_400_000;

/** The receipt-chart event that records each discrepancy code (also the handheld receiver's). */
export const EVENT_OF: Record<DiscrepancyCode, ReceiptEventType> = {
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
  // One discrepancy: recorded with its code if the receiver notices it (never a silent
  // injection, which is not even drawn), else missed with the exception cause it becomes.
  const check = (
    code: DiscrepancyCode,
    cause: ExceptionCause,
    note: () => string,
    silent = false,
  ): boolean => {
    if (!silent && notices(w, code)) {
      recorded.push(code);
      return true;
    }
    missed.push(cause);
    notes.push(note());
    return false;
  };
  // A consigned item's goods are the vendor's from the door on (never valued, even at the dock).
  const statusTo: InventoryStatus = r.qc ? 'inspection' : sellableStatus(w, line.item);
  const ordered = w.site.items[line.item]!;
  if (line.relabel) recorded.push('labelling');
  const shipped = w.site.items[line.shipItem]!;
  let arrived = line.shipQty;
  if (
    line.shipItem !== line.item &&
    check(
      'wrongItem',
      'shortReceipt',
      () => `wrong item: ${arrived} ${shipped.sku} arrived for ${ordered.sku}`,
    )
  ) {
    if (s.wrongItem === 'reject') {
      rejectLine(w, worker, r, line, index, bin, shipped.sku);
      return;
    }
    line.item = line.shipItem;
    line.lot = newLot(w, line.item, Math.floor(w.now / DAY), w.random.stream('inbound-notice'));
    tags.push(`ordered:${ordered.sku}`);
  }
  const item = w.site.items[line.item]!;
  // Short or over deliveries (the exception injectors): same draws as before notices existed.
  const who = { role: worker.role, shift: worker.shift, code: worker.code };
  const rng = w.random.stream('exceptions/receiving');
  const silent = silentInjection(w, ['shortReceipt', 'overReceipt'], worker.code);
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
    if (
      check(
        code,
        short ? 'shortReceipt' : 'overReceipt',
        () => `${arrived} arrived, ${posted} posted`,
        silent,
      )
    ) {
      posted = arrived;
      if (over && s.overDelivery === 'refuse') {
        // The excess goes back with the carrier: it never enters the building.
        arrived = was;
        posted = was;
        tags.push(`refused:${diff}`);
      }
    }
  }
  const damaged = Math.min(line.damagedQty, Math.max(0, arrived));
  let postedDamaged = 0;
  if (damaged > 0 && check('damaged', 'damagedLeftAvailable', () => `${damaged} damaged, booked ${statusTo}`))
    postedDamaged = Math.min(damaged, posted);
  line.receivedQty = posted - postedDamaged;
  for (const c of recorded) receiptStep(w, r, EVENT_OF[c]);
  if (recorded.length === 0) receiptStep(w, r, RE.lineScanned);
  else st.kpi.discrepancyLines++;
  st.kpi.linesReceived++;
  st.kpi.unitsReceived += posted;
  const codes = recorded.length > 0 ? `discrepancy:${recorded.join(',')} ` : '';
  const extra = tags.map((t) => ` ${t}`).join('');
  const asExpected = line.receivedQty === line.expectedQty && line.item === line.shipItem;
  const body = lineEvent(w, worker, r, index, bin, {
    type: 'receipt.lineReceived',
    sku: item.sku,
    lot: line.lot || undefined,
    qty: asExpected ? line.uomQty : line.receivedQty,
    uom: asExpected ? line.uom : item.baseUom,
    baseQty: line.receivedQty,
    statusTo,
    reason: `${codes}${receiptReason(r)}${extra}`,
  });
  if (postedDamaged > 0) {
    post(w, {
      ...body,
      type: 'receipt.damageRecorded',
      qty: postedDamaged,
      uom: item.baseUom,
      baseQty: postedDamaged,
      statusTo: 'damaged',
    });
  }
  if (missed.length === 0) {
    post(w, body);
    return;
  }
  const changes: PhysicalChange[] = [
    { bin, sku: shipped.sku, lot: line.lot, status: statusTo, delta: arrived - damaged },
  ];
  if (damaged > postedDamaged)
    changes.push({ bin, sku: shipped.sku, lot: line.lot, status: 'damaged', delta: damaged - postedDamaged });
  truth(w, body, changes, {
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
  st.kpi.discrepancyLines++;
  receiptStep(
    w,
    r,
    RE.wrongItemRecorded,
    lineEvent(w, worker, r, index, bin, {
      type: 'receipt.lineRejected',
      sku,
      qty: line.shipQty,
      uom: w.site.items[line.shipItem]!.baseUom,
      reason: `discrepancy:wrongItem ${receiptReason(r)} ordered:${w.site.items[line.item]!.sku}`,
    }),
  );
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
    receiptStep(w, r, RE.lineScanned);
    truth(w, null, [{ bin, sku: item.sku, lot: line.lot, status: 'available', delta: line.shipQty }], {
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
  st.kpi.discrepancyLines++;
  receiptStep(
    w,
    r,
    RE.unknownPoRecorded,
    lineEvent(w, worker, r, index, bin, {
      type: 'receipt.unknownPoHeld',
      sku: item.sku,
      lot: line.lot || undefined,
      qty: line.shipQty,
      uom: item.baseUom,
      baseQty: line.shipQty,
      statusTo: 'quarantine',
      reason: `discrepancy:noPo ${receiptReason(r)}`,
    }),
  );
}

/** A journal event about one receipt line: the receiver who scanned it, where, and the line's documents. */
export function lineEvent(
  w: World,
  worker: Worker,
  r: Receipt,
  index: number,
  bin: string,
  e: Omit<JournalEventBody, 'site' | 'actor' | 'bin' | 'docs'>,
): JournalEventBody {
  return {
    ...e,
    site: w.site.name,
    actor: actorOf(worker),
    bin,
    docs: { receipt: receiptCode(r.id), line: index + 1 },
  };
}
