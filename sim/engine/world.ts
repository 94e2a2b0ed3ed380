import { EventQueue, type EventQueueState } from '../core/eventQueue.ts';
import { RandomStreams, type RandomStreamsState, type Rng } from '../random/randomStreams.ts';
import { sampler, type Sampler } from '../random/distribution.ts';
import { compileMachine, step, REJECTED, type CompiledMachine } from '../machines/compileMachine.ts';
import { orderMachine } from '../machines/orderMachine.ts';
import { pickTaskMachine } from '../machines/pickTaskMachine.ts';
import { Ledger, applyJournalEvent, type LedgerState } from '../inventory/ledger.ts';
import { makeJournalEvent, type JournalEvent, type JournalEventBody } from '../journal/journalEvent.ts';
import { newKpiAccumulator, type KpiAccumulator } from '../kpi/kpiAccumulator.ts';
import type { Scenario } from '../scenario/scenarioSchema.ts';
import { IntFifo } from '../core/intFifo.ts';
import type { Order, PickTask, Worker } from './entities.ts';
import type { SiteModel } from './siteModel.ts';

/** Snapshot schema version; bump with a migration when the saved shape changes. */
export const SNAPSHOT_SCHEMA_VERSION = 1;

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
  idlePickers: number[];
  system: LedgerState;
  physical: LedgerState;
  kpi: KpiAccumulator;
}

/** Id counters (ids come from counters, never from randomness or time). */
export interface Counters {
  order: number;
  task: number;
  tour: number;
  journal: number;
}

/** Where the journal goes: called once per committed event, in order. */
export type JournalSink = (e: JournalEvent) => void;

// Compiled once per process: the tables are pure functions of the machine definitions.
let tables: { order: CompiledMachine; pickTask: CompiledMachine } | null = null;
function machineTables(): { order: CompiledMachine; pickTask: CompiledMachine } {
  tables ??= { order: compileMachine(orderMachine), pickTask: compileMachine(pickTaskMachine) };
  return tables;
}

/**
 * The mutable state of one run and the primitives every process uses: the clock, the event
 * queue, random streams, lifecycle steps and the journal. Process logic lives in the flow
 * modules (orderFlow, pickFlow); this class only holds and saves state.
 */
export class World {
  now = 0;
  eventsProcessed = 0;
  readonly queue: EventQueue;
  readonly random: RandomStreams;
  readonly counters: Counters;
  readonly orders = new Map<number, Order>();
  readonly tasks = new Map<number, PickTask>();
  /** Released orders waiting for a picker, FIFO. */
  readonly released: IntFifo;
  readonly workers: Worker[];
  /** Idle pickers, longest idle first. */
  readonly idlePickers: IntFifo;
  /** Event numbers of the compiled machines, looked up once. */
  readonly E: ReturnType<typeof eventIds>;
  readonly system: Ledger;
  readonly physical: Ledger;
  readonly kpi: KpiAccumulator;
  readonly machines = machineTables();
  readonly journalOn: boolean;
  readonly tracked: boolean;
  readonly travelOn: boolean;
  readonly rng: { arrivals: Rng; lines: Rng; service: Rng };
  readonly sample: {
    linesPerOrder: Sampler;
    unitsPerLine: Sampler;
    serviceSec: Sampler;
    tourOverheadSec: Sampler;
  };

  constructor(
    readonly scenario: Scenario,
    readonly site: SiteModel,
    readonly seed: string,
    private readonly sink: JournalSink | undefined,
    saved?: EngineSnapshot,
  ) {
    this.E = eventIds(this.machines);
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
    };
    if (saved) {
      this.now = saved.now;
      this.eventsProcessed = saved.eventsProcessed;
      this.counters = { ...saved.counters };
      this.queue = EventQueue.restore(saved.queue);
      for (const o of saved.orders) this.orders.set(o.id, structuredClone(o));
      for (const t of saved.tasks) this.tasks.set(t.id, { ...t });
      this.released = new IntFifo(saved.released);
      this.workers = saved.workers.map((w) => structuredClone(w));
      this.idlePickers = new IntFifo(saved.idlePickers);
      this.system = Ledger.restore(saved.system);
      this.physical = Ledger.restore(saved.physical);
      this.kpi = structuredClone(saved.kpi);
    } else {
      this.counters = { order: 0, task: 0, tour: 0, journal: 0 };
      this.queue = new EventQueue();
      this.workers = site.workers.map((w) => ({ ...w }));
      this.released = new IntFifo();
      this.idlePickers = new IntFifo(this.workers.filter((w) => w.role === 'picker').map((w) => w.index));
      this.system = new Ledger();
      this.physical = new Ledger();
      this.kpi = newKpiAccumulator();
    }
  }

  /** Appends a system transaction: journal sink, then the system ledger (and, for now, the physical one). */
  commit(body: JournalEventBody): void {
    const e = makeJournalEvent(++this.counters.journal, this.now, body);
    applyJournalEvent(this.system, e);
    // Until exceptions exist every system move is also a physical move; the exception layer
    // is where the two ledgers will part.
    applyJournalEvent(this.physical, e);
    this.sink?.(e);
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

  /** Steps a pick task's lifecycle; throws on an illegal step. */
  taskStep(t: PickTask, event: number): void {
    const n = step(this.machines.pickTask, t.state, event);
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
      counters: { ...this.counters },
      queue: this.queue.state(),
      random: this.random.state(),
      orders: [...this.orders.values()].map((o) => structuredClone(o)),
      tasks: [...this.tasks.values()].map((t) => ({ ...t })),
      released: this.released.toArray(),
      workers: this.workers.map((w) => structuredClone(w)),
      idlePickers: this.idlePickers.toArray(),
      system: this.system.state(),
      physical: this.physical.state(),
      kpi: structuredClone(this.kpi),
    };
  }
}

/** Event numbers used on hot paths, resolved once from the compiled tables. */
function eventIds(m: { order: CompiledMachine; pickTask: CompiledMachine }) {
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
    taskAssigned: p('task.assigned'),
    taskTravelStarted: p('task.travelStarted'),
    taskArrived: p('task.arrived'),
    taskBinScanned: p('task.binScanned'),
    taskPicked: p('task.picked'),
    taskShortPicked: p('task.shortPicked'),
  };
}
