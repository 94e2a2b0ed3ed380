import type { ZodType } from 'zod';
import type { Job, Step } from './job.ts';
import type { Worker } from './entities.ts';
import type { World } from './world.ts';
import type { JournalEventBody } from '../journal/journalEvent.ts';

/** What holds flow state: a World (or a test double with the same `flow` record). */
export interface FlowHost {
  readonly flow: Record<string, unknown>;
}

/** What a step action may answer: carry on, or wait inside the step until resumed. */
export type ActionOutcome = void | 'suspend';

/** Runs when a step's travel and work are done. */
export type ActionHandler = (w: World, worker: Worker, job: Job, step: Step) => ActionOutcome;

/** A future-event handler. */
export type EventHandler = (w: World, a: number, b: number) => void;

/** Offers a job to an idle worker of a role, or null. */
export interface WorkSource {
  role: string;
  /** Lower is asked first (a putaway driver looks for urgent replenishment before putaway). */
  priority: number;
  next: (w: World, worker: Worker) => Job | null;
}

/** One open task of a flow at a bin, as the bin inspector lists it. */
export interface BinTaskRow {
  id: string;
  kind: string;
  state: string;
  worker: string | null;
}

/** Who works a task: by job kind and document id (the view builds it once per inspection). */
export type WorkerOf = (kind: string, id: number | string) => string | null;

/** What a flow adds to the views, so sim/view never reads a flow's state by key. */
export interface FlowView {
  /** The flow's open tasks at bin `bin` (index), for the bin inspector. */
  binTasks?: (w: World, bin: number, workerOf: WorkerOf) => BinTaskRow[];
  /** Marks bins on the floor view: `mark(bin, flag)` ORs a BinFlag bit into the bin's status. */
  binFlags?: (w: World, mark: (bin: number, flag: number) => void) => void;
}

/** Everything a flow declares about itself, besides its handlers (see defineFlow). */
export interface FlowDeclaration<S, E extends string, A extends string> {
  /** Unique name: the key of its state slice, its KPI section and its ids in the id table. */
  name: string;
  /** A fresh state slice (plain JSON: it is saved in snapshots as `flow[name]`); none if omitted. */
  state?: () => S;
  /** Names of the future events it schedules and handles (numbered at registration). */
  events?: readonly E[];
  /** Names of the job-step actions it runs (numbered at registration). */
  actions?: readonly A[];
  /** Roles it offers work to; every work source must be for one of them. */
  roles?: readonly string[];
  /** Its section of the scenario: the key and the zod schema (composed in scenarioSchema.ts). */
  schema?: { key: string; section: ZodType };
}

/** What a flow plugs into the engine (the handlers behind its declaration). */
export interface FlowImplementation<E extends string, A extends string> {
  /** Future-event handlers, one per declared event. */
  events?: { [K in E]: EventHandler };
  /** Step actions, one per declared action. */
  actions?: { [K in A]: ActionHandler };
  sources?: WorkSource[];
  /**
   * Step actions run instead of another flow's when the worker is driven by a person, keyed
   * `flow.action` (`picking.pickArrive`): they usually step the chart to where the person's
   * entries are taken and suspend the worker until those come (sim/flows/handheld).
   */
  personActions?: Record<string, ActionHandler>;
  /** Job completion hooks by job kind. */
  jobDone?: Record<string, (w: World, worker: Worker, job: Job) => void>;
  /** Time 0: schedule first events, set up state. */
  start?: (w: World) => void;
  /** A wave was released (for wave-demand replenishment). */
  waveReleased?: (w: World, orderIds: readonly number[]) => void;
  /**
   * A picker found less stock at a face than the task needs. Return true if stock is on its
   * way (the picker waits; the flow must call resumeWorker later), false to short-pick now.
   */
  emptyFace?: (w: World, worker: Worker, bin: number, sku: string) => boolean;
  /** A floor event asks for a count of a bin ('short-pick', 'zero-stock', 'shortfall'). */
  countTrigger?: (w: World, bin: number, reason: string) => void;
  /** This flow's KPI section (kpis.json, under the flow's name); null = none (flow inactive). */
  kpis?: (w: World) => Record<string, unknown> | null;
  /** Stock was taken from a bin by a pick (min-max replenishment checks here). */
  picked?: (w: World, bin: number, sku: string) => void;
  /**
   * A posting just made stock `available` somewhere (backorders re-allocate): the journal event,
   * or with the journal off its body (no event object is built for it).
   */
  stockAvailable?: (w: World, e: JournalEventBody) => void;
  /**
   * A system transaction was just posted to both ledgers (journal on or off; a count's
   * correction excepted): a flow that follows another's documents (returns of shipped lines,
   * QC rejects) listens here instead of the other flow calling it.
   */
  posted?: (w: World, body: JournalEventBody) => void;
  /**
   * A receipt's goods were staged (after QC, when held) and are about to get putaway tasks: a
   * flow may take units off its lines first (cross-dock), which putaway then leaves alone.
   */
  receiptStaged?: (w: World, receipt: number) => void;
  /** Its contributions to the bin inspector and the floor view. */
  view?: FlowView;
}

