import type { World } from '../../engine/world.ts';
import { Priority } from '../../engine/eventKinds.ts';
import { post, schedule, stepDoc, truth } from '../../engine/applyEffects.ts';
import { rateFor } from '../../exceptions/exceptionRate.ts';
import type { PhysicalChange } from '../../exceptions/truthEvent.ts';
import type { JournalEventBody } from '../../journal/journalEvent.ts';
import { transferEvents as TE } from '../../machines/transferMachine.ts';
import {
  inbound,
  inboundState,
  receiptCode,
  type Receipt,
  type ReceiptLine,
} from '../inbound/inboundState.ts';
import { inboundMachines, inboundSite } from '../inbound/inboundSite.ts';
import { openClaim } from './transferClaims.ts';
import {
  sendMessage,
  transferLife,
  transferReason,
  transfersState,
  type LotQty,
  type TransferDoc,
} from './transferState.ts';

const HOUR = 3_600_000;

/**
 * The destination side of a transfer. The truck arrives at the lane's lead time; the transfer is
 * received through the site's own receiving (a receipt against the transfer order: door, line
 * scans with the receivers' discrepancy checks, staging, directed putaway), and once every line
 * is counted the transfer is closed with its discrepancy codes (short, over, damaged) and the
 * source is told to close its in-transit stock. A late receipt (transferReceiptLate) either
 * confirms to the source at once but books the goods hours later (neither site shows them), or
 * posts only part of the confirmation (both sites show the rest).
 */
export function onTransferArrived(w: World, shipped: TransferDoc): void {
  const st = transfersState(w);
  const s = st.settings!;
  const doc = structuredClone(shipped);
  const step = (event: string): void => {
    stepDoc(w, transferLife(), doc, transferLife().machine.event(event));
  };
  step(TE.arrived);
  doc.arrivedAt = w.now;
  post(w, {
    type: 'transfer.arrived',
    site: w.site.name,
    sku: doc.sku,
    reason: transferReason(doc),
    docs: { transfer: doc.code },
  });
  const late = w.random.stream('exceptions/transfers')() < rateFor(w, 'transferReceiptLate', null);
  const r = transferReceipt(w, doc);
  doc.receipt = r.id;
  st.incoming[doc.code] = doc;
  st.byReceipt[receiptCode(r.id)] = doc.code;
  let at = w.now;
  if (late) {
    st.kpi.lateReceipts++;
    if (s.lateMode === 'late') {
      // Confirmed to the source at the door, booked here only later: for a while neither site shows it.
      at = w.now + Math.round(s.lateHours * HOUR);
      const door = inboundSite(w).doors[0]!.id;
      const changes: PhysicalChange[] = [];
      for (const l of doc.lines) {
        const good = l.loaded - l.lost - l.damaged;
        if (good > 0) changes.push({ bin: door, sku: doc.sku, lot: l.lot, status: 'available', delta: good });
        if (l.damaged > 0)
          changes.push({ bin: door, sku: doc.sku, lot: l.lot, status: 'damaged', delta: l.damaged });
      }
      st.lateDoor[r.id] = changes.map((c) => ({ ...c, status: c.status as 'available' | 'damaged' }));
      truth(w, null, changes, {
        cause: 'transferReceiptLate',
        bin: door,
        sku: doc.sku,
        note: `${doc.code} confirmed to ${doc.from} at the door, receipt posted ${s.lateHours} h later`,
      });
      sendMessage(w, doc.from, {
        kind: 'confirmed',
        id: doc.id,
        code: doc.code,
        qty: shippedQty(doc),
        partial: false,
      });
      doc.codes.push('late');
    } else {
      doc.codes.push('partial');
    }
  }
  schedule(w, at, Priority.arrival, inbound.ev.truckArrival, r.id, 0);
}

/** The receipt of a transfer in the destination's inbound flow: one line per lot, against the transfer order. */
function transferReceipt(w: World, doc: TransferDoc): Receipt {
  const ist = inboundState(w);
  const item = inboundSite(w).itemIndex.get(doc.sku);
  if (item === undefined) throw new Error(`transfer ${doc.code}: ${w.site.name} has no item ${doc.sku}`);
  const it = w.site.items[item]!;
  const lines: ReceiptLine[] = doc.lines.map((l) => ({
    po: doc.code,
    item,
    lot: l.lot,
    uomQty: l.qty,
    uom: it.baseUom,
    expectedQty: l.qty,
    receivedQty: -1,
    openTasks: 0,
    stocked: -1,
    shipItem: item,
    shipQty: l.loaded - l.lost,
    damagedQty: l.damaged,
    labelError: false,
    relabel: false,
  }));
  const r: Receipt = {
    id: w.nextDoc('receipt'),
    pos: [{ po: doc.code, created: doc.shippedAt }],
    asn: doc.code,
    supplier: doc.from,
    state: inboundMachines().receipt.initial,
    qc: false,
    lines,
    due: w.now,
    yardAt: -1,
    doorAt: -1,
    door: -1,
    bin: -1,
    openTasks: 0,
  };
  ist.receipts[r.id] = r;
  ist.kpi.scheduled++;
  return r;
}

/** A receipt line of this site was posted: a transfer whose lines are all counted is received. */
export function onReceiptLine(w: World, e: JournalEventBody): void {
  if (e.type !== 'receipt.lineReceived' || e.docs?.receipt === undefined) return;
  const st = transfersState(w);
  const code = st.byReceipt[e.docs.receipt];
  if (code !== undefined) finishIfCounted(w, code);
}

/**
 * Closes received transfers whose receipt lines are all counted (the review runs this too: a
 * line posted together with a receiving exception reaches no stock-available listener).
 */
