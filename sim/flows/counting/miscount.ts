import type { World } from '../../engine/world.ts';
import { sampler } from '../../random/distribution.ts';
import { itemOfSku } from '../replenishment/faceStock.ts';
import { splitKey } from './binStock.ts';

/**
 * A person counting a bin is not the physical ledger read out: at the scenario's
 * `counting.miscount.rate` a SKU/lot line is reported wrong, either a case-vs-each slip (a
 * full case counted as one each, or an each taken for a case: off by case size − 1) or a plain
 * miss by a few units. Changes `counted` in place and returns how many lines it got wrong.
 * Draws from its own stream, one draw per line always, so rates 0 and p use the stream alike.
 * `errors`, if given, gets each wrong line's signed error (reported − on the floor) by key.
 */
export function miscount(w: World, counted: Map<string, number>, errors?: Map<string, number>): number {
  const m = w.scenario.counting!.miscount;
  const rng = w.random.stream('counting-miscount');
  const offBy = sampler(m.offBy);
  let wrong = 0;
  for (const [key, qty] of counted) {
    if (!(rng() < m.rate)) continue;
    const item = itemOfSku(w, splitKey(key).sku);
    const cs = item >= 0 ? (w.site.items[item]!.uoms.find((u) => u.uom === 'CS')?.factor ?? 1) : 1;
    const slip = cs > 1 && rng() < m.caseSlipShare;
    const d = slip ? cs - 1 : Math.max(1, Math.round(offBy(rng)));
    // Over or under at even odds; a count cannot go below zero, so an impossible under is an over.
    const sign = rng() < 0.5 && qty - d >= 0 ? -1 : 1;
    counted.set(key, qty + sign * d);
    errors?.set(key, sign * d);
    wrong++;
  }
  return wrong;
}
