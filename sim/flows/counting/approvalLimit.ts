import type { World } from '../../engine/world.ts';
import { itemOfSku } from '../replenishment/faceStock.ts';
import { splitKey } from './binStock.ts';
import type { CountDoc } from './countingState.ts';

/**
 * Does a recount still out of tolerance need a controller's signature? Only when the two blind
 * counts disagree (nothing is confirmed; the investigation decides) or the confirmed adjustment
 * is material: worth more than `counting.review.approvalLimit`. A small confirmed variance is
 * posted on the recount, as sites post small variances without review: queued behind the
 * controller it stays wrong in the books for days while the bin cannot be counted again.
 */
export function needsApproval(w: World, doc: CountDoc): boolean {
  const counted = doc.lastCounts ?? {};
  const system = doc.lastSystem ?? {};
  const keys = new Set([...Object.keys(counted), ...Object.keys(system), ...Object.keys(doc.firstCounts)]);
  let value = 0;
  for (const k of keys) {
    if ((doc.firstCounts[k] ?? 0) !== (counted[k] ?? 0)) return true;
    const item = itemOfSku(w, splitKey(k).sku);
    const cost = item >= 0 ? w.site.items[item]!.unitCost : 0;
    value += Math.abs((counted[k] ?? 0) - (system[k] ?? 0)) * cost;
  }
  return value > w.scenario.counting!.review.approvalLimit;
}
