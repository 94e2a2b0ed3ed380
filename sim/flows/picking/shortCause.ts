import type { World } from '../../engine/world.ts';
import type { ShortCause } from '../../engine/entities.ts';
import { heldAfterShortPick } from './shortPickHold.ts';

/**
 * What the system holds of a SKU that allocation could not take, the moment a line stays short
 * (the allocation of that line has already taken every unheld available record in a pick location).
 */
export function allocationShortCause(w: World, sku: string): ShortCause {
  let held = 0;
  let notPutAway = 0;
  let committed = 0;
  let blocked = 0;
  for (const r of w.system.recordsOf(sku)) {
    if (r.qty <= 0) continue;
    if (r.status === 'allocated') committed += r.qty;
    else if (r.status !== 'available') blocked += r.qty;
    else if (!w.site.pickable(r.bin)) notPutAway += r.qty;
    else if (heldAfterShortPick(w, r.bin, sku, r.lot)) held += r.qty;
  }
  if (held > 0) return 'held-after-short-pick';
  if (notPutAway > 0) return 'not-put-away';
  if (committed > 0) return 'committed';
  if (blocked > 0) return 'blocked';
  return 'no-stock';
}
