import { EventQueue, type EventQueueState } from '../core/eventQueue.ts';
import { IntFifo } from '../core/intFifo.ts';
import { IntMap } from '../core/intMap.ts';
import { RecordPool } from '../core/recordPool.ts';
import { RandomStreams, type RandomStreamsState, type Rng } from '../random/randomStreams.ts';
import { sampler, type Sampler } from '../random/distribution.ts';
import { compileMachine, type CompiledMachine } from '../machines/compileMachine.ts';
import { machineFingerprints } from '../machines/machineFingerprints.ts';
import { flowIdTable } from './flowIds.ts';
import { orderMachine } from '../machines/orderMachine.ts';
import { pickTaskMachine } from '../machines/pickTaskMachine.ts';
import { Ledger, type LedgerKeys, type LedgerState } from '../inventory/ledger.ts';
import type { JournalEvent, JournalEventBody } from '../journal/journalEvent.ts';
import type { KpiStore, WorldKpi, WorldKpiState } from './worldKpi.ts';
import type { Scenario } from '../scenario/scenarioSchema.ts';
import type { TruthEvent } from './truthRecord.ts';
import {
  newTruthTally,
  rebuildTruthTally,
  unitCostOf,
  type TracedCount,
  type TruthTallyState,
} from './truthTally.ts';
import { EffectRecords, type Lifecycle } from './effect.ts';
import { blankOrder, blankPickTask, type Order, type PickTask, type Worker } from './entities.ts';
import { blankPickTour, type Job } from './job.ts';
import type { SiteModel } from './siteModel.ts';
import { ShiftCalendar } from './shiftCalendar.ts';
import { createResources, type ResourcePool } from './resourcePool.ts';

/**
 * Snapshot schema version; bump it when the saved shape changes, with an entry in
 * SNAPSHOT_MIGRATIONS (or the reason there is none in SNAPSHOT_UNMIGRATABLE). v4: `machines`;
 * v5: `flowIds`.
 */
export const SNAPSHOT_SCHEMA_VERSION = 5;

/** Everything needed to resume a run exactly: plain JSON. */
export interface EngineSnapshot {
  schemaVersion: number;
  scenario: string;
  seed: string;
  now: number;
  eventsProcessed: number;
  counters: Counters;
  queue: EventQueueState;
  random: RandomStreamsState;
  /**
   * What streams first drawn after a fork derive from (`<seed>-fork-<r>`, sim/forecast/); absent
   * on every run that was never forked, where they derive from `seed`.
   */
  streamSeed?: string;
  orders: Order[];
  tasks: PickTask[];
  released: number[];
  workers: Worker[];
  idle: number[];
  resources: Record<string, ResourcePool>;
  flow: Record<string, unknown>;
  system: LedgerState;
  physical: LedgerState;
  kpi: WorldKpiState;
  /** Every exception injected so far (the truth log's attribution, kept for variance analysis). */
  truth: TruthEvent[];
  /** Running aggregates of the whole truth log (truthTally.ts); absent in snapshots that predate it. */
  truthTally?: TruthTallyState;
  /**
   * Fingerprint of every lifecycle statechart of the build that wrote it, by machine id: the
   * saved state numbers (orders, tasks, flow documents) are indices into those charts' tables.
   */
  machines: Record<string, string>;
  /**
   * The numbering of flow event kinds and step actions of the build that wrote it (flowIds.ts):
   * the queued events and saved job steps carry those numbers.
   */
  flowIds: Record<string, number>;
}

/** Id counters (ids come from counters, never from randomness or time). */
export interface Counters {
  order: number;
  task: number;
  job: number;
  journal: number;
  truth: number;
  /** Per-flow document counters (receipt, putaway task, replenishment, count …). */
  docs: Record<string, number>;
}

/** Where the journal goes: called once per committed event, in order. */
export type JournalSink = (e: JournalEvent) => void;

/** Where the truth log goes: physical-only happenings, in order. */
export type TruthSink = (e: TruthEvent) => void;

