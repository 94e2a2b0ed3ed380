import type { World } from '../../engine/world.ts';
import type { Worker } from '../../engine/entities.ts';
import { stepTo, type Job, type Step } from '../../engine/job.ts';
import { dispatch } from '../../engine/workerFlow.ts';
import { post, stepDoc, truth } from '../../engine/applyEffects.ts';
import { actorOf } from '../../engine/actor.ts';
import { sampler } from '../../random/distribution.ts';
import { rateFor } from '../../exceptions/exceptionRate.ts';
import { caseQty } from '../inbound/binOccupancy.ts';
import { sellableStatus } from '../stockStatus/statusPolicy.ts';
import { holdConsignedForTransfer } from '../stockStatus/stockStatusState.ts';
import { transferEvents as TE } from '../../machines/transferMachine.ts';
import type { PhysicalChange } from '../../exceptions/truthEvent.ts';
import {
  sendMessage,
  transferCode,
  transferLife,
  transferReason,
  transfers,
  transfersState,
  stageBin,
  transitBin,
  type LotQty,
  type TransferDoc,
  type TransferLine,
} from './transferState.ts';
import { inboundSite } from '../inbound/inboundSite.ts';
import { bookDirected } from './directedSplit.ts';
import type { JournalEventBody } from '../../journal/journalEvent.ts';

/**
 * The source side of a transfer: a request becomes a transfer order with stock allocated in
 * pick order (pick faces, then reserve, as orders are), a picker picks it to the pack station
 * and loads it, and the goods leave as in-transit stock in the transfer's transit location,
 * in both ledgers, until the destination confirms the receipt.
 */
export function onTransferRequest(
  w: World,
  from: string,
  sku: string,
  qty: number,
  requestedAt: number,
): void {
  const st = transfersState(w);
  const id = w.nextDoc('transfer');
  const code = transferCode(w.site.name, id);
  const doc: TransferDoc = {
    id,
    code,
    from: w.site.name,
    to: from,
    sku,
    requested: qty,
    lines: [],
    state: transferLife().machine.initial,
    requestedAt,
    shippedAt: -1,
    arrivedAt: -1,
    receivedAt: -1,
    received: 0,
    damagedReceived: 0,
    codes: [],
    receipt: -1,
    picks: [],
    closed: 0,
  };
  const docs = { transfer: code };
  const reason = transferReason(doc);
  const item = w.site.items.find((i) => i.sku === sku);
  let left = qty;
  if (item) {
    // A consigned item's stock is booked consigned: the transfer takes that (it stays the vendor's).
    const sellable = sellableStatus(w, item.index);
    const recs = [...w.system.skuRecords(sku)]
      .filter((r) => r.status === sellable && r.qty > 0 && w.site.pickable(r.bin))
      .map((r) => ({ r, bin: w.site.binIndex.get(r.bin)! }))
      .sort((a, b) => w.site.pickPreference(a.bin) - w.site.pickPreference(b.bin) || a.bin - b.bin);
    for (const { r, bin } of recs) {
      if (left <= 0) break;
      const take = Math.min(left, r.qty);
      doc.picks.push({ bin, lot: r.lot, qty: take, picked: false });
      left -= take;
    }
  }
  const allocated = qty - left;
  if (allocated === 0) {
    stepDoc(w, transferLife(), doc, transferLife().machine.event(TE.cancelled));
    post(w, { type: 'transfer.cancelled', site: w.site.name, sku, reason: `${reason} no-stock`, docs });
    st.kpi.cancelled++;
    sendMessage(w, from, { kind: 'cancelled', code, to: from, sku, qty });
    return;
  }
  post(w, {
    type: 'transfer.created',
    site: w.site.name,
    sku,
    qty: allocated,
    uom: item!.baseUom,
    reason,
    docs,
  });
  for (const p of doc.picks) {
    post(w, {
      type: 'transfer.allocated',
      site: w.site.name,
      bin: w.site.layout!.bins[p.bin]!.code,
      sku,
      lot: p.lot || undefined,
      qty: p.qty,
      uom: item!.baseUom,
      baseQty: p.qty,
      statusFrom: sellableStatus(w, item!.index),
      statusTo: 'allocated',
      reason,
      docs,
    });
  }
  // Consigned stock allocated to a transfer is not consumed: it stays the vendor's until it ships.
  if (sellableStatus(w, item!.index) === 'consigned') holdConsignedForTransfer(w, sku, allocated);
  st.kpi.created++;
  st.outgoing[id] = doc;
  st.toPick.push(String(id));
  dispatch(w);
}

/** A picker's next transfer: one step per allocated bin, then loading at the pack station. */
export function nextTransferJob(w: World, _worker: Worker): Job | null {
  const st = transfers.peek(w);
  if (!st?.settings || st.toPick.length === 0) return null;
  const doc = st.outgoing[st.toPick.shift()!]!;
  const rng = w.random.stream('transfers/work');
  const pick = sampler(st.settings.pickTime);
  const steps: Step[] = doc.picks.map((p, i) =>
    stepTo(transfers.act.transferPick, i, w.site.binPoint(p.bin), Math.round(pick(rng) * 1000), 'pick'),
  );
  const load = Math.round(sampler(st.settings.loadTime)(rng) * 1000);
  steps.push(stepTo(transfers.act.transferLoad, 0, w.site.packPoint, load, 'handle'));
  return {
    id: ++w.counters.job,
    kind: 'transfer',
    steps,
    cursor: 0,
    started: w.now,
    resources: [],
    ref: doc.id,
    orders: [],
  };
}

