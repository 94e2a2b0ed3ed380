import type { World } from '../../engine/world.ts';
import { docCode } from '../../journal/docCode.ts';
import { itemOfSku } from '../replenishment/faceStock.ts';
import { recordsAt, splitKey, stockKey } from './binStock.ts';
import { countCode, countingState, type CountDoc } from './countingState.ts';
import type { Actor } from '../../journal/journalEvent.ts';
import { releaseShortPickHolds } from '../picking/shortPickHold.ts';
import { attribute, correct, post } from '../../engine/applyEffects.ts';
import { sellableStatusOf } from '../stockStatus/statusPolicy.ts';

/** Posts a count: one `count.posted` per SKU/lot (or one zero count), and adjustments with their root cause. */
export function postCount(
  w: World,
  doc: CountDoc,
  bin: string,
  keys: string[],
  counted: Map<string, number>,
  system: Map<string, number>,
  actor: Actor,
  rootCause: string,
): void {
  const s = countingState(w);
  const docs = { count: countCode(doc.id) };
  releaseShortPickHolds(w, bin);
  if (w.journalOn && keys.length === 0)
    post(w, {
      type: 'count.posted',
      site: w.site.name,
      actor,
      bin,
      qty: 0,
      reason: 'system 0, variance 0',
      docs,
    });
  const [from, n] = doc.lastRecords ?? [0, 0];
  const at = from - (s.recordsDropped ?? 0);
  const recordsOfThis = s.records.slice(at, at + n);
  for (const k of keys) {
    const { sku, lot } = splitKey(k);
    const item = itemOfSku(w, sku);
    const uom = item >= 0 ? w.site.items[item]!.baseUom : 'EA';
    const n = counted.get(k) ?? 0;
    const sys = system.get(k) ?? 0;
    const v = n - sys;
    if (w.journalOn) {
      post(w, {
        type: 'count.posted',
        site: w.site.name,
        actor,
        bin,
        sku,
        lot: lot || undefined,
        qty: n,
        uom,
        reason: `system ${sys}, variance ${v}`,
        docs,
      });
    }
    markDamaged(w, doc, bin, sku, lot, uom, actor);
    if (v === 0) continue;
    // Gains land as available (consigned for a vendor-owned item); losses come out of that stock
    // (allocations stand), so a consigned bin is counted and corrected like any other.
    const sellable = sellableStatusOf(w, sku);
    const available = recordsAt(w.system, bin)
      .filter((r) => r.sku === sku && r.lot === lot && r.status === sellable)
      .reduce((a, r) => a + r.qty, 0);
    const delta = v > 0 ? v : Math.min(-v, available);
    attributeMiscount(
      w,
      doc,
      { bin, sku, lot },
      v - (doc.miscountErrors?.[k] ?? 0),
      available,
      v > 0 ? delta : -delta,
    );
    if (delta === 0) continue;
    s.adjustments++;
    s.adjustedUnits += delta;
    const rec = recordsOfThis.find((r) => r.sku === sku && r.lot === lot);
    if (rec) {
      rec.adjustment = v > 0 ? delta : -delta;
      rec.rootCause = rootCause;
    }
    postAdjustment(
      w,
      doc,
      actor,
      { bin, sku, lot, uom, qty: v > 0 ? delta : -delta },
      v > 0 ? { statusTo: sellable } : { statusFrom: sellable },
      rootCause,
    );
  }
}

/**
 * A miscounted line that reached the system: the adjustment posted (`posted`) differs from the
 * one a right count would have posted (`right`, from the floor's variance `trueVariance` under
 * the same rule), and the difference stays in the books as a gap no exception made. It goes to
 * the truth log as cause 'miscount', with the counter, so the count that later finds it can
 * trace it (the count that made it never does: `ref` is its own count document).
 */
function attributeMiscount(
  w: World,
  doc: CountDoc,
  at: { bin: string; sku: string; lot: string },
  trueVariance: number,
  available: number,
  posted: number,
): void {
  const err = doc.miscountErrors?.[stockKey(at.sku, at.lot)] ?? 0;
  if (err === 0) return;
  const right = trueVariance > 0 ? trueVariance : -Math.min(-trueVariance, available);
  if (right === posted) return;
  const by = doc.miscountBy !== undefined ? w.workers[doc.miscountBy] : undefined;
  attribute(w, [{ ...at, status: 'available', delta: right - posted }], {
    cause: 'miscount',
    worker: by ? { code: by.code, role: by.role, shift: by.shift } : null,
    ...at,
    ref: countCode(doc.id),
    note: `counted ${err > 0 ? '+' : ''}${err} off the floor, adjusted ${posted} instead of ${right}`,
  });
}

/**
 * A counter sees damage: units the floor holds as damaged but the system books as available are
 * reclassified (a system-only status change), so damaged goods stop being allocated.
 */
function markDamaged(
  w: World,
  doc: CountDoc,
  bin: string,
  sku: string,
  lot: string,
  uom: string,
  actor: Actor,
): void {
  const physical = w.physical.qty(bin, sku, lot, 'damaged');
  const booked = w.system.qty(bin, sku, lot, 'damaged');
  const sellable = sellableStatusOf(w, sku);
  const move = Math.min(physical - booked, w.system.qty(bin, sku, lot, sellable));
  if (move <= 0) return;
  postAdjustment(
    w,
    doc,
    actor,
    { bin, sku, lot, uom, qty: move },
    { statusFrom: sellable, statusTo: 'damaged' },
    'DAMAGE',
  );
}

/**
 * Posts one adjustment with its root cause: system-only for a simulated count (the system
 * catching up with the floor); for a scanned count of the real floor (`external`) the twin's
 * floor ledger takes the counted quantity too, as a feed transaction does.
 */
function postAdjustment(
  w: World,
  doc: CountDoc,
  actor: Actor,
  line: { bin: string; sku: string; lot: string; uom: string; qty: number },
  status: { statusFrom?: 'available' | 'consigned'; statusTo?: 'available' | 'consigned' | 'damaged' },
  rootCause: string,
): void {
  // A feed's count moves the floor too (post); the count program's corrects the system only.
  (doc.external ? post : correct)(w, {
    type: 'adjustment.posted',
    site: w.site.name,
    actor,
    bin: line.bin,
    sku: line.sku,
    lot: line.lot || undefined,
    qty: line.qty,
    uom: line.uom,
    baseQty: Math.abs(line.qty),
    ...status,
    reason: rootCause,
    docs: { count: countCode(doc.id), adjustment: docCode('adjustment', w.nextDoc('adjustment')) },
  });
}
