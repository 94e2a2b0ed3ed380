import type { World } from '../../engine/world.ts';
import { pickingState } from './pickingState.ts';

const key = (bin: string, sku: string, lot: string): string => `${bin}|${sku}|${lot}`;

/**
 * A short pick says the floor does not hold what the system books at that bin and lot. A WMS
 * then stops allocating that bin/lot until the count the short pick triggers has settled it;
 * without the hold the unfound units go back to available and the next order is sent to the
 * same phantom stock (and short-picks it again) while other lots or bins hold real stock.
 * Only when short picks trigger counts: without that count nothing would ever lift the hold.
 */
export function holdAfterShortPick(w: World, bin: string, sku: string, lot: string): void {
  if (!w.scenario.counting?.triggers.shortPick) return;
  const s = pickingState(w);
  const h = (s.shortHolds ??= {});
  const k = key(bin, sku, lot);
  if (h[k] === undefined) holdCount.set(h, heldCount(h) + 1);
  h[k] = w.now;
}

/**
 * How many holds each holds object has (derived, never saved: counted once when first asked,
 * e.g. after a restore, then kept by the writers here), so allocation asks "any hold?" without
 * walking the holds (a `for…in` over a dictionary object collects every key first).
 */
const holdCount = new WeakMap<Record<string, number>, number>();

function heldCount(h: Record<string, number>): number {
  let n = holdCount.get(h);
  if (n === undefined) {
    n = 0;
    for (const k in h) if (h[k] !== undefined) n++;
    holdCount.set(h, n);
  }
  return n;
}

/** Is this bin/lot held after a short pick (not allocatable until counted)? */
export function heldAfterShortPick(w: World, bin: string, sku: string, lot: string): boolean {
  const h = pickingState(w).shortHolds;
  return h !== undefined && h[key(bin, sku, lot)] !== undefined;
}

/** Is any bin/lot held right now? (Lets allocation skip building a hold key per record.) */
export function anyShortPickHold(w: World): boolean {
  const h = pickingState(w).shortHolds;
  return h !== undefined && heldCount(h) > 0;
}

/** A count of the bin was posted: its short-pick holds are lifted (the books now match the floor). */
export function releaseShortPickHolds(w: World, bin: string): void {
  const h = pickingState(w).shortHolds;
  if (!h) return;
  if (heldCount(h) === 0) return;
  const prefix = `${bin}|`;
  let n = heldCount(h);
  for (const k of Object.keys(h))
    if (k.startsWith(prefix)) {
      if (h[k] !== undefined) n--;
      delete h[k];
    }
  holdCount.set(h, n);
}

/** Number of bin/lots held after a short pick right now. */
export function shortPickHolds(w: World): number {
  return Object.keys(pickingState(w).shortHolds ?? {}).length;
}
