import type { World } from '../../engine/world.ts';
import { directPutaway } from '../inbound/putawayRules.ts';
import { currentOccupancy, inboundSite } from '../inbound/inboundSite.ts';

/**
 * Splits `qty` units of an item and lot over the storage bins the putaway rules choose, one
 * bin at a time as each fills (the first door when none has room), calling `book` per part so
 * the caller posts each before the next bin is chosen. Used where goods reach stock without a
 * putaway task: a claim's found units, a claim returned to its source.
 */
export function bookDirected(
  w: World,
  itemIndex: number,
  lot: string,
  qty: number,
  book: (bin: string, qty: number) => void,
): void {
  const site = inboundSite(w);
  const item = w.site.items[itemIndex]!;
  let left = qty;
  while (left > 0) {
    const d = directPutaway(site.rules, currentOccupancy(w), { item, lot, qty: left, exclude: -1 });
    const q = d && d.qty > 0 ? Math.min(d.qty, left) : left;
    book(d && d.qty > 0 ? w.site.layout!.bins[d.bin]!.code : site.doors[0]!.id, q);
    left -= q;
  }
}
