import type { World } from '../engine/world.ts';
import type { JournalEventBody } from '../journal/journalEvent.ts';
import { applyFeedTransaction } from './applyFeedTransaction.ts';
import { recordException } from './mirrorState.ts';
import { matchPoLine, poReason } from './purchaseOrders.ts';
import type { Fail, ScanMessage, ScanReply, ScanSession } from './scanTypes.ts';

/** The fields every receipt body shares (built by the scan session). */
type ReceiptBase = Pick<JournalEventBody, 'site' | 'actor' | 'sku' | 'qty' | 'uom' | 'reason'> & {
  sku: string;
  qty: number;
};

/** Where goods are received: a dock lane, a staging lane or a QC cage, never a storage bin. */
export function isReceivingLocation(w: World, bin: string): boolean {
  const i = w.site.binIndex.get(bin);
  if (i === undefined) return false;
  const t = w.site.layout!.bins[i]!.type;
  return t === 'dock' || t === 'staging' || t === 'quarantine';
}

/**
 * A receipt line scanned at the dock is checked against the PO book as the simulated receiver
 * checks it against the PO/ASN: against an open line it is booked `available` in the receiving
 * location (as the simulator stages a receipt: not pickable until a putaway moves it to
 * storage) and the line's open quantity goes down; more than the line takes beyond the
 * over-receipt tolerance is refused; with no PO line for the item the goods are booked
 * `quarantine` (held, not available) and an exception (alert) says so.
 */
export function receive(
  w: World,
  m: ScanMessage,
  s: ScanSession,
  base: ReceiptBase,
  key: string,
  fail: Fail,
  all: Record<string, ScanSession>,
): ScanReply {
  const lot = s.lot ?? '';
  const match = matchPoLine(w, base.sku, lot, base.qty);
  if (match.kind === 'over') return fail('over-receipt', match.reason, s.from);
  const held = match.kind === 'none';
  const body: JournalEventBody = {
    type: 'scan.received',
    ...base,
    ...(lot ? { lot } : {}),
    bin: s.from!,
    baseQty: base.qty,
    statusTo: held ? 'quarantine' : 'available',
    reason: held
      ? `no-po ${base.reason ?? ''}`
      : `${poReason(match.po)} line:${match.line.line} ${base.reason ?? ''}`,
  };
  const r = applyFeedTransaction(w, [body]);
  if (!r.ok) return fail(r.kind, r.reason, r.bin);
  // The receipt stays open for more lines at the same door.
  all[m.device] = { ...s, sku: undefined, lot: undefined, qty: undefined } as ScanSession;
  if (!held) {
    match.line.received += base.qty;
    return {
      ok: true,
      accepted: 'line',
      next: 'item',
      eventIds: r.eventIds,
      status: 'received',
      po: match.po.po,
      line: match.line.line,
    };
  }
  const x = recordException(w, {
    source: 'scan',
    key,
    kind: 'no-po',
    reason: `${base.qty} ${base.sku}${lot ? ` lot ${lot}` : ''} received at ${s.from!} with no open PO line: held in quarantine`,
    device: m.device,
    message: m,
    bin: s.from!,
  });
  return { ok: true, accepted: 'line', next: 'item', eventIds: r.eventIds, status: 'held', exception: x.id };
}
