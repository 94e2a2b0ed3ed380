import type { World } from '../../engine/world.ts';
import { Priority } from '../../engine/eventKinds.ts';
import { post, schedule } from '../../engine/applyEffects.ts';
import { sweepReceived } from './transferDestination.ts';
import { sendMessage, transfers, transfersState } from './transferState.ts';
import type { TransferSiteSettings } from './transferSettings.ts';
import { isSellable } from '../stockStatus/statusPolicy.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** `b` of a transferReview event: 0 = the periodic rule review, n > 0 = listed order n − 1. */
const REVIEW = 0;

/**
 * Starts the transfers of one network site (the network runner calls it once, at time 0, after
 * the site's world is built): stores its settings, which the snapshot then carries, and
 * schedules the first rule review and the listed transfer orders this site receives.
 */
export function startTransfers(w: World, settings: TransferSiteSettings): void {
  const st = transfersState(w);
  st.settings = settings;
  schedule(
    w,
    w.now + Math.round(settings.reviewEveryMinutes * MINUTE),
    Priority.arrival,
    transfers.ev.transferReview,
    0,
    REVIEW,
  );
  settings.orders.forEach((o, i) => {
    schedule(w, Math.round(o.atHours * HOUR), Priority.arrival, transfers.ev.transferReview, 0, i + 1);
  });
}

/** The periodic review (refill rules, and received transfers not yet closed) or one listed order. */
export function onTransferReview(w: World, _a: number, b: number): void {
  const st = transfersState(w);
  const s = st.settings;
  if (!s) return;
  if (b !== REVIEW) {
    const o = s.orders[b - 1]!;
    request(w, o.from, o.sku, o.qty);
    return;
  }
  schedule(
    w,
    w.now + Math.round(s.reviewEveryMinutes * MINUTE),
    Priority.arrival,
    transfers.ev.transferReview,
    0,
    REVIEW,
  );
  sweepReceived(w);
  for (const rule of s.rules) {
    for (const sku of rule.skus ?? stockedSkus(w)) {
      const position = available(w, sku) + (st.onOrder[sku] ?? 0);
      if (position < rule.min) request(w, rule.from, sku, rule.max - position);
    }
  }
}

/** Asks `from` to ship `qty` units of `sku` here; the units count as on order until received. */
function request(w: World, from: string, sku: string, qty: number): void {
  const st = transfersState(w);
  st.onOrder[sku] = (st.onOrder[sku] ?? 0) + qty;
  st.kpi.requested++;
  post(w, {
    type: 'transfer.requested',
    site: w.site.name,
    sku,
    qty,
    uom: w.site.items.find((i) => i.sku === sku)?.baseUom ?? 'EA',
    reason: `from=${from} to=${w.site.name}`,
  });
  sendMessage(w, from, { kind: 'request', from: w.site.name, to: from, sku, qty, requestedAt: w.now });
}

/** The system's available (or consigned) units of a SKU at this site (every bin). */
function available(w: World, sku: string): number {
  let n = 0;
  for (const r of w.system.skuRecords(sku)) if (isSellable(r.status)) n += r.qty;
  return n;
}

/** The SKUs a rule without a list covers: those the site stocks at all (system, any status). */
function stockedSkus(w: World): string[] {
  const st = transfersState(w);
  st.stocked ??= [...new Set(w.system.state().map((r) => r.sku))].sort();
  return st.stocked;
}
