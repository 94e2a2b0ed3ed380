import type { World } from '../../engine/world.ts';
import { itemOfSku } from '../replenishment/faceStock.ts';
import { storageBins } from './binStock.ts';

/** Does the count program weigh bins by value or criticality (else the draw is as before)? */
export function weighsValue(w: World): boolean {
  const c = w.scenario.counting!;
  return c.valueWeight > 0 || Object.keys(c.criticality).length > 0;
}

/**
 * Value and criticality factor of each storage bin (in `storageBins` order) from the system
 * ledger now: 1 + valueWeight × value ÷ mean value, times the largest criticality factor of the
 * families stored. Computed afresh at each draw from the ledger (one pass over its records), so
 * nothing is cached across a checkpoint and a resumed run draws exactly as the original.
 */
export function valueFactors(w: World): Float64Array {
  const c = w.scenario.counting!;
  const bins = storageBins(w);
  const pos = new Int32Array(w.site.layout!.bins.length).fill(-1);
  bins.forEach((b, i) => (pos[b] = i));
  const value = new Float64Array(bins.length);
  const crit = new Float64Array(bins.length).fill(1);
  for (const r of w.system.all()) {
    const b = w.site.binIndex.get(r.bin);
    const i = b === undefined ? -1 : pos[b]!;
    const item = itemOfSku(w, r.sku);
    if (i < 0 || item < 0 || r.qty <= 0) continue;
    const it = w.site.items[item]!;
    value[i]! += r.qty * it.unitCost;
    const f = c.criticality[it.family];
    if (f !== undefined && f > crit[i]!) crit[i] = f;
  }
  let total = 0;
  for (const v of value) total += v;
  const mean = total / Math.max(1, bins.length);
  const out = new Float64Array(bins.length);
  for (let i = 0; i < bins.length; i++)
    out[i] = (mean > 0 ? 1 + (c.valueWeight * value[i]!) / mean : 1) * crit[i]!;
  return out;
}