/** Picks one allocated bin of the transfer to the pack station. */
export function transferPick(w: World, worker: Worker, job: Job, step: Step): void {
  const doc = transfersState(w).outgoing[job.ref]!;
  const p = doc.picks[step.arg]!;
  p.picked = true;
  post(w, {
    type: 'transfer.picked',
    site: w.site.name,
    actor: actorOf(worker),
    bin: w.site.layout!.bins[p.bin]!.code,
    toBin: stageBin(doc.code),
    sku: doc.sku,
    lot: p.lot || undefined,
    qty: p.qty,
    uom: baseUom(w, doc.sku),
    baseQty: p.qty,
    statusFrom: 'allocated',
    statusTo: 'allocated',
    reason: transferReason(doc),
    docs: { transfer: doc.code },
  });
}

/**
 * Loads the transfer and ships it: per lot, the goods move from the pack station into the
 * transfer's transit location as in-transit stock. The loader may put a case more on the truck
 * than booked (transferOverLoad), and the road may lose or damage some (transitLoss,
 * transitDamage): drawn here, at the source, and written to its truth log; the destination
 * finds out when it counts the receipt.
 */
export function transferLoad(w: World, worker: Worker, job: Job): void {
  const st = transfersState(w);
  const doc = st.outgoing[job.ref]!;
  const item = w.site.items.find((i) => i.sku === doc.sku)!;
  const transit = transitBin(doc.code);
  const who = { role: worker.role, shift: worker.shift, code: worker.code };
  const rng = w.random.stream('exceptions/transfers');
  const byLot = new Map<string, number>();
  for (const p of doc.picks) byLot.set(p.lot, (byLot.get(p.lot) ?? 0) + p.qty);
  stepDoc(w, transferLife(), doc, transferLife().machine.event(TE.shipped));
  doc.shippedAt = w.now;
  // Shipped: from here it is in transit (counted there, by status, as the vendor's).
  if (sellableStatus(w, item.index) === 'consigned')
    holdConsignedForTransfer(w, doc.sku, -doc.picks.reduce((a, p) => a + p.qty, 0));
  for (const [lot, qty] of byLot) {
    const line: TransferLine = { lot, qty, loaded: qty, lost: 0, damaged: 0 };
    doc.lines.push(line);
    post(w, {
      type: 'transfer.shipped',
      site: w.site.name,
      actor: actorOf(worker),
      bin: stageBin(doc.code),
      toBin: transit,
      sku: doc.sku,
      lot: lot || undefined,
      qty,
      uom: item.baseUom,
      baseQty: qty,
      statusFrom: 'allocated',
      statusTo: 'in-transit',
      reason: transferReason(doc),
      docs: { transfer: doc.code },
    });
    const change = (bin: string, status: PhysicalChange['status'], delta: number): PhysicalChange => ({
      bin,
      sku: doc.sku,
      lot,
      status,
      delta,
    });
    if (rng() < rateFor(w, 'transferOverLoad', who)) {
      // The extra case comes off the first pick bin that physically still holds one.
      const extra = caseQty(item);
      const from = doc.picks
        .map((p) => w.site.layout!.bins[p.bin]!.code)
        .find((b) => w.physical.qty(b, doc.sku, lot, 'available') >= extra);
      if (from !== undefined) {
        truth(w, null, [change(from, 'available', -extra), change(transit, 'in-transit', extra)], {
          cause: 'transferOverLoad',
          worker,
          bin: from,
          sku: doc.sku,
          lot,
          note: `${extra} more loaded than the ${qty} booked on ${doc.code}`,
        });
      }
    }
    // What the truck really holds: the floor may have had less at the pack station than booked.
    line.loaded = w.physical.qty(transit, doc.sku, lot, 'in-transit');
    if (rng() < rateFor(w, 'transitLoss', null) && line.loaded > 0) {
      line.lost = Math.max(1, Math.ceil(line.loaded * 0.1 * rng()));
      truth(w, null, [change(transit, 'in-transit', -line.lost)], {
        cause: 'transitLoss',
        bin: transit,
        sku: doc.sku,
        lot,
        note: `${line.lost} of ${doc.code} lost on the way to ${doc.to}`,
      });
    }
    if (rng() < rateFor(w, 'transitDamage', null) && line.loaded > line.lost) {
      line.damaged = Math.max(1, Math.ceil((line.loaded - line.lost) * 0.1 * rng()));
      truth(
        w,
        null,
        [change(transit, 'in-transit', -line.damaged), change(transit, 'damaged', line.damaged)],
        {
          cause: 'transitDamage',
          bin: transit,
          sku: doc.sku,
          lot,
          note: `${line.damaged} of ${doc.code} damaged on the way to ${doc.to}`,
        },
      );
    }
  }
  st.kpi.shipped++;
  const units = doc.lines.reduce((a, l) => a + l.qty, 0);
  st.kpi.unitsShipped += units;
  st.kpi.valueShipped += units * item.unitCost;
  sendMessage(w, doc.to, { kind: 'shipped', doc: structuredClone(doc) });
}

