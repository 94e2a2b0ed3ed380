import type { Ledger } from '../inventory/ledger.ts';
import { physicalStatus } from '../inventory/physicalStatus.ts';
import { recordKey } from '../inventory/ledger.ts';

/** Inventory record accuracy over a set of records. */
export interface Accuracy {
  /** Records where both ledgers agree ÷ records non-zero in either; null when there are none. */
  ira: number | null;
  agree: number;
  records: number;
}

/**
 * IRA by truth: every (bin, sku, lot, status) record non-zero in either ledger counts once, and
 * a record off by any amount is wrong. Nothing nets: 95 in one bin and 105 in another against
 * 100 and 100 booked is two wrong records, not a balanced total. `include` limits the bins
 * (e.g. storage bins of one zone).
 */
export function iraByTruth(
  system: Ledger,
  physical: Ledger,
  include: (bin: string) => boolean = () => true,
): Accuracy {
  // Allocation is a system promise, not a physical state: compare with it folded into available.
  const sys = new Map<string, number>();
  for (const r of system.all()) {
    if (!include(r.bin)) continue;
    const key = recordKey(r.bin, r.sku, r.lot, physicalStatus(r.status));
    sys.set(key, (sys.get(key) ?? 0) + r.qty);
  }
  let agree = 0;
  let records = sys.size;
  for (const r of physical.all()) {
    if (!include(r.bin)) continue;
    const key = recordKey(r.bin, r.sku, r.lot, r.status);
    const booked = sys.get(key);
    if (booked === undefined) records++;
    else if (booked === r.qty) agree++;
  }
  return { ira: records > 0 ? agree / records : null, agree, records };
}

/** A count's verdict against its tolerance class. */
export interface CountVerdict {
  systemQty: number;
  countedQty: number;
  within: boolean;
}

/**
 * Is a count within tolerance? The percentage applies to the booked quantity of the record
 * counted (never to a total across bins); `maxValue` also caps the value of the difference, so
 * a 1% miss on an expensive item can still be out. A zero booking needs an exact zero count.
 */
export function withinTolerance(
  systemQty: number,
  countedQty: number,
  tolerancePct: number,
  unitCost: number,
  maxValue = Infinity,
): boolean {
  const diff = Math.abs(countedQty - systemQty);
  if (diff === 0) return true;
  return diff <= (systemQty * tolerancePct) / 100 && diff * unitCost <= maxValue;
}

/** IRA as a real site sees it: counts within tolerance ÷ counts taken, one verdict per count. */
export function iraAsCounted(verdicts: readonly CountVerdict[]): number | null {
  if (verdicts.length === 0) return null;
  return verdicts.filter((v) => v.within).length / verdicts.length;
}