/** A flow as registered: its handle (declaration and ids) and its handlers. */
export interface Flow extends FlowImplementation<string, string> {
  name: string;
  // Any handle: a flow's own state type does not matter to the registry.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  handle: FlowHandle<any, string, string>;
}

/**
 * A flow's typed handle: its state slice and the numbers of its events and actions. Readers
 * anywhere (views, KPIs, reports) use it instead of `w.flow['name'] as T`.
 */
export interface FlowHandle<S, E extends string, A extends string> {
  readonly name: string;
  readonly declaration: FlowDeclaration<S, E, A>;
  /** The flow's state in `w`, created on first use. */
  state(w: FlowHost): S;
  /** The flow's state in `w`, or undefined if nothing created it yet (readers that must not). */
  peek(w: FlowHost): S | undefined;
  /** Removes the slice (a one-shot hand-over read once, like the opening purchasing pipeline). */
  clear(w: FlowHost): void;
  /** Event kind numbers by name (valid once the flow is registered; -1 before). */
  readonly ev: Readonly<Record<E, number>>;
  /** Step action numbers by name (valid once the flow is registered; -1 before). */
  readonly act: Readonly<Record<A, number>>;
  /** This flow's handlers, ready to register. */
  flow(impl: FlowImplementation<E, A>): Flow;
  /** Called by the registry once the ids are allocated. */
  assignIds(events: readonly number[], actions: readonly number[]): void;
}

/**
 * Declares a flow module: its name, typed state slice, events, step actions, roles and scenario
 * section. The returned handle reads the state (`handle.state(w)`) and names the ids
 * (`handle.ev.x`, `handle.act.y`); `handle.flow({...})` adds the handlers for the composition
 * root to register. Declaring is separate from implementing so a flow's files can share the
 * handle without importing the file that wires the handlers (no import circles).
 */
export function defineFlow<S = undefined, const E extends string = never, const A extends string = never>(
  decl: FlowDeclaration<S, E, A>,
): FlowHandle<S, E, A> {
  const key = decl.name;
  const make = decl.state;
  const eventNames = decl.events ?? [];
  const actionNames = decl.actions ?? [];
  const ev = {} as Record<E, number>;
  const act = {} as Record<A, number>;
  for (const n of eventNames) ev[n] = -1;
  for (const n of actionNames) act[n] = -1;
  const handle: FlowHandle<S, E, A> = {
    name: key,
    declaration: decl,
    state(w) {
      const s = w.flow[key];
      if (s !== undefined) return s as S;
      if (!make) throw new Error(`flow ${key} declares no state`);
      const fresh = make();
      w.flow[key] = fresh;
      return fresh;
    },
    peek: (w) => w.flow[key] as S | undefined,
    clear(w) {
      delete w.flow[key];
    },
    ev,
    act,
    flow: (impl) => ({ ...impl, name: key, handle }),
    assignIds(events, actions) {
      eventNames.forEach((n, i) => (ev[n] = events[i]!));
      actionNames.forEach((n, i) => (act[n] = actions[i]!));
    },
  };
  return handle;
}
