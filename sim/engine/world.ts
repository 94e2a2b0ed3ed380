import { EventQueue, type EventQueueState } from '../core/eventQueue.ts';
import { IntFifo } from '../core/intFifo.ts';
import { IntMap } from '../core/intMap.ts';
import { RecordPool } from '../core/recordPool.ts';
import { RandomStreams, type RandomStreamsState, type Rng } from '../random/randomStreams.ts';
import { sampler, type Sampler } from '../random/distribution.ts';
import { compileMachine, step, REJECTED, type CompiledMachine } from '../machines/compileMachine.ts';
import { machineFingerprints } from '../machines/machineFingerprints.ts';
import { orderMachine } from '../machines/orderMachine.ts';
import { pickTaskMachine } from '../machines/pickTaskMachine.ts';
import { Ledger, applyJournalEvent, type LedgerState } from '../inventory/ledger.ts';
import { applyPhysically, physicalStatus } from '../inventory/physicalStatus.ts';
import { makeJournalEvent, type JournalEvent, type JournalEventBody } from '../journal/journalEvent.ts';
import { newKpiAccumulator, type KpiAccumulator } from '../kpi/kpiAccumulator.ts';
import type { Scenario } from '../scenario/scenarioSchema.ts';
import type { PhysicalChange, TruthBody, TruthEvent } from '../exceptions/truthEvent.ts';
import { blankOrder, blankPickTask, type Order, type PickTask, type Worker } from './entities.ts';
import { blankPickTour, type Job } from './job.ts';
import type { SiteModel } from './siteModel.ts';
import { ShiftCalendar } from './shiftCalendar.ts';
import { createResources, type ResourcePool } from './resourcePool.ts';

/**
 * Snapshot schema version; bump it when the saved shape changes, with an entry in
 * SNAPSHOT_MIGRATIONS (or the reason there is none in SNAPSHOT_UNMIGRATABLE). v4: `machines`.
 */
export const SNAPSHOT_SCHEMA_VERSION = 4;

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
  orders: Order[];
  tasks: PickTask[];
  released: number[];
  workers: Worker[];
  idle: number[];
  resources: Record<string, ResourcePool>;
  flow: Record<string, unknown>;
  system: LedgerState;
  physical: LedgerState;
  kpi: KpiAccumulator;
  /** Every exception injected so far (the truth log's attribution, kept for variance analysis). */
  truth: TruthEvent[];
  /**
   * Fingerprint of every lifecycle statechart of the build that wrote it, by machine id: the
   * saved state numbers (orders, tasks, flow documents) are indices into those charts' tables.
   */
  machines: Record<string, string>;
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
  /** An exception of this cause really happened (uses up an armed injection of it). */
  exceptionHappened(w: World, cause: string): void;
  /** A committed event made stock available. */
  stockAvailable(w: World, e: JournalEvent): void;
  /** Something seen on the floor asks for a count of a bin. */
  countTrigger(w: World, bin: number, reason: string): void;
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

/**
 * The mutable state of one run and the primitives every flow uses: the clock, the event queue,
 * random streams, lifecycle steps, workers, resources and the journal. Process logic lives in
 * the flows; this class only holds and saves state.
 */
