import type { Scenario } from '../scenario/scenarioSchema.ts';
import type { Item } from '../items/types.ts';
import type { Layout, Point } from '../layout/types.ts';
import type { Rng } from '../random/randomStreams.ts';
import type { Worker } from './entities.ts';
import type { TourStop } from './travelModel.ts';
import { createAliasSampler } from '../items/aliasSampler.ts';
import { arrivalProfile } from './arrivalProfile.ts';
import { RandomStreams } from '../random/randomStreams.ts';
import { sampler } from '../random/distribution.ts';
import { buildLayout, binIndexByCode } from '../layout/buildLayout.ts';
import { buildItems } from '../items/buildItems.ts';
import { slotItems } from './slotting.ts';
import { routingGeometryFromLayout } from '../routing/routingGeometry.ts';
import { createTravelModel, type RoutedTour, type TravelModel } from './travelModel.ts';

/**
 * The static part of a run, derived from the scenario alone (never saved in snapshots: it is
 * rebuilt identically from the scenario and seed): layout, item master, workers' starting
 * state, routing, and the arrival profile.
 */
export interface SiteModel {
  name: string;
  layout: Layout | null;
  items: Item[];
  binIndex: Map<string, number>;
  depot: Point;
  /** Code of the location picked goods are taken to (the pack station). */
  packBin: string;
  /** Where packers work. */
  packPoint: Point;
  workers: Worker[];
  /** Forward pick face per item index, -1 when the item is picked from reserve. */
  forwardBinOf: Int32Array;
  /** Draws an item index by demand weight. */
  sampleItem(rng: Rng): number;
  /** May stock in this bin (by code) be allocated to orders? Storage bins only, not docks or staging. */
  pickable(binCode: string): boolean;
  /** Lower is picked from first: pick faces before reserve. */
  pickPreference(bin: number): number;
  /** Pick-face position of a bin. */
  binPoint(bin: number): Point;
  /** Walking distance along aisles and cross aisles, metres. */
  distance(from: Point, to: Point): number;
  /** Visiting order and legs for a tour's stops, from `start` to `end` (the depot by default). */
  routeStops(start: Point, stops: TourStop[], end?: Point): RoutedTour;
  /** Relative arrival rate at time t (mean 1 over a week) and its peak. */
  profileAt(t: number): number;
  profilePeak: number;
}

/**
 * Builds the static site model of a scenario. `siteSeed` (default: the run's seed) draws the
 * generated site, item master and slotting; `itemSeed` (default: `siteSeed`) the item master alone.
 */