/**
 * What the world calls out to while it commits: scan-compliance tallying (KPIs), a trainer's
 * armed injection used up (exceptions), stock made available and a count asked for (flows).
 * The engine only declares them; the composition root (registerAllFlows) plugs the KPI,
 * exception and flow implementations in, so sim/engine imports none of those (issue 12).
 */
export interface WorldHooks {
  /** Scan-compliance bookkeeping of an event about to be committed (may mark a scan as keyed). */
  tally(w: World, body: JournalEventBody): JournalEventBody;
  /** An exception of this cause really happened, by `worker` if known (uses up an armed injection of it). */
  exceptionHappened(w: World, cause: string, worker?: string): void;
  /** A committed event made stock available (the event, or its body when the journal is off). */
  stockAvailable(w: World, e: JournalEventBody): void;
  /** Something seen on the floor asks for a count of a bin. */
  countTrigger(w: World, bin: number, reason: string): void;
  /** A system transaction was posted to both ledgers (flows following other flows' documents). */
  posted(w: World, body: JournalEventBody): void;
  /** Makes, saves and restores the world's KPI counters (the KPI layer's accumulator). */
  kpi: KpiStore;
}

let hooks: WorldHooks | null = null;

/** Installs the hooks every world calls (the composition root does, before building a world). */
export function setWorldHooks(h: WorldHooks): void {
  hooks = h;
}

function worldHooks(): WorldHooks {
  if (!hooks)
    throw new Error('world hooks not installed: build worlds through createEngine or registerAllFlows');
  return hooks;
}

/** The compiled order and pick-task machines. */
export interface CoreTables {
  order: CompiledMachine;
  pickTask: CompiledMachine;
}

// Compiled once per process: the tables are pure functions of the machine definitions.
let tables: CoreTables | null = null;
function machineTables(): CoreTables {
  tables ??= { order: compileMachine(orderMachine), pickTask: compileMachine(pickTaskMachine) };
  return tables;
}

/** The order and pick-task lifecycles (what a step effect names), built once per process. */
let lifecycles: { order: Lifecycle; pickTask: Lifecycle } | null = null;
function coreLifecycles(m: CoreTables): { order: Lifecycle; pickTask: Lifecycle } {
  lifecycles ??= {
    order: { doc: 'order', machine: m.order },
    pickTask: { doc: 'pick task', machine: m.pickTask },
  };
  return lifecycles;
}

/**
 * The mutable state of one run: the clock, the event queue, random streams, workers, resources,
 * ledgers and the journal's sinks. Process logic lives in the flows, which change it through
 * effects applied by the one interpreter (applyEffects.ts); this class only holds and saves state.
 */
export class World {
  now = 0;
  eventsProcessed = 0;
  readonly queue: EventQueue;
  readonly random: RandomStreams;
  /** What new random streams derive from: the seed, or the fork's seed after a forecast fork. */
  readonly streamSeed: string;
  readonly counters: Counters;
  /** Orders in flight by id (an integer map: see IntMap for why not a Map). */
  readonly orders = new IntMap<Order>();
  /** Pick tasks in flight by id. */
  readonly tasks = new IntMap<PickTask>();
  /**
   * Dead orders, pick tasks and pick-tour jobs for reuse (see RecordPool: not saved state,
   * since every field is overwritten when a record is taken).
   */
  readonly pools = {
    order: new RecordPool<Order>(blankOrder),
    task: new RecordPool<PickTask>(blankPickTask),
    pickTour: new RecordPool<Job>(blankPickTour),
  };
  /** Released orders waiting to be picked, FIFO. */
  readonly released: IntFifo;
  readonly workers: Worker[];
  /** Free workers (on shift, no job, not on break), longest idle first. */
  readonly idle: IntFifo;
  readonly resources: Record<string, ResourcePool>;
  /** Per-flow state, plain JSON, keyed by flow name. */
  readonly flow: Record<string, unknown>;
  readonly system: Ledger;
  readonly physical: Ledger;
  readonly kpi: WorldKpi;
  /** Exceptions injected so far, oldest first: the newest `retention.truthEvents` (older ones are in truthTally and on disk). */
  readonly truth: TruthEvent[];
  /** Exact aggregates of every truth event of the run (the KPIs read these, not the window). */
  readonly truthTally: TruthTallyState;
  readonly machines = machineTables();
  /** Lifecycles of orders and pick tasks, for step effects (applyEffects.ts stepDoc). */
  readonly life = coreLifecycles(this.machines);
  /** The reusable effect records the interpreter (applyEffects.ts) applies; not saved state. */
  readonly fx = new EffectRecords();
  /** The KPI, exception and flow callbacks (see WorldHooks), fixed when the world is built; the interpreter calls them. */
  readonly hooks = worldHooks();
  readonly E: ReturnType<typeof eventIds>;
  readonly shifts: ShiftCalendar;
  readonly journalOn: boolean;
  readonly tracked: boolean;
  readonly travelOn: boolean;
  readonly rng: { arrivals: Rng; lines: Rng; service: Rng };
  readonly sample: {
    linesPerOrder: Sampler;
    unitsPerLine: Sampler;
    serviceSec: Sampler;
    tourOverheadSec: Sampler;
    sortSec: Sampler;
    reachSec: Sampler;
  };
  /** Re-entrancy guard of dispatch(). */
  dispatching = false;
  dispatchAgain = false;

