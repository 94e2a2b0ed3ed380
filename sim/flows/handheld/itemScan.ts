import type { World } from '../../engine/world.ts';
import type { Item } from '../../items/types.ts';
import { readEntry, readLot } from './readEntry.ts';
import type { HandheldWait } from './handheldState.ts';

/** How an item (or lot) entry went: refused with why, the lot still to come, or the item and lot read. */
export type ItemScan =
  | { ok: false; reason: string }
  | { ok: true; needLot: true }
  | { ok: true; needLot: false; sku: string; lot: string };

/**
 * An item label (`input` gs1Item) or the lot asked for after it (`lot`), through the GS1
 * parser: the GTIN must be one of `expected` (the task's item; at a count, any item), and a
 * lot-controlled item's lot comes from the label or is asked for next. Records the scanned
 * packaging level's factor on the wait. The caller checks the lot against the task.
 */
export function scanItem(
  w: World,
  wait: HandheldWait,
  input: 'gs1Item' | 'lot',
  raw: string,
  expected: Item | null,
): ItemScan {
  if (input === 'lot') {
    const r = readLot(w, raw);
    if (!r.ok) return r;
    wait.needLot = false;
    return { ok: true, needLot: false, sku: wait.sku, lot: r.lot };
  }
  const r = readEntry(w, raw);
  if (!r.ok) return r;
  if (r.kind !== 'item')
    return {
      ok: false,
      reason: `expected the item label (GTIN), got ${r.kind === 'location' ? `bin ${r.bin}` : 'text'}`,
    };
  if (expected && r.hit.item.sku !== expected.sku)
    return {
      ok: false,
      reason: `wrong item: GTIN ${r.gtin} is ${r.hit.item.sku}, this task is ${expected.sku}`,
    };
  wait.sku = r.hit.item.sku;
  wait.factor = r.hit.factor;
  if (r.hit.item.lotControlled && r.lot === undefined) {
    wait.needLot = true;
    return { ok: true, needLot: true };
  }
  return { ok: true, needLot: false, sku: r.hit.item.sku, lot: r.hit.item.lotControlled ? r.lot! : '' };
}

/** A bin label entry: the bin code scanned, or why it is not a bin label. */
export function scanBin(w: World, raw: string): { ok: true; bin: string } | { ok: false; reason: string } {
  const r = readEntry(w, raw);
  if (!r.ok) return r;
  if (r.kind !== 'location') return { ok: false, reason: 'expected a bin label, got an item' };
  return { ok: true, bin: r.bin };
}

/**
 * The bin, then the item (and lot) of a task that takes stock from a known bin — a putaway
 * driver at the dock lane, a replenisher at the reserve: `wait.taken` counts the steps done
 * (1 after the bin, 2 after the item and lot). Returns null at the quantity step, which each
 * task checks its own way. `wrongBin`/`wrongLot` word the refusal for the task.
 */
export function takeFromBin(
  w: World,
  wait: HandheldWait,
  input: string,
  raw: string,
  want: { bin: string; item: Item; lot: string },
  wrongBin: (scanned: string) => string,
  wrongLot: (scanned: string) => string,
): { ok: true } | { ok: false; reason: string } | null {
  if (input === 'binLabel') {
    const b = scanBin(w, raw);
    if (!b.ok) return b;
    if (b.bin !== want.bin) return { ok: false, reason: wrongBin(b.bin) };
    wait.taken = 1;
    return { ok: true };
  }
  if (input === 'gs1Item' || input === 'lot') {
    const r = scanItem(w, wait, input, raw, want.item);
    if (!r.ok) return r;
    if (r.needLot) return { ok: true };
    if (want.item.lotControlled && r.lot !== want.lot) return { ok: false, reason: wrongLot(r.lot) };
    wait.lot = want.lot;
    wait.taken = 2;
    return { ok: true };
  }
  return null;
}