export function buildSiteModel(
  scenario: Scenario,
  seed: string,
  itemSeed?: string,
  siteSeed: string = seed,
): SiteModel {
  // The item master draws from its own stream, created fresh here, so it is the same whether a
  // run starts from zero or resumes from a snapshot.
  const staticRng = new RandomStreams(seed);
  const siteRng = siteSeed === seed ? staticRng : new RandomStreams(siteSeed);
  itemSeed ??= siteSeed;
  const layout = scenario.layout === undefined ? null : buildLayout(scenario.layout);
  const items =
    scenario.items === undefined
      ? [defaultItem()]
      : // The sites of a network share one item master: drawn from the network's seed, not the site's.
        buildItems(
          scenario.items,
          (itemSeed === siteSeed ? siteRng : new RandomStreams(itemSeed)).stream('items'),
        );
  const name = layout?.site ?? 'SITE';
  const depot = layout?.depot ?? { x: 0, y: 0 };
  const binIndex = layout ? binIndexByCode(layout) : new Map<string, number>();
  const packBin =
    layout?.bins.find((b) => b.zone && layout.zones.find((z) => z.id === b.zone)?.kind === 'pack')?.code ??
    'PACK';
  const alias = createAliasSampler(items.map((i) => i.demandWeight));
  const profile = arrivalProfile(scenario.demand.arrivals);
  const travel: TravelModel | null = layout ? createTravelModel(layout, scenario.picking.routing) : null;
  const forwardBinOf = layout
    ? slotItems(
        layout,
        items,
        routingGeometryFromLayout(layout),
        depot,
        scenario.stock.slotting,
        siteRng.stream('slotting'),
        scenario.stock.faces,
      )
    : new Int32Array(items.length).fill(-1);
  const workers: Worker[] = [];
  const people = scenario.people;
  const personal = staticRng.stream('workers');
  const speedFactor = sampler(people.speedFactor);
  const taskFactor = sampler(people.taskFactor);
  scenario.workers.forEach((g, group) => {
    const prefix = g.prefix ?? g.role.slice(0, 4);
    for (let i = 0; i < g.count; i++) {
      // Rounded so the snapshot's JSON carries the exact factor the run uses; floored because a
      // distribution reaching 0 would mean a worker who never arrives or never finishes.
      const sf = round4(Math.max(0.1, speedFactor(personal)));
      const tf = round4(Math.max(0.1, taskFactor(personal)));
      workers.push({
        index: workers.length,
        code: `${prefix}-${String(i + 1).padStart(2, '0')}`,
        role: g.role,
        group,
        speed: g.speed * sf,
        speedFactor: sf,
        taskFactor: tf,
        device: `${people.devicePrefix}-${String(workers.length + 1).padStart(3, '0')}`,
        breakOffsetMs: 0,
        zone: g.zone ?? null,
        shift: g.shift ?? null,
        x: depot.x,
        y: depot.y,
        fromX: depot.x,
        fromY: depot.y,
        moveStart: 0,
        moveEnd: 0,
        job: null,
        onShift: false,
        onBreak: false,
        leavePending: -1,
        suspended: false,
        idleSince: 0,
        paidSince: -1,
        busySince: -1,
        stats: { travelMs: 0, workMs: {}, distanceM: 0, paidMs: 0, busyMs: 0, jobs: {}, linesPicked: 0 },
      });
    }
  });
  staggerBreaks(workers, people.breakStaggerMinutes);
  const typeRank: Record<string, number> = { forward: 0, floor: 1, reserve: 2 };
  return {
    name,
    layout,
    items,
    binIndex,
    depot,
    packBin,
    packPoint: layout?.bins[binIndex.get(packBin) ?? -1] ?? depot,
    workers,
    forwardBinOf,
    sampleItem: (rng) => alias.sample(rng),
    pickable: (code) => {
      const i = binIndex.get(code);
      if (i === undefined) return false;
      const t = layout!.bins[i]!.type;
      return t === 'forward' || t === 'reserve' || t === 'floor';
    },
    pickPreference: (bin) => typeRank[layout!.bins[bin]!.type] ?? 3,
    binPoint: (bin) => layout!.bins[bin]!,
    distance: (a, b) => (travel ? travel.distance(a, b) : 0),
    routeStops: (start, stops, end) =>
      travel ? travel.route(start, stops, end ?? depot) : { stops, backM: 0, backVia: [] },
    profileAt: profile.at,
    profilePeak: profile.peak,
  };
}

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

/**
 * Spreads each shift's breaks evenly over a window centred on the scheduled break (whole
 * minutes), so the floor keeps moving. Workers are ranked by their place within their own role
 * first, so every role is spread too: the two receivers of a shift do not go together while
 * the pickers take turns.
 */
function staggerBreaks(workers: Worker[], windowMinutes: number): void {
  const byShift = new Map<string, Worker[]>();
  for (const w of workers) {
    if (w.shift === null) continue;
    const g = byShift.get(w.shift);
    if (g) g.push(w);
    else byShift.set(w.shift, [w]);
  }
  for (const shift of byShift.values()) {
    const roleSize = new Map<string, number>();
    for (const w of shift) roleSize.set(w.role, (roleSize.get(w.role) ?? 0) + 1);
    const seen = new Map<string, number>();
    const place = new Map<Worker, number>();
    for (const w of shift) {
      const k = seen.get(w.role) ?? 0;
      seen.set(w.role, k + 1);
      place.set(w, (k + 0.5) / roleSize.get(w.role)!);
    }
    const ranked = [...shift].sort((a, b) => place.get(a)! - place.get(b)! || a.index - b.index);
    ranked.forEach((w, r) => {
      const minutes = Math.round(((r + 0.5) / ranked.length - 0.5) * windowMinutes);
      w.breakOffsetMs = minutes * 60_000;
    });
  }
}

/** The single anonymous item of a queueing scenario without an item master. */
function defaultItem(): Item {
  return {
    index: 0,
    sku: 'ITEM',
    description: 'generic item',
    family: 'generic',
    uoms: [
      { uom: 'EA', factor: 1, gtin: '00000000000000', lengthCm: 10, widthCm: 10, heightCm: 10, weightKg: 1 },
    ],
    baseUom: 'EA',
    lotControlled: false,
    shelfLifeDays: null,
    serialControlled: false,
    temperature: 'ambient',
    hazard: null,
    velocityClass: 'A',
    unitCost: 1,
    demandWeight: 1,
  };
}
