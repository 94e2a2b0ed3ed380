import type { Scenario } from '../../sim/index.ts';
import type { Layout } from '../../sim/slottingApi.ts';
import type { TravelModel } from '../../sim/slottingApi.ts';
import { distributionMean } from '../../sim/slottingApi.ts';
import { replenishmentSchema } from '../../sim/slottingApi.ts';
import type { PickLine } from './pickHistory.ts';
import type { SlottingProposal } from './slottingProposal.ts';

/** The travel the observed orders would walk, as observed and with the proposed faces. */
export interface TravelEstimate {
  orders: number;
  currentM: number;
  proposedM: number;
  /** currentM − proposedM. */
  savingM: number;
  /** The saving in picker hours, at the scenario's mean picker speed. */
  savingHours: number;
}

/** A move of the proposal with its units and labour. */
export interface CostedMove {
  sku: string;
  from: string;
  to: string;
  units: number;
  /** Walk between the faces and back plus pick-up and drop handling, hours. */
  hours: number;
}

/** Mean walking speed (m/s) of a role's worker groups, weighted by head count (1.2 without any). */
export function roleSpeed(s: Scenario, role: string): number {
  const gs = s.workers.filter((g) => g.role === role);
  const n = gs.reduce((a, g) => a + g.count, 0);
  return n > 0 ? gs.reduce((a, g) => a + g.count * g.speed, 0) / n : 1.2;
}

/**
 * Routes every observed order (its picks' bins in one tour from the depot and back, by the
 * scenario's routing heuristic) as it was picked, and with each pick from an item's old face
 * taken from its proposed face instead: the travel the re-slot would have saved on this history.
 */
export function estimateTravel(
  s: Scenario,
  layout: Layout,
  travel: TravelModel,
  picks: readonly PickLine[],
  p: SlottingProposal,
): TravelEstimate {
  const byCode = new Map(layout.bins.map((b) => [b.code, b]));
  const moved = new Map(p.moves.map((m) => [`${m.sku}@${m.from}`, m.to]));
  const orders = new Map<string, { now: Set<string>; then: Set<string> }>();
  for (const k of picks) {
    let o = orders.get(k.order);
    if (!o) orders.set(k.order, (o = { now: new Set(), then: new Set() }));
    o.now.add(k.bin);
    o.then.add(moved.get(`${k.sku}@${k.bin}`) ?? k.bin);
  }
  const walk = (codes: Set<string>): number => {
    const stops = [...codes].map((c, task) => {
      const b = byCode.get(c);
      if (!b) throw new Error(`pick history: bin ${c} is not in the scenario's layout`);
      return { task, x: b.x, y: b.y, legM: 0 };
    });
    const t = travel.route(layout.depot, stops, layout.depot);
    return t.stops.reduce((a, x) => a + x.legM, 0) + t.backM;
  };
  let currentM = 0;
  let proposedM = 0;
  for (const o of orders.values()) {
    currentM += walk(o.now);
    proposedM += walk(o.then);
  }
  const savingM = currentM - proposedM;
  return {
    orders: orders.size,
    currentM,
    proposedM,
    savingM,
    savingHours: savingM / roleSpeed(s, 'picker') / 3600,
  };
}

/**
 * Labour of the moves: each is one trip of the item's face stock (`unitsOf`) from its old face
 * to its new one and back, at the replenishers' speed, plus the replenishment pick-up and drop
 * times (the scenario's means; the replenishment defaults when it has no replenishment block).
 */
export function costMoves(
  s: Scenario,
  layout: Layout,
  travel: TravelModel,
  p: SlottingProposal,
  unitsOf: (sku: string, bin: string) => number,
): CostedMove[] {
  const byCode = new Map(layout.bins.map((b) => [b.code, b]));
  // Without a replenishment block, its defaults: the same crew would do the moves.
  const r = s.replenishment ?? replenishmentSchema.parse({});
  const handleS = distributionMean(r.pickUpTime) + distributionMean(r.dropTime);
  const speed = roleSpeed(s, 'replenisher');
  return p.moves.map((m) => {
    const walkM = 2 * travel.distance(byCode.get(m.from)!, byCode.get(m.to)!);
    return { ...m, units: unitsOf(m.sku, m.from), hours: (walkM / speed + handleS) / 3600 };
  });
}
