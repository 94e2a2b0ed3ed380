import type { CountRecord } from './countRecord.ts';

/** Adjustments of one root cause: how many, units, value (rounded to cents at each step, as reported). */
export interface AdjustmentTally {
  adjustments: number;
  units: number;
  value: number;
}

/**
 * Exact aggregates of the count lines let go from the front of the counting flow's window, in
 * the order the batch analytics would have met them: the reconciliation KPIs fold the lines
 * still held on top of this and get what a fold over every line of the run gives, key order too.
 */
export interface CountFold {
  /** Adjustments by root cause ('UNKNOWN' when none given), in order of first appearance. */
  adjustments: Record<string, AdjustmentTally>;
  /** Counts per zone and those whose first count was out of tolerance, zones in order of their first count. */
  zones: { zone: string; events: number; opportunities: number }[];
  /** Counts already in `zones` that may still have first-count lines to come: their zone index and verdict so far. */
  live: Record<string, { zone: number; failed: boolean }>;
}

/** An empty fold. */
export function newCountFold(): CountFold {
  return { adjustments: {}, zones: [], live: {} };
}

/** Folds `records` (in order) into `f` in place; `cost` is a SKU's unit cost. */
export function foldCountRecords(
  f: CountFold,
  records: readonly CountRecord[],
  cost: (sku: string) => number,
): void {
  for (const r of records) {
    if (r.adjustment !== 0) {
      const a = (f.adjustments[r.rootCause || 'UNKNOWN'] ??= { adjustments: 0, units: 0, value: 0 });
      a.adjustments++;
      a.units += Math.abs(r.adjustment);
      a.value = Math.round((a.value + Math.abs(r.adjustment) * cost(r.sku)) * 100) / 100;
    }
    if (!r.first) continue;
    const seen = f.live[r.count];
    if (seen) {
      if (!r.within && !seen.failed) {
        seen.failed = true;
        f.zones[seen.zone]!.events++;
      }
      continue;
    }
    let zone = f.zones.findIndex((z) => z.zone === r.zone);
    if (zone < 0) zone = f.zones.push({ zone: r.zone, events: 0, opportunities: 0 }) - 1;
    const z = f.zones[zone]!;
    z.opportunities++;
    if (!r.within) z.events++;
    f.live[r.count] = { zone, failed: !r.within };
  }
}

/** A copy of `f` with `records` folded in (the KPIs' view: the saved fold is not touched). */
export function foldedWith(
  f: CountFold | undefined,
  records: readonly CountRecord[],
  cost: (sku: string) => number,
): CountFold {
  const out = f ? structuredClone(f) : newCountFold();
  foldCountRecords(out, records, cost);
  return out;
}

/**
 * Lets go of the oldest count lines when the window holds more than `max`: up to all but the
 * newest max/2, but never a line of a count still open (a posting writes its adjustment into
 * it). The lines let go are folded into `fold` first. Returns how many were let go.
 */
export function trimCountRecords(
  s: { records: CountRecord[]; recordsDropped?: number; recordFold?: CountFold },
  max: number,
  isOpen: (count: string) => boolean,
  cost: (sku: string) => number,
): number {
  if (s.records.length <= max) return 0;
  const limit = s.records.length - Math.floor(max / 2);
  let k = 0;
  while (k < limit && !isOpen(s.records[k]!.count)) k++;
  if (k === 0) return 0;
  const fold = (s.recordFold ??= newCountFold());
  foldCountRecords(fold, s.records.slice(0, k), cost);
  s.records.splice(0, k);
  // A count all of whose lines are gone can have no more: it leaves `live`.
  const held = new Set(s.records.map((r) => r.count));
  for (const c of Object.keys(fold.live)) if (!held.has(c)) delete fold.live[c];
  s.recordsDropped = (s.recordsDropped ?? 0) + k;
  return k;
}
