import type { World } from '../engine/world.ts';
import type { JournalEventBody } from '../journal/journalEvent.ts';
import { recordKey } from '../inventory/ledger.ts';
import { isKnownLocation } from './siteLookup.ts';
import { post } from '../engine/applyEffects.ts';

/** Outcome of applying one external transaction. */
export type ApplyResult =
  { ok: true; eventIds: string[] } | { ok: false; kind: string; reason: string; bin?: string };

/**
 * Applies the journal bodies of one external transaction all or nothing: every body is checked
 * first against the item master, the layout and the system ledger as it will be after the
 * bodies before it (no record may go below zero), and only then is each one committed. A
 * refused transaction leaves the world untouched, so the journal never holds half of one.
 */
export function applyFeedTransaction(w: World, bodies: readonly JournalEventBody[]): ApplyResult {
  const check = checkFeedTransaction(w, bodies);
  if (check) return check;
  return { ok: true, eventIds: bodies.map((b) => post(w, b)) };
}

/** The reason a transaction cannot be applied now, or null when it can. */
export function checkFeedTransaction(
  w: World,
  bodies: readonly JournalEventBody[],
): Extract<ApplyResult, { ok: false }> | null {
  const skus = skuSet(w);
  const pending = new Map<string, number>();
  for (const b of bodies) {
    if (b.baseQty === undefined) continue;
    if (b.sku === undefined || !skus.has(b.sku))
      return { ok: false, kind: 'unknown-item', reason: `unknown item ${b.sku ?? '(none)'}` };
    if (!Number.isInteger(b.baseQty) || b.baseQty <= 0)
      return {
        ok: false,
        kind: 'bad-quantity',
        reason: `quantity ${b.baseQty} base units is not a positive whole number`,
      };
    for (const bin of [b.bin, b.toBin]) {
      if (bin !== undefined && !isKnownLocation(w, bin))
        return { ok: false, kind: 'unknown-location', reason: `unknown location ${bin}`, bin };
    }
    const lot = b.lot ?? '';
    if (b.statusFrom !== undefined) {
      if (b.bin === undefined) return { ok: false, kind: 'no-location', reason: `${b.type}: no source bin` };
      const key = recordKey(b.bin, b.sku, lot, b.statusFrom);
      const have = w.system.qty(b.bin, b.sku, lot, b.statusFrom) + (pending.get(key) ?? 0);
      if (have < b.baseQty) {
        return {
          ok: false,
          kind: 'over-quantity',
          reason: `${b.bin} holds ${have} ${b.statusFrom} of ${b.sku}${lot ? ` lot ${lot}` : ''} in the system; ${b.baseQty} asked`,
          bin: b.bin,
        };
      }
      pending.set(key, (pending.get(key) ?? 0) - b.baseQty);
    }
    if (b.statusTo !== undefined) {
      const to = b.toBin ?? b.bin;
      if (to === undefined)
        return { ok: false, kind: 'no-location', reason: `${b.type}: no destination bin` };
      const key = recordKey(to, b.sku, lot, b.statusTo);
      pending.set(key, (pending.get(key) ?? 0) + b.baseQty);
    }
  }
  return null;
}

const skuCache = new WeakMap<object, Set<string>>();
function skuSet(w: World): Set<string> {
  let s = skuCache.get(w.site);
  if (!s) skuCache.set(w.site, (s = new Set(w.site.items.map((i) => i.sku))));
  return s;
}
