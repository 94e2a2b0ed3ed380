import type { World } from '../../engine/world.ts';
import {
  onTransferConfirmed,
  onTransferRequest,
  nextTransferJob,
  transferLoad,
  transferPick,
} from './transferSource.ts';
import { onReceiptLine, onTransferArrived } from './transferDestination.ts';
import { onTransferReview } from './transferRules.ts';
import { transferKpis } from './transferKpis.ts';
import { onClaimDue } from './transferClaims.ts';
import { transfers, transfersState } from './transferState.ts';

/** A message another site sent here (put into the inbox by the network runner): handle it now. */
function onMessage(w: World, n: number): void {
  const st = transfersState(w);
  const msg = st.inbox[n];
  if (!msg) throw new Error(`transfer message ${n} is not in the inbox of ${w.site.name}`);
  delete st.inbox[n];
  switch (msg.kind) {
    case 'request':
      onTransferRequest(w, msg.from, msg.sku, msg.qty, msg.requestedAt);
      return;
    case 'shipped':
      onTransferArrived(w, msg.doc);
      return;
    case 'confirmed':
      onTransferConfirmed(w, msg.id, msg.qty, msg.partial, 'transfer.closed', msg.lots);
      return;
    case 'cancelled':
      st.onOrder[msg.sku] = Math.max(0, (st.onOrder[msg.sku] ?? 0) - msg.qty);
      return;
    case 'claimDue':
      onClaimDue(w, msg.code);
      return;
    case 'claimWrittenOff':
      onTransferConfirmed(w, msg.id, msg.qty, false, 'transfer.claimWrittenOff', msg.lots);
      return;
    case 'claimReturned':
      onTransferConfirmed(w, msg.id, msg.qty, false, 'transfer.claimReturned', msg.lots);
      return;
  }
}

/**
 * Transfers between the sites of a network run: refill requests by rule or listed, pick and
 * load at the source (stock leaves as in-transit), receipt at the destination through its own
 * receiving and putaway, closure of the in-transit stock at the source. Inactive unless the
 * network runner started it on the site (sim/network/networkRun.ts): single-site runs never
 * schedule one of its events.
 */
export const transfersFlow = transfers.flow({
  events: {
    transferReview: onTransferReview,
    transferMessage: (w, n) => onMessage(w, n),
  },
  actions: { transferPick, transferLoad },
  // After the order picks (priority 0): a transfer waits for a picker with nothing else to do.
  sources: [{ role: 'picker', priority: 20, next: nextTransferJob }],
  stockAvailable: (w, e) => {
    if (transfers.peek(w)?.settings) onReceiptLine(w, e);
  },
  kpis: transferKpis,
});