/**
 * The destination confirmed `qty` units of a transfer: the source closes them out of in-transit.
 * Once it is closed in full, whatever the floor still shows in the transit location (a surplus
 * case, the damaged units) went with the truck: it leaves the physical ledger as a consequence.
 * A confirmation of only part (a partial receipt posting) leaves the rest booked in transit
 * while the goods are at the destination: both sites show it until the rest is confirmed. A
 * claim written off (`type` transfer.claimWrittenOff) closes its units the same way, as a loss.
 */
export function onTransferConfirmed(
  w: World,
  id: number,
  qty: number,
  partial: boolean,
  type: 'transfer.closed' | 'transfer.claimWrittenOff' | 'transfer.claimReturned' = 'transfer.closed',
  lots?: readonly LotQty[],
): void {
  const st = transfersState(w);
  const doc = st.outgoing[id];
  if (!doc) return;
  const transit = transitBin(doc.code);
  let left = qty;
  // Named lots close those lots (a claim's missing ones, or the rest of a claimed receipt).
  const lotLeft = lots ? new Map<string, number>() : null;
  for (const l of lots ?? []) lotLeft!.set(l.lot, (lotLeft!.get(l.lot) ?? 0) + l.qty);
  doc.lines.forEach((l, i) => {
    const open = l.qty - (doc.closedLines?.[i] ?? closedOf(doc, l));
    const take = Math.min(open, left, lotLeft ? (lotLeft.get(l.lot) ?? 0) : Infinity);
    if (take <= 0) return;
    left -= take;
    lotLeft?.set(l.lot, lotLeft.get(l.lot)! - take);
    if (lotLeft || doc.closedLines) {
      // From the first lot-named closure on, each line keeps its own closed count.
      doc.closedLines ??= doc.lines.map((x) => closedOf(doc, x));
      doc.closedLines[i] = (doc.closedLines[i] ?? 0) + take;
    }
    doc.closed += take;
    const body = {
      site: w.site.name,
      bin: transit,
      sku: doc.sku,
      lot: l.lot || undefined,
      qty: take,
      uom: baseUom(w, doc.sku),
      baseQty: take,
      statusFrom: 'in-transit' as const,
      reason: transferReason(doc),
      docs: { transfer: doc.code },
    };
    if (type === 'transfer.claimReturned') returnToStock(w, doc, l.lot, take, body);
    else post(w, { ...body, type });
  });
  const total = doc.lines.reduce((a, l) => a + l.qty, 0);
  const rest = physicalRest(w, doc);
  if (doc.closed >= total || partial) {
    if (rest.length > 0)
      truth(w, null, rest, {
        cause: partial ? 'transferReceiptLate' : 'consequence',
        bin: transit,
        sku: doc.sku,
        note: partial
          ? `${doc.to} posted ${qty} of ${total}: ${total - doc.closed} still booked in transit here`
          : `the rest of ${doc.code} went with the truck`,
      });
  }
  if (doc.closed >= total) delete st.outgoing[id];
}

/**
 * A claim's units came back to the source (`transfers.claims.returnShare`): moved out of
 * in-transit into storage bins the putaway rules choose (a door when none has room), sellable.
 */
function returnToStock(
  w: World,
  doc: TransferDoc,
  lot: string,
  qty: number,
  body: Omit<JournalEventBody, 'type'>,
): void {
  const index = inboundSite(w).itemIndex.get(doc.sku)!;
  bookDirected(w, index, lot, qty, (toBin, q) =>
    post(w, {
      ...body,
      type: 'transfer.claimReturned',
      toBin,
      qty: q,
      baseQty: q,
      statusTo: sellableStatus(w, index),
      reason: `${body.reason ?? ''} returned`.trim(),
    }),
  );
}

// Closures are posted lot by lot in line order, so a line's closed part is what the lines before it left over.
function closedOf(doc: TransferDoc, line: TransferLine): number {
  let c = doc.closed;
  for (const l of doc.lines) {
    const here = Math.min(c, l.qty);
    if (l === line) return here;
    c -= here;
  }
  return 0;
}

/** Removal of every physical record the floor still shows in the transfer's transit location. */
function physicalRest(w: World, doc: TransferDoc): PhysicalChange[] {
  const transit = transitBin(doc.code);
  const out: PhysicalChange[] = [];
  for (const l of doc.lines) {
    for (const status of ['in-transit', 'damaged'] as const) {
      const q = w.physical.qty(transit, doc.sku, l.lot, status);
      if (q !== 0) out.push({ bin: transit, sku: doc.sku, lot: l.lot, status, delta: -q });
    }
  }
  return out;
}

function baseUom(w: World, sku: string): string {
  return w.site.items.find((i) => i.sku === sku)?.baseUom ?? 'EA';
}
