import { EventKind, Priority } from '../engine/eventKinds.ts';
import type { Flow } from '../engine/flowRegistry.ts';
import type { World } from '../engine/world.ts';
import { iraByTruth } from '../kpi/ira.ts';

const HOUR = 3_600_000;

/** IRA samples over time: [sim hour, IRA by truth over storage bins]. */
export interface ReconciliationState {
  iraSeries: [number, number | null][];
}

function state(w: World): ReconciliationState {
  let s = w.flow['reconciliation'] as ReconciliationState | undefined;
  if (!s) {
    s = { iraSeries: [] };
    w.flow['reconciliation'] = s;
  }
  return s;
}

/** Storage bins only: docks, staging and equipment in motion are transient, not records a count checks. */
export function storageBinFilter(w: World): (bin: string) => boolean {
  return (bin) => w.site.pickable(bin);
}

/**
 * Samples inventory record accuracy by truth every hour, so a run shows how accuracy decays
 * under exceptions and recovers under counting. Active whenever stock is tracked.
 */
export const reconciliationFlow: Flow = {
  name: 'reconciliation',
  start(w) {
    if (!w.tracked) return;
    sample(w);
    w.queue.push(HOUR, Priority.arrival, EventKind.iraSample);
  },
  events: {
    [EventKind.iraSample]: (w) => {
      sample(w);
      w.queue.push(w.now + HOUR, Priority.arrival, EventKind.iraSample);
    },
  },
  kpis(w) {
    if (!w.tracked) return null;
    const include = storageBinFilter(w);
    const overall = iraByTruth(w.system, w.physical, include);
    const zones = new Map<string, string>();
    for (const b of w.site.layout!.bins) zones.set(b.code, b.zone);
    const byZone: Record<string, number | null> = {};
    for (const z of w.site.layout!.zones) {
      const a = iraByTruth(w.system, w.physical, (bin) => include(bin) && zones.get(bin) === z.id);
      if (a.records > 0) byZone[z.id] = round(a.ira);
    }
    const byCause: Record<string, { events: number; units: number; value: number }> = {};
    const cost = new Map(w.site.items.map((i) => [i.sku, i.unitCost]));
    for (const t of w.truth) {
      if (t.cause === 'consequence') continue;
      const c = (byCause[t.cause] ??= { events: 0, units: 0, value: 0 });
      c.events++;
      // Units and value of the gap as made: moves count once (what left the right place).
      const units =
        t.delta.filter((d) => d.delta < 0).reduce((a, d) => a - d.delta, 0) ||
        t.delta.reduce((a, d) => a + Math.abs(d.delta), 0);
      c.units += units;
      c.value += units * (cost.get(t.sku) ?? 0);
    }
    for (const c of Object.values(byCause)) c.value = Math.round(c.value * 100) / 100;
    const s = state(w);
    return {
      iraByTruth: round(overall.ira),
      recordsCompared: overall.records,
      recordsWrong: overall.records - overall.agree,
      iraByTruthByZone: byZone,
      iraOverTime: s.iraSeries,
      exceptionsByCause: byCause,
      truthEvents: w.truth.length,
    };
  },
};

function sample(w: World): void {
  const a = iraByTruth(w.system, w.physical, storageBinFilter(w));
  state(w).iraSeries.push([Math.round(w.now / HOUR), round(a.ira)]);
}

function round(x: number | null): number | null {
  return x === null ? null : Math.round(x * 1e5) / 1e5;
}
