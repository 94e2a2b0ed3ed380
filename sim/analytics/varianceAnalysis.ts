import type { TruthEvent } from '../exceptions/truthEvent.ts';
import type { CountRecord } from './countRecord.ts';

/** A variance found by a count, traced back to the exceptions that made it. */
export interface FoundVariance {
  count: string;
  foundT: number;
  foundBin: string;
  sku: string;
  /** Counted − booked, base units. */
  variance: number;
  value: number;
  /** The exceptions that touched this bin and item before the count and had not been found yet. */
  made: {
    truth: string;
    cause: string;
    bin: string;
    worker: string;
    shift: string;
    supplier: string;
    t: number;
    detectionHours: number;
  }[];
}

/**
 * "Where made vs where found": each count that finds a difference claims the not-yet-found
 * exceptions whose net effect touched the same bin and item before it. The first count to see
 * an exception's effect finds it; time-to-detection is the gap. Exceptions never counted stay
 * unfound (their count appears in the summary).
 */
export function traceVariances(
  truth: readonly TruthEvent[],
  counts: readonly CountRecord[],
): { found: FoundVariance[]; unfound: number } {
  const found: FoundVariance[] = [];
  const claimed = new Set<string>();
  const byBinSku = new Map<string, TruthEvent[]>();
  for (const t of truth) {
    if (t.cause === 'consequence') continue;
    for (const d of t.delta) {
      const key = `${d.bin}|${d.sku}`;
      const list = byBinSku.get(key) ?? [];
      if (!list.includes(t)) list.push(t);
      byBinSku.set(key, list);
    }
  }
  for (const c of [...counts].sort((a, b) => a.t - b.t)) {
    const variance = c.countedQty - c.systemQty;
    if (variance === 0) continue;
    const made = (byBinSku.get(`${c.bin}|${c.sku}`) ?? [])
      // A miscount is found by a later count, never by the count that posted it.
      .filter((t) => t.t <= c.t && !claimed.has(t.id) && t.ref !== c.count)
      .map((t) => {
        claimed.add(t.id);
        return {
          truth: t.id,
          cause: t.cause,
          bin: t.bin,
          worker: t.worker ?? '',
          shift: t.shift ?? '',
          supplier: t.supplier ?? '',
          t: t.t,
          detectionHours: (c.t - t.t) / 3_600_000,
        };
      });
    found.push({ count: c.count, foundT: c.t, foundBin: c.bin, sku: c.sku, variance, value: c.value, made });
  }
  const exceptions = truth.filter((t) => t.cause !== 'consequence').length;
  return { found, unfound: exceptions - claimed.size };
}

/** One row of a variance table. */
export interface VarianceRow {
  key: string;
  counts: number;
  variances: number;
  /** Σ |counted − booked|. */
  absUnits: number;
  /** Σ |adjustment value|. */
  value: number;
}

/** Variance by a dimension of the count (item, bin, zone, counter, root cause). */
export function varianceBy(counts: readonly CountRecord[], key: (c: CountRecord) => string): VarianceRow[] {
  const rows = new Map<string, VarianceRow>();
  for (const c of counts) {
    const k = key(c);
    const r = rows.get(k) ?? { key: k, counts: 0, variances: 0, absUnits: 0, value: 0 };
    r.counts++;
    const v = c.countedQty - c.systemQty;
    if (v !== 0) {
      r.variances++;
      r.absUnits += Math.abs(v);
      r.value += c.value;
    }
    rows.set(k, r);
  }
  return [...rows.values()].sort(
    (a, b) => b.value - a.value || b.absUnits - a.absUnits || (a.key < b.key ? -1 : 1),
  );
}

/** Variance by where it was made (cause, worker, shift, supplier, bin of origin), from the trace. */
export function madeBy(
  found: readonly FoundVariance[],
  key: (m: FoundVariance['made'][number]) => string,
): VarianceRow[] {
  const rows = new Map<string, VarianceRow>();
  for (const f of found) {
    for (const m of f.made) {
      const k = key(m) || '(unknown)';
      const r = rows.get(k) ?? { key: k, counts: 0, variances: 0, absUnits: 0, value: 0 };
      r.variances++;
      // A count may trace to several exceptions: its variance is shared between them equally.
      r.absUnits += Math.abs(f.variance) / f.made.length;
      r.value += f.value / f.made.length;
      rows.set(k, r);
    }
  }
  return [...rows.values()].sort((a, b) => b.value - a.value || (a.key < b.key ? -1 : 1));
}

/** A group whose adjustment rate stands out from its peers. */
export interface Anomaly {
  group: string;
  events: number;
  opportunities: number;
  rate: number;
  peerRate: number;
  z: number;
}

/**
 * Flags groups (workers, zones …) whose event rate is far above their peers': a one-sided
 * two-proportion z-test of the group against all other groups pooled, flagged at z > `zMin`
 * (default 3, about 1 in 700 by chance) with at least `minEvents` events, so a single mistake
 * by a quiet worker is not an anomaly.
 */
export function flagAnomalies(
  groups: readonly { group: string; events: number; opportunities: number }[],
  zMin = 3,
  minEvents = 5,
): Anomaly[] {
  const totalE = groups.reduce((a, g) => a + g.events, 0);
  const totalN = groups.reduce((a, g) => a + g.opportunities, 0);
  const out: Anomaly[] = [];
  for (const g of groups) {
    const peerE = totalE - g.events;
    const peerN = totalN - g.opportunities;
    if (g.opportunities <= 0 || peerN <= 0 || g.events < minEvents) continue;
    const p1 = g.events / g.opportunities;
    const p2 = peerE / peerN;
    const pooled = totalE / totalN;
    const se = Math.sqrt(pooled * (1 - pooled) * (1 / g.opportunities + 1 / peerN));
    if (se === 0) continue;
    const z = (p1 - p2) / se;
    if (z > zMin)
      out.push({
        group: g.group,
        events: g.events,
        opportunities: g.opportunities,
        rate: p1,
        peerRate: p2,
        z,
      });
  }
  return out.sort((a, b) => b.z - a.z);
}
