import type { Ledger } from '../inventory/ledger.ts';
import { physicalStatus } from '../inventory/physicalStatus.ts';
import { recordKey } from '../inventory/ledger.ts';

/**
 * Value-weighted IRA by truth: like `iraByTruth`, every (bin, sku, lot, status) record non-zero
 * in either ledger is right or wrong, but each weighs by its value (unit cost × the larger of the
 * two quantities), so a wrong record of an expensive item costs more than one of a cheap item.
 * Null when no record has value. `include` limits the bins.
 */
export function valueIra(
  system: Ledger,
  physical: Ledger,
  unitCost: (sku: string) => number,
  include: (bin: string) => boolean = () => true,
): number | null {
  const sys = new Map<string, { sku: string; qty: number }>();
  for (const r of system.all()) {
    if (!include(r.bin)) continue;
    const key = recordKey(r.bin, r.sku, r.lot, physicalStatus(r.status));
    const e = sys.get(key);
    if (e) e.qty += r.qty;
    else sys.set(key, { sku: r.sku, qty: r.qty });
  }
  let right = 0;
  let total = 0;
  const seen = new Set<string>();
  for (const r of physical.all()) {
    if (!include(r.bin)) continue;
    const key = recordKey(r.bin, r.sku, r.lot, r.status);
    seen.add(key);
    const booked = sys.get(key)?.qty ?? 0;
    const v = unitCost(r.sku) * Math.max(Math.abs(booked), Math.abs(r.qty));
    total += v;
    if (booked === r.qty) right += v;
  }
  for (const [key, e] of sys) if (!seen.has(key)) total += unitCost(e.sku) * Math.abs(e.qty);
  return total > 0 ? right / total : null;
}
