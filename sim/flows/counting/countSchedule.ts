import type { World } from '../../engine/world.ts';
import { Priority } from '../../engine/eventKinds.ts';
import { parseClock } from '../../engine/shiftCalendar.ts';
import type { Fenwick } from '../../core/fenwick.ts';
import { abcTree, hourRanks } from './countWeights.ts';
import { storageBins } from './binStock.ts';
import { valueFactors, weighsValue } from './valueWeights.ts';
import { counting, countingState } from './countingState.ts';
import { schedule } from '../../engine/applyEffects.ts';

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
  schedule(w, 0, Priority.arrival, counting.ev.countTimer, CountTimer.planDay, 0);
  for (const x of w.scenario.counting!.wallToWall) {
    schedule(
      w,
      Math.round(x.atHours * 60 * MINUTE),
      Priority.arrival,
      counting.ev.countTimer,
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
  schedule(w, (day + 1) * DAY, Priority.arrival, counting.ev.countTimer, CountTimer.planDay, day + 1);
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
      schedule(
        w,
        Math.max(day * DAY + from + Math.floor(i * gap), w.now),
        Priority.arrival,
        counting.ev.countTimer,
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
    schedule(w, Math.max(t, w.now), Priority.arrival, counting.ev.countTimer, CountTimer.release, 0);
  }
}

/**
 * Draws the bin of a new count request among storage bins without an open request: uniformly
 * ('random'), or weighted by the fastest velocity class stored in the bin ('abc'), times the
 * value and criticality factors when set (`valueFactors`). -1 if none.
 * With integer ABC weights the draw walks a Fenwick tree of this hour's weights (open requests'
 * bins taken out for the draw); it lands exactly where the linear walk below would.
 */
export function chooseBin(w: World): number {
  const c = w.scenario.counting!;
  const bins = storageBins(w);
  const busy = new Set(Object.values(countingState(w).open).map((d) => d.bin));
  const rng = w.random.stream('counting-bins');
  const extra = weighsValue(w) ? valueFactors(w) : null;
  if (c.policy === 'random' && !extra) {
    for (let tries = 0; tries < 20; tries++) {
      const b = bins[Math.floor(rng() * bins.length)]!;
      if (!busy.has(b)) return b;
    }
    return -1;
  }
  const byRank = [c.abcWeights.A, c.abcWeights.B, c.abcWeights.C];
  if (c.policy === 'abc' && !extra) {
    const tree = abcTree(w, byRank);
    if (tree) return treeDraw(w, tree, busy, rng);
  }
  const ranks = hourRanks(w);
  const weights = new Float64Array(bins.length);
  let total = 0;
  for (let i = 0; i < bins.length; i++) {
    const b = bins[i]!;
    if (busy.has(b)) continue;
    // Random with value or criticality weights: every bin starts equal.
    let wt = c.policy === 'random' ? 1 : byRank[ranks[i]!]!;
    // Risk-based: bins where variances were found before are counted more often (shrink history).
    if (c.policy === 'risk') wt *= 1 + c.riskFactor * (countingState(w).varianceHistory[b] ?? 0);
    if (extra) wt *= extra[i]!;
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

/** The tree draw: the open requests' bins weigh 0 for this draw only (integer sums stay exact). */
function treeDraw(w: World, tree: Fenwick, busy: ReadonlySet<number>, rng: () => number): number {
  const bins = storageBins(w);
  const pos = storagePosition(w);
  const held: [number, number][] = [];
  for (const b of busy) {
    const i = pos[b] ?? -1;
    if (i < 0 || tree.get(i) === 0) continue;
    held.push([i, tree.get(i)]);
    tree.set(i, 0);
  }
  let out = -1;
  const total = tree.total();
  if (total > 0) {
    const i = tree.search(rng() * total);
    if (i < bins.length) out = bins[i]!;
    else for (let k = bins.length - 1; k >= 0 && out < 0; k--) if (tree.get(k) > 0) out = bins[k]!;
  }
  for (const [i, x] of held) tree.set(i, x);
  return out;
}

const positions = new WeakMap<object, Int32Array>();

/** Position of each bin (by index) in `storageBins`, -1 for other bins; once per site. */
function storagePosition(w: World): Int32Array {
  let p = positions.get(w.site);
  if (!p) {
    p = new Int32Array(w.site.layout!.bins.length).fill(-1);
    storageBins(w).forEach((b, i) => (p![b] = i));
    positions.set(w.site, p);
  }
  return p;
}