  constructor(
    readonly scenario: Scenario,
    readonly site: SiteModel,
    readonly seed: string,
    /** Where the interpreter writes journal events (undefined: the journal is off). */
    readonly sink: JournalSink | undefined,
    saved?: EngineSnapshot,
    /** Where the interpreter writes truth events. */
    readonly truthSink?: TruthSink,
  ) {
    this.E = eventIds(this.machines);
    this.shifts = new ShiftCalendar(scenario.shifts);
    this.journalOn = sink !== undefined;
    this.tracked = scenario.inventory.mode === 'tracked';
    this.travelOn = scenario.picking.travel === 'aisles';
    this.streamSeed = saved?.streamSeed ?? seed;
    this.random = new RandomStreams(this.streamSeed, saved?.random);
    this.rng = {
      arrivals: this.random.stream('arrivals'),
      lines: this.random.stream('lines'),
      service: this.random.stream('service'),
    };
    this.sample = {
      linesPerOrder: sampler(scenario.demand.linesPerOrder),
      unitsPerLine: sampler(scenario.demand.unitsPerLine),
      serviceSec: sampler(scenario.picking.serviceTime),
      tourOverheadSec: sampler(scenario.picking.tourOverhead),
      sortSec: sampler(scenario.picking.sortTime),
      reachSec: sampler(scenario.picking.reach.time),
    };
    // Both ledgers hand their listeners the site's bin and item indexes (derived, never saved).
    const keys: LedgerKeys = {
      bins: site.binIndex,
      skus: new Map(site.items.map((i) => [i.sku, i.index])),
    };
    if (saved) {
      this.now = saved.now;
      this.eventsProcessed = saved.eventsProcessed;
      this.counters = structuredClone(saved.counters);
      this.queue = EventQueue.restore(saved.queue);
      for (const o of saved.orders) this.orders.set(o.id, structuredClone(o));
      for (const t of saved.tasks) this.tasks.set(t.id, { ...t });
      this.released = new IntFifo(saved.released);
      this.workers = saved.workers.map((w) => structuredClone(w));
      this.idle = new IntFifo(saved.idle);
      this.resources = structuredClone(saved.resources);
      this.flow = structuredClone(saved.flow);
      this.system = Ledger.restore(saved.system, keys);
      this.physical = Ledger.restore(saved.physical, keys);
      this.kpi = this.hooks.kpi.restore(saved.kpi);
      this.truth = structuredClone(saved.truth);
      this.truthTally = saved.truthTally
        ? structuredClone(saved.truthTally)
        : rebuildTruthTally(this.truth, savedFirstCounts(saved.flow), unitCostOf(site));
    } else {
      this.counters = { order: 0, task: 0, job: 0, journal: 0, truth: 0, docs: {} };
      this.queue = new EventQueue();
      this.workers = site.workers.map((w) => structuredClone(w));
      this.idle = new IntFifo();
      this.resources = createResources(scenario.resources);
      this.flow = {};
      this.released = new IntFifo();
      this.system = new Ledger(keys);
      this.physical = new Ledger(keys);
      this.kpi = this.hooks.kpi.create();
      this.truth = [];
      this.truthTally = newTruthTally();
    }
  }