export class World {
  now = 0;
  eventsProcessed = 0;
  readonly queue: EventQueue;
  readonly random: RandomStreams;
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
  readonly kpi: KpiAccumulator;
  /** Exceptions injected so far, oldest first. */
  readonly truth: TruthEvent[];
  readonly machines = machineTables();
  /** The KPI, exception and flow callbacks (see WorldHooks), fixed when the world is built. */
  private readonly hooks = worldHooks();
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
    private readonly sink: JournalSink | undefined,
    saved?: EngineSnapshot,
    private readonly truthSink?: TruthSink,
  ) {
    this.E = eventIds(this.machines);
    this.shifts = new ShiftCalendar(scenario.shifts);
    this.journalOn = sink !== undefined;
    this.tracked = scenario.inventory.mode === 'tracked';
    this.travelOn = scenario.picking.travel === 'aisles';
    this.random = new RandomStreams(seed, saved?.random);
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
      this.system = Ledger.restore(saved.system);
      this.physical = Ledger.restore(saved.physical);
      this.kpi = structuredClone(saved.kpi);
      this.truth = structuredClone(saved.truth);
    } else {
      this.counters = { order: 0, task: 0, job: 0, journal: 0, truth: 0, docs: {} };
      this.queue = new EventQueue();
      this.workers = site.workers.map((w) => structuredClone(w));
      this.idle = new IntFifo();
      this.resources = createResources(scenario.resources);
      this.flow = {};
      this.released = new IntFifo();
      this.system = new Ledger();
      this.physical = new Ledger();
      this.kpi = newKpiAccumulator();
      this.truth = [];
    }
  }

  /** Next number of a per-flow document counter. */
  nextDoc(kind: string): number {
    const n = (this.counters.docs[kind] ?? 0) + 1;
    this.counters.docs[kind] = n;
    return n;
  }

  /**
   * Appends a system transaction to the journal and the system ledger, and carries it out on the
   * floor (the physical ledger) as told. If the floor holds less than the move takes (an earlier
   * exception), only what is there moves, and the shortfall is logged as a consequence so the
   * truth log keeps explaining the whole gap. Returns the event id.
   */
  commit(body: JournalEventBody): string {
    const seq = ++this.counters.journal;
    const posted = this.tally(body);
    // Journal off: nobody keeps the event, so the ledgers post from the body itself and an event
    // is built only for the stock-available hook (the only events it acts on); ids still count.
    const journaled = this.journalOn ? makeJournalEvent(seq, this.now, posted) : null;
    const e = journaled ?? posted;
    const id = journaled ? journaled.id : `E${seq}`;
    applyJournalEvent(this.system, e);
    const missing = applyPhysically(this.physical, e);
    if (journaled) this.sink?.(journaled);
    if (journaled || e.statusTo === 'available')
      this.hooks.stockAvailable(this, journaled ?? makeJournalEvent(seq, this.now, posted));
    if (missing > 0) {
      this.kpi.physicalShortfalls++;
      const from = physicalStatus(e.statusFrom!);
      const lot = e.lot ?? '';
      const delta: PhysicalChange[] = [{ bin: e.bin!, sku: e.sku!, lot, status: from, delta: missing }];
      if (e.statusTo !== undefined) {
        delta.push({
          bin: e.toBin ?? e.bin!,
          sku: e.sku!,
          lot,
          status: physicalStatus(e.statusTo),
          delta: -missing,
        });
      }
      const binIndex = this.site.binIndex.get(e.bin!);
      if (binIndex !== undefined) this.hooks.countTrigger(this, binIndex, 'shortfall');
      this.logTruth([], delta, {
        cause: 'consequence',
        bin: e.bin!,
        sku: e.sku!,
        lot,
        ref: id,
        note: `${missing} of ${e.baseQty} not there to move`,
      });
    }
    return id;
  }

  /**
   * A transaction the system books one way while the floor does another: `body` goes to the
   * journal and the system ledger only (null when the system books nothing), `changes` to the
   * physical ledger, and the difference to the truth log with its attribution.
   */
  diverge(body: JournalEventBody | null, changes: PhysicalChange[], truth: TruthBody): string | undefined {
    let ref: string | undefined;
    const delta = new Map<string, PhysicalChange>();
    const add = (c: PhysicalChange, sign: number): void => {
      const status = physicalStatus(c.status);
      const key = `${c.bin}\u0001${c.sku}\u0001${c.lot}\u0001${status}`;
      const d = delta.get(key);
      if (d) d.delta += sign * c.delta;
      else delta.set(key, { bin: c.bin, sku: c.sku, lot: c.lot, status, delta: sign * c.delta });
    };
    if (body) {
      const e = makeJournalEvent(++this.counters.journal, this.now, this.tally(body));
      applyJournalEvent(this.system, e);
      this.sink?.(e);
      ref = e.id;
      if (e.baseQty !== undefined && e.sku !== undefined) {
        const lot = e.lot ?? '';
        if (e.statusFrom !== undefined)
          add({ bin: e.bin!, sku: e.sku, lot, status: e.statusFrom, delta: -e.baseQty }, -1);
        if (e.statusTo !== undefined)
          add({ bin: e.toBin ?? e.bin!, sku: e.sku, lot, status: e.statusTo, delta: e.baseQty }, -1);
      }
    }
    const physical = changes.map((c) => ({ ...c, status: physicalStatus(c.status) }));
    for (const c of physical) {
      this.physical.add(c.bin, c.sku, c.lot, c.status, c.delta);
      add(c, 1);
    }
    const net = [...delta.values()].filter((d) => d.delta !== 0);
    this.logTruth(physical, net, { ...truth, ref: truth.ref ?? ref });
    return ref;
  }

  /**
   * A correction of the system to what the floor really holds (a count adjustment): journal and
   * system ledger only. It closes part of the gap the truth log opened; nothing physical moves.
   */
  commitSystem(body: JournalEventBody): string {
    const e = makeJournalEvent(++this.counters.journal, this.now, body);
    applyJournalEvent(this.system, e);
    this.sink?.(e);
    this.hooks.stockAvailable(this, e);
    return e.id;
  }

  /** Scan-compliance bookkeeping of an event about to be committed (may mark a scan as keyed). */
  private tally(body: JournalEventBody): JournalEventBody {
    return this.hooks.tally(this, body);
  }

  /** Physical-only happening with no system transaction (shrink, an unscanned move). */
  physicalOnly(changes: PhysicalChange[], truth: TruthBody): void {
    this.diverge(null, changes, truth);
  }

  /**
   * A gap a system posting made with nothing physical happening (a count that posted a
   * miscount): logged with its attribution, `delta` the physical − system it leaves behind.
   */
  attribute(delta: PhysicalChange[], truth: TruthBody): void {
    this.logTruth([], delta, truth);
  }

  private logTruth(changes: PhysicalChange[], delta: PhysicalChange[], body: TruthBody): void {
    // A trainer's armed injection is used up by the exception really happening, not by a chance.
    if (body.cause !== 'consequence') this.hooks.exceptionHappened(this, body.cause);
    const seq = ++this.counters.truth;
    const e: TruthEvent = {
      id: `T${seq}`,
      seq,
      t: this.now,
      cause: body.cause,
      bin: body.bin,
      sku: body.sku,
      changes,
      delta,
    };
    if (body.of !== undefined) e.of = body.of;
    if (body.worker) {
      e.worker = body.worker.code;
      e.role = body.worker.role;
      if (body.worker.shift !== null) e.shift = body.worker.shift;
    }
    if (body.lot) e.lot = body.lot;
    if (body.ref !== undefined) e.ref = body.ref;
    if (body.note !== undefined) e.note = body.note;
    if (body.supplier !== undefined) e.supplier = body.supplier;
    if (body.cause === 'unscannedMove') this.kpi.scan.unscannedMoves++;
    this.truth.push(e);
    this.truthSink?.(e);
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

  /** Steps an order's lifecycle; an illegal step is an engine bug, so it throws. */
  orderStep(o: Order, event: number): void {
    const n = step(this.machines.order, o.state, event);
    if (n === REJECTED) {
      throw new Error(
        `order ${o.id}: ${this.machines.order.events[event]} not accepted in ${this.machines.order.states[o.state]}`,
      );
    }
    o.state = n;
  }

  /** Steps a pick task's lifecycle; throws on an illegal step. `mask`: the chart's guards that hold. */
  taskStep(t: PickTask, event: number, mask = 0): void {
    const n = step(this.machines.pickTask, t.state, event, mask);
    if (n === REJECTED) {
      throw new Error(
        `pick task ${t.id}: ${this.machines.pickTask.events[event]} not accepted in ${this.machines.pickTask.states[t.state]}`,
      );
    }
    t.state = n;
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
      orders: this.orders.values().map((o) => structuredClone(o)),
      tasks: this.tasks.values().map((t) => ({ ...t })),
      released: this.released.toArray(),
      workers: this.workers.map((w) => structuredClone(w)),
      idle: this.idle.toArray(),
      resources: structuredClone(this.resources),
      flow: structuredClone(this.flow),
      system: this.system.state(),
      physical: this.physical.state(),
      kpi: structuredClone(this.kpi),
      truth: structuredClone(this.truth),
      machines: machineFingerprints(),
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
