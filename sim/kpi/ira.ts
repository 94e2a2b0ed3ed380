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
  return (
    iraByTruthBy(system, physical, (bin) => (include(bin) ? '' : null)).get('') ?? {
      ira: null,
      agree: 0,
      records: 0,
    }
  );
}

/**
 * IRA by truth per group of bins (a zone, say) in one pass over both ledgers; `groupOf` returns
 * null for bins left out. Same rules as `iraByTruth`.
 */
export function iraByTruthBy(
  system: Ledger,
  physical: Ledger,
  groupOf: (bin: string) => string | null,
): Map<string, Accuracy> {
  // Allocation is a system promise, not a physical state: compare with it folded into available.
  const sys = new Map<string, { group: string; qty: number }>();
  for (const r of system.all()) {
    const group = groupOf(r.bin);
    if (group === null) continue;
    const key = recordKey(r.bin, r.sku, r.lot, physicalStatus(r.status));
    const e = sys.get(key);
    if (e) e.qty += r.qty;
    else sys.set(key, { group, qty: r.qty });
  }
  const out = new Map<string, Accuracy>();
  const acc = (group: string): Accuracy => {
    let a = out.get(group);
    if (!a) out.set(group, (a = { ira: null, agree: 0, records: 0 }));
    return a;
  };
  for (const { group } of sys.values()) acc(group).records++;
  for (const r of physical.all()) {
    const group = groupOf(r.bin);
    if (group === null) continue;
    const booked = sys.get(recordKey(r.bin, r.sku, r.lot, r.status));
    if (booked === undefined) acc(group).records++;
    else if (booked.qty === r.qty) acc(group).agree++;
  }
  for (const a of out.values()) a.ira = a.records > 0 ? a.agree / a.records : null;
  return out;
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

/** Is a count within tolerance as a whole? Only if every line is: a line off is never offset by another. */
export function countWithin(lines: readonly CountVerdict[]): boolean {
  return lines.every((l) => l.within);
}

/**
 * IRA as counted, the one definition (DESIGN.md): counts within the class tolerance ÷ counts
 * taken, per count, never netted. A count is the first count of a count request (a recount
 * decides what is posted, not how accurate the records were found); it is within when every
 * SKU/lot line of the bin is (`countWithin`); a bin counted empty that the system has empty is a
 * count within. Voided counts (the bin moved while counted) were never taken to a verdict.
 * The counting flow keeps the two numbers and reports this as `counting.iraAsCounted`.
 */
export function iraAsCounted(c: { within: number; taken: number }): number | null {
  return c.taken > 0 ? c.within / c.taken : null;
}
