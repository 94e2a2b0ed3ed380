import type { World } from '../../engine/world.ts';
import { docCode } from '../../journal/docCode.ts';
import { itemOfSku } from '../replenishment/faceStock.ts';
import { recordsAt, splitKey } from './binStock.ts';
import { countCode, countingState, type CountDoc } from './countingState.ts';
import type { Actor } from '../../journal/journalEvent.ts';
import { releaseShortPickHolds } from '../picking/shortPickHold.ts';

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
    w.commit({
      type: 'count.posted',
      site: w.site.name,
      actor,
      bin,
      qty: 0,
      reason: 'system 0, variance 0',
      docs,
    });
  const [from, n] = doc.lastRecords ?? [0, 0];
  const recordsOfThis = s.records.slice(from, from + n);
  for (const k of keys) {
    const { sku, lot } = splitKey(k);
    const item = itemOfSku(w, sku);
    const uom = item >= 0 ? w.site.items[item]!.baseUom : 'EA';
    const n = counted.get(k) ?? 0;
    const sys = system.get(k) ?? 0;
    const v = n - sys;
    if (w.journalOn) {
      w.commit({
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
    // Gains land as available; losses come out of available stock (allocations stand).
    const available = recordsAt(w.system, bin)
      .filter((r) => r.sku === sku && r.lot === lot && r.status === 'available')
      .reduce((a, r) => a + r.qty, 0);
    const delta = v > 0 ? v : Math.min(-v, available);
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
      v > 0 ? { statusTo: 'available' } : { statusFrom: 'available' },
      rootCause,
    );
  }
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
  const move = Math.min(physical - booked, w.system.qty(bin, sku, lot, 'available'));
  if (move <= 0) return;
  postAdjustment(
    w,
    doc,
    actor,
    { bin, sku, lot, uom, qty: move },
    { statusFrom: 'available', statusTo: 'damaged' },
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
  status: { statusFrom?: 'available'; statusTo?: 'available' | 'damaged' },
  rootCause: string,
): void {
  const commit = doc.external ? w.commit.bind(w) : w.commitSystem.bind(w);
  commit({
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
