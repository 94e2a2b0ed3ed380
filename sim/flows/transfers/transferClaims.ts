import type { World } from '../../engine/world.ts';
import { post } from '../../engine/applyEffects.ts';
import { sampler } from '../../random/distribution.ts';
import { inboundSite } from '../inbound/inboundSite.ts';
import { bookDirected } from './directedSplit.ts';
import { sellableStatus } from '../stockStatus/statusPolicy.ts';
import {
  sendMessage,
  transferReason,
  transfersState,
  type ClaimBook,
  type TransferClaim,
  type TransferDoc,
  type TransfersState,
} from './transferState.ts';

const HOUR = 3_600_000;
const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;

/** Whether this site opens claims for short transfer receipts (`transfers.claims.enabled`). */
export function claimsOn(w: World): boolean {
  return transfersState(w).settings?.claims.enabled === true;
}

/** The site's claim book, created on first use (older snapshots have none). */
function book(st: TransfersState): ClaimBook {
  return (st.claims ??= {
    open: {},
    kpi: {
      opened: 0,
      found: 0,
      writtenOff: 0,
      unitsFound: 0,
      unitsWrittenOff: 0,
      valueWrittenOff: 0,
      resolutionMs: [],
    },
  });
}

/**
 * The destination counted a transfer short by `missing` units per lot: with claims on, a claim
 * opens and those units stay booked in transit at the source (in-transit discrepancy) until its
 * investigation time is over. Returns the units the claim holds (0: no claim, written off at once).
 */
export function openClaim(w: World, doc: TransferDoc, missing: { lot: string; qty: number }[]): number {
  const lots = missing.filter((m) => m.qty > 0);
  const qty = lots.reduce((a, m) => a + m.qty, 0);
  if (!claimsOn(w) || qty === 0) return 0;
  const st = transfersState(w);
  const item = w.site.items.find((i) => i.sku === doc.sku)!;
  const claim: TransferClaim = {
    code: doc.code,
    id: doc.id,
    from: doc.from,
    sku: doc.sku,
    lots,
    qty,
    value: round(qty * item.unitCost),
    openedAt: w.now,
  };
  const b = book(st);
  b.open[doc.code] = claim;
  b.kpi.opened++;
  post(w, {
    type: 'transfer.claimOpened',
    site: w.site.name,
    sku: doc.sku,
    qty,
    uom: item.baseUom,
    reason: `${transferReason(doc)} missing:${qty} value:${claim.value.toFixed(2)}`,
    docs: { transfer: doc.code },
  });
  const hours = sampler(st.settings!.claims.investigationHours)(w.random.stream('transfers/claims'));
  sendMessage(
    w,
    w.site.name,
    { kind: 'claimDue', code: doc.code },
    w.now + Math.max(1, Math.round(hours * HOUR)),
  );
  return qty;
}

/**
 * A claim's investigation is over: with probability `foundShare` the units turned up (the
 * carrier delivers them: booked in at a storage bin the putaway rules choose, and the source
 * closes them as received); with `returnShare` the carrier brings them back to the source,
 * which puts them back in its storage; else the source writes them off out of in-transit. The
 * source closes the claim's own lots (one draw, as before: `returnShare` 0 changes nothing).
 */
export function onClaimDue(w: World, code: string): void {
  const st = transfersState(w);
  const b = book(st);
  const c = b.open[code];
  if (!c) return;
  delete b.open[code];
  b.kpi.resolutionMs.push(w.now - c.openedAt);
  const u = w.random.stream('transfers/claims')();
  const { foundShare, returnShare } = st.settings!.claims;
  const lots = c.lots.map((l) => ({ ...l }));
  if (u < foundShare) {
    bookFound(w, c);
    b.kpi.found++;
    b.kpi.unitsFound += c.qty;
    sendMessage(w, c.from, { kind: 'confirmed', id: c.id, code, qty: c.qty, partial: false, lots });
    return;
  }
  if (u < foundShare + returnShare) {
    b.kpi.returned = (b.kpi.returned ?? 0) + 1;
    b.kpi.unitsReturned = (b.kpi.unitsReturned ?? 0) + c.qty;
    sendMessage(w, c.from, { kind: 'claimReturned', id: c.id, code, qty: c.qty, lots });
    return;
  }
  b.kpi.writtenOff++;
  b.kpi.unitsWrittenOff += c.qty;
  b.kpi.valueWrittenOff = round(b.kpi.valueWrittenOff + c.value);
  sendMessage(w, c.from, { kind: 'claimWrittenOff', id: c.id, code, qty: c.qty, lots });
}

/** Books a claim's found units in at storage bins (as a putaway would direct them; a door if none has room). */
function bookFound(w: World, c: TransferClaim): void {
  const index = inboundSite(w).itemIndex.get(c.sku)!;
  const item = w.site.items[index]!;
  for (const { lot, qty } of c.lots)
    bookDirected(w, index, lot, qty, (bin, q) =>
      post(w, {
        type: 'transfer.claimFound',
        site: w.site.name,
        bin,
        sku: c.sku,
        lot: lot || undefined,
        qty: q,
        uom: item.baseUom,
        baseQty: q,
        statusTo: sellableStatus(w, index),
        reason: `from=${c.from} to=${w.site.name}`,
        docs: { transfer: c.code },
      }),
    );
}

/** The claims KPI section of a site's transfers (null with claims off). */
export function claimKpis(w: World, st: TransfersState): Record<string, unknown> | null {
  if (!st.settings?.claims.enabled) return null;
  const b = book(st);
  const k = b.kpi;
  const open = Object.values(b.open);
  const res = [...k.resolutionMs].sort((a, c) => a - c);
  const resolved = k.found + k.writtenOff + (k.returned ?? 0);
  return {
    opened: k.opened,
    open: open.length,
    openUnits: open.reduce((a, c) => a + c.qty, 0),
    openValue: round(open.reduce((a, c) => a + c.value, 0)),
    found: k.found,
    writtenOff: k.writtenOff,
    returned: k.returned ?? 0,
    unitsFound: k.unitsFound,
    unitsReturned: k.unitsReturned ?? 0,
    unitsWrittenOff: k.unitsWrittenOff,
    valueWrittenOff: k.valueWrittenOff,
    foundShare: resolved === 0 ? null : round(k.found / resolved, 4),
    resolutionHours: {
      mean: res.length === 0 ? null : round(res.reduce((a, c) => a + c, 0) / res.length / HOUR),
      p50: res.length === 0 ? null : round(res[Math.floor(res.length / 2)]! / HOUR),
    },
  };
}
