import type { World } from '../../engine/world.ts';
import { EventKind, Priority } from '../../engine/eventKinds.ts';
import { parseClock } from '../../engine/shiftCalendar.ts';
import { itemOfSku } from '../replenishment/faceStock.ts';
import { storageBins } from './binStock.ts';
import { countingState } from './countingState.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** countTimer `a` codes. */
export const CountTimer = {
  /** Plan day `b`: schedule its releases and the next day's plan. */
  planDay: 0,
  /** Release one count request. */
  release: 1,
  /** Release a location-based (sweep) count of bin `b`. */
  sweep: 2,
  /** A physical inventory: queue every storage bin now. */
  wallToWall: 3,
} as const;

/** Schedules the plan of day 0 (at time 0) and any physical inventories. */
export function startSchedule(w: World): void {
  w.queue.push(0, Priority.arrival, EventKind.countTimer, CountTimer.planDay, 0);
  for (const x of w.scenario.counting!.wallToWall) {
    w.queue.push(
      Math.round(x.atHours * 60 * MINUTE),
      Priority.arrival,
      EventKind.countTimer,
      CountTimer.wallToWall,
      0,
    );
  }
}

/**
 * Day plan: `countsPerDay` releases spread evenly over the window (one per slot, at a random
 * point inside it), so counters work through the day instead of facing a morning pile.
 */
export function planDay(w: World, day: number): void {
  const c = w.scenario.counting!;
  w.queue.push((day + 1) * DAY, Priority.arrival, EventKind.countTimer, CountTimer.planDay, day + 1);
  if (!c.days.includes(day % 7)) return;
  const from = parseClock(c.window.start) * MINUTE;
  let to = parseClock(c.window.end) * MINUTE;
  if (to <= from) to += DAY;
  // Location-based sweeps: every storage bin of the zone, spread evenly over the day's window.
  for (const sw of c.sweeps) {
    if (day % sw.everyDays !== 0) continue;
    const bins = [...storageBins(w)].filter((b) => w.site.layout!.bins[b]!.zone === sw.zone);
    const gap = (to - from) / Math.max(1, bins.length);
    bins.forEach((b, i) => {
      w.queue.push(
        Math.max(day * DAY + from + Math.floor(i * gap), w.now),
        Priority.arrival,
        EventKind.countTimer,
        CountTimer.sweep,
        b,
      );
    });
  }
  if (c.countsPerDay === 0) return;
  const slot = (to - from) / c.countsPerDay;
  const rng = w.random.stream('counting-schedule');
  for (let i = 0; i < c.countsPerDay; i++) {
    const t = day * DAY + from + Math.floor((i + rng()) * slot);
    w.queue.push(Math.max(t, w.now), Priority.arrival, EventKind.countTimer, CountTimer.release, 0);
  }
}

const RANK: Record<string, number> = { A: 0, B: 1, C: 2 };

/**
 * Draws the bin of a new count request among storage bins without an open request: uniformly
 * ('random'), or weighted by the fastest velocity class stored in the bin ('abc'). -1 if none.
 */
export function chooseBin(w: World): number {
  const c = w.scenario.counting!;
  const bins = storageBins(w);
  const busy = new Set(Object.values(countingState(w).open).map((d) => d.bin));
  const rng = w.random.stream('counting-bins');
  if (c.policy === 'random') {
    for (let tries = 0; tries < 20; tries++) {
      const b = bins[Math.floor(rng() * bins.length)]!;
      if (!busy.has(b)) return b;
    }
    return -1;
  }
  const best = fastestClassByBin(w);
  const byRank = [c.abcWeights.A, c.abcWeights.B, c.abcWeights.C];
  const weights = new Float64Array(bins.length);
  let total = 0;
  for (let i = 0; i < bins.length; i++) {
    const b = bins[i]!;
    if (busy.has(b)) continue;
    let wt = byRank[best[w.site.layout!.bins[b]!.code] ?? 2]!;
    // Risk-based: bins where variances were found before are counted more often (shrink history).
    if (c.policy === 'risk') wt *= 1 + c.riskFactor * (countingState(w).varianceHistory[b] ?? 0);
    weights[i] = wt;
    total += wt;
  }
  if (total <= 0) return -1;
  let u = rng() * total;
  for (let i = 0; i < bins.length; i++) {
    u -= weights[i]!;
    if (u < 0 && weights[i]! > 0) return bins[i]!;
  }
  for (let i = bins.length - 1; i >= 0; i--) if (weights[i]! > 0) return bins[i]!;
  return -1;
}

/**
 * Fastest velocity class stored in each bin (0 = A). A max over records, so ledger order does
 * not matter; recomputed at most once per sim hour, since a scan of every record per count
 * release dominated large sites and an hour-old view is plenty for choosing what to count. The
 * cache lives in the flow state, so a resumed run sees exactly what the original saw.
 */
function fastestClassByBin(w: World): Record<string, number> {
  const hour = Math.floor(w.now / 3_600_000);
  const s = countingState(w);
  if (s.classCache && s.classCache.hour === hour) return s.classCache.best;
  const best: Record<string, number> = {};
  for (const r of w.system.all()) {
    const item = itemOfSku(w, r.sku);
    if (item < 0) continue;
    const rank = RANK[w.site.items[item]!.velocityClass] ?? 2;
    const cur = best[r.bin];
    if (cur === undefined || rank < cur) best[r.bin] = rank;
  }
  s.classCache = { hour, best };
  return best;
}