export function sweepReceived(w: World): void {
  for (const code of Object.keys(transfersState(w).incoming)) finishIfCounted(w, code);
}

function finishIfCounted(w: World, code: string): void {
  const st = transfersState(w);
  const doc = st.incoming[code];
  if (!doc) return;
  const r = inboundState(w).receipts[doc.receipt];
  if (r && r.lines.some((l) => l.receivedQty < 0)) return;
  const m = transferLife().machine;
  const step = (event: string): void => {
    stepDoc(w, transferLife(), doc, m.event(event));
  };
  const lateDoor = st.lateDoor[doc.receipt];
  if (lateDoor) {
    // The goods left at the door are now in the receiving lane the receipt booked them into.
    truth(
      w,
      null,
      lateDoor.map((c) => ({ ...c, delta: -c.delta })),
      { cause: 'consequence', bin: lateDoor[0]?.bin ?? '', sku: doc.sku, note: `${doc.code} received late` },
    );
    delete st.lateDoor[doc.receipt];
  }
  step(TE.receivingStarted);
  const shipped = shippedQty(doc);
  let received = 0;
  let damaged = 0;
  const codes = new Set<string>();
  const missing: { lot: string; qty: number }[] = [];
  doc.lines.forEach((l, i) => {
    const line = r?.lines[i];
    const got = Math.max(0, line?.receivedQty ?? 0);
    // Damage was booked when the receiver counted fewer good units than physically arrived.
    const dmg = line && l.damaged > 0 && got <= line.shipQty - l.damaged ? l.damaged : 0;
    received += got;
    damaged += dmg;
    if (got + dmg < l.qty) codes.add('short');
    missing.push({ lot: l.lot, qty: Math.max(0, l.qty - got - dmg) });
    if (got + dmg > l.qty) codes.add('over');
    if (dmg > 0) codes.add('damaged');
    step(
      got + dmg < l.qty
        ? TE.shortRecorded
        : got + dmg > l.qty
          ? TE.overRecorded
          : dmg > 0
            ? TE.damageRecorded
            : TE.lineScanned,
    );
    post(w, {
      type: 'transfer.received',
      site: w.site.name,
      sku: doc.sku,
      lot: l.lot || undefined,
      qty: got,
      uom: w.site.items.find((it) => it.sku === doc.sku)?.baseUom ?? 'EA',
      baseQty: got,
      reason: transferReason(doc),
      docs: { transfer: doc.code },
    });
  });
  doc.received = received;
  doc.damagedReceived = damaged;
  doc.receivedAt = w.now;
  const list = [...codes];
  doc.codes.push(...list);
  st.kpi.received++;
  st.kpi.unitsReceived += received;
  st.kpi.leadTimes.push(w.now - doc.requestedAt);
  if (list.length === 0) step(TE.receivedInFull);
  else {
    step(TE.receivedWithDiscrepancy);
    st.kpi.discrepant++;
    for (const c of list) st.kpi.codes[c] = (st.kpi.codes[c] ?? 0) + 1;
    post(w, {
      type: 'transfer.discrepancy',
      site: w.site.name,
      sku: doc.sku,
      reason: `${transferReason(doc)} discrepancy:${list.join(',')} shipped:${shipped} received:${received} damaged:${damaged}`,
      docs: { transfer: doc.code },
    });
    // The receipt booked what was counted; the difference is written off between the sites,
    // unless a claim holds the missing units in transit while it is investigated.
    step(TE.discrepancyResolved);
  }
  // A late receipt was confirmed at the door already: its shortfall cannot be held any more.
  const held = doc.codes.includes('late') ? 0 : openClaim(w, doc, missing);
  const confirm = shipped - held;
  st.onOrder[doc.sku] = Math.max(0, (st.onOrder[doc.sku] ?? 0) - doc.requested);
  delete st.incoming[code];
  delete st.byReceipt[receiptCode(doc.receipt)];
  if (doc.codes.includes('late')) return;
  // With a claim holding some lots back, the confirmations name the lots they close, so the
  // source keeps exactly the missing lots in transit (without one, lines first, as before).
  const lots = held > 0 ? doc.lines.map((l, i) => ({ lot: l.lot, qty: l.qty - missing[i]!.qty })) : undefined;
  if (doc.codes.includes('partial')) {
    const now = Math.floor(confirm / 2);
    const [first, rest] = lots ? splitLots(lots, now) : [undefined, undefined];
    sendMessage(w, doc.from, {
      kind: 'confirmed',
      id: doc.id,
      code: doc.code,
      qty: now,
      partial: true,
      lots: first,
    });
    const later = w.now + Math.round(st.settings!.lateHours * HOUR);
    sendMessage(
      w,
      doc.from,
      { kind: 'confirmed', id: doc.id, code: doc.code, qty: confirm - now, partial: false, lots: rest },
      later,
    );
    return;
  }
  if (confirm > 0)
    sendMessage(w, doc.from, {
      kind: 'confirmed',
      id: doc.id,
      code: doc.code,
      qty: confirm,
      partial: false,
      lots,
    });
}

/** The first `n` units of a lot list, and the rest. */
function splitLots(lots: readonly LotQty[], n: number): [LotQty[], LotQty[]] {
  const first: LotQty[] = [];
  const rest: LotQty[] = [];
  let left = n;
  for (const l of lots) {
    const take = Math.min(left, l.qty);
    left -= take;
    if (take > 0) first.push({ lot: l.lot, qty: take });
    if (l.qty - take > 0) rest.push({ lot: l.lot, qty: l.qty - take });
  }
  return [first, rest];
}

/** Base units a transfer booked as shipped. */
export function shippedQty(doc: TransferDoc): number {
  return doc.lines.reduce((a, l) => a + l.qty, 0);
}