  /** Next number of a per-flow document counter. */
  nextDoc(kind: string): number {
    const n = (this.counters.docs[kind] ?? 0) + 1;
    this.counters.docs[kind] = n;
    return n;
  }

  /** An order is finished (shipped or cancelled): it leaves the in-flight map for the pool. */
  dropOrder(o: Order): void {
    this.orders.delete(o.id);
    this.pools.order.give(o);
  }

  /** A pick task is finished: it leaves the in-flight map for the pool. */
  dropTask(t: PickTask): void {
    this.tasks.delete(t.id);
    this.pools.task.give(t);
  }

  /** Plain JSON snapshot of the whole run. */
  snapshot(): EngineSnapshot {
    return {
      schemaVersion: SNAPSHOT_SCHEMA_VERSION,
      scenario: this.scenario.name,
      seed: this.seed,
      now: this.now,
      eventsProcessed: this.eventsProcessed,
      counters: structuredClone(this.counters),
      queue: this.queue.state(),
      random: this.random.state(),
      ...(this.streamSeed === this.seed ? {} : { streamSeed: this.streamSeed }),
      orders: this.orders.values().map((o) => structuredClone(o)),
      tasks: this.tasks.values().map((t) => ({ ...t })),
      released: this.released.toArray(),
      workers: this.workers.map((w) => structuredClone(w)),
      idle: this.idle.toArray(),
      resources: structuredClone(this.resources),
      flow: structuredClone(this.flow),
      system: this.system.state(),
      physical: this.physical.state(),
      kpi: this.hooks.kpi.save(this.kpi),
      truth: structuredClone(this.truth),
      truthTally: structuredClone(this.truthTally),
      machines: machineFingerprints(),
      flowIds: flowIdTable(),
    };
  }
}

/** Event numbers used on hot paths, resolved once from the compiled tables. */
function eventIds(m: CoreTables) {
  const o = (t: string) => m.order.event(t);
  const p = (t: string) => m.pickTask.event(t);
  return {
    orderAllocated: o('order.allocated'),
    orderBackordered: o('order.backordered'),
    orderReleased: o('order.released'),
    orderPickStarted: o('order.pickStarted'),
    orderPicked: o('order.picked'),
    orderPacked: o('order.packed'),
    orderShipped: o('order.shipped'),
    orderShortShipped: o('order.shortShipped'),
    orderCancelled: o('order.cancelled'),
    taskAssigned: p('task.assigned'),
    taskTravelStarted: p('task.travelStarted'),
    taskArrived: p('task.arrived'),
    taskBinScanned: p('task.binScanned'),
    taskItemScanned: p('task.itemScanned'),
    taskQtyConfirmed: p('task.qtyConfirmed'),
    /** Guard mask of task.qtyConfirmed when the quantity taken is the full line (the chart's fullQuantity). */
    taskFullQuantity: 1 << m.pickTask.guard('fullQuantity'),
    taskWaitStock: p('task.waitStock'),
    taskStockArrived: p('task.stockArrived'),
    taskPicked: p('task.picked'),
    taskWaitingState: m.pickTask.state('"waitingStock"'),
    taskShortPicked: p('task.shortPicked'),
  };
}

/**
 * The first-count lines of a snapshot saved before the truth tally existed (the counting flow's
 * plain JSON state; read loosely so the engine does not import the flow): the tally is rebuilt
 * from them and the truth log, which then held every record.
 */
function savedFirstCounts(flow: Record<string, unknown>): TracedCount[] {
  const records = (flow['counting'] as { records?: unknown } | undefined)?.records;
  if (!Array.isArray(records)) return [];
  return (
    records as {
      first: boolean;
      count: string;
      t: number;
      bin: string;
      sku: string;
      countedQty: number;
      systemQty: number;
    }[]
  )
    .filter((r) => r.first)
    .map((r) => ({ count: r.count, t: r.t, bin: r.bin, sku: r.sku, variance: r.countedQty - r.systemQty }));
}
