import type { Job, Step } from './job.ts';
import type { Worker } from './entities.ts';
import type { World } from './world.ts';
import type { JournalEvent } from '../journal/journalEvent.ts';

/** What a step action may answer: carry on, or wait inside the step until resumed. */
export type ActionOutcome = void | 'suspend';

/** Runs when a step's travel and work are done. */
export type ActionHandler = (w: World, worker: Worker, job: Job, step: Step) => ActionOutcome;

/** Offers a job to an idle worker of a role, or null. */
export interface WorkSource {
  role: string;
  /** Lower is asked first (a putaway driver looks for urgent replenishment before putaway). */
  priority: number;
  next: (w: World, worker: Worker) => Job | null;
}

/** A process of the warehouse (picking, receiving, replenishment …) and what it plugs in. */
export interface Flow {
  name: string;
  /** Future-event handlers by EventKind. */
  events?: Record<number, (w: World, a: number, b: number) => void>;
  /** Step actions by action id (ids are unique across flows: see StepAction). */
  actions?: Record<number, ActionHandler>;
  sources?: WorkSource[];
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
  /** This flow's KPI section (appears in kpis.json under the flow's name); null = none (flow inactive). */
  kpis?: (w: World) => Record<string, unknown> | null;
  /** Stock was taken from a bin by a pick (min-max replenishment checks here). */
  picked?: (w: World, bin: number, sku: string) => void;
  /** A journal event just posted made stock `available` somewhere (backorders re-allocate). */
  stockAvailable?: (w: World, e: JournalEvent) => void;
}

/** A future-event handler. */
export type EventHandler = (w: World, a: number, b: number) => void;

/** The merged tables of every registered flow. */
export interface FlowTables {
  flows: Flow[];
  /** Event handlers indexed by EventKind (an array, not a Map: one indexed load per event). */
  events: (EventHandler | undefined)[];
  /** Step-action handlers indexed by StepAction. */
  actions: (ActionHandler | undefined)[];
  sources: Map<string, WorkSource[]>;
  jobDone: Map<string, (w: World, worker: Worker, job: Job) => void>;
  waveReleased: NonNullable<Flow['waveReleased']>[];
  emptyFace: NonNullable<Flow['emptyFace']>[];
  picked: NonNullable<Flow['picked']>[];
  countTrigger: NonNullable<Flow['countTrigger']>[];
  stockAvailable: NonNullable<Flow['stockAvailable']>[];
}

let tables: FlowTables | null = null;
const registered: Flow[] = [];

/** Registers a flow (called once per flow module from allFlows.ts). */
export function registerFlow(flow: Flow): void {
  if (registered.some((f) => f.name === flow.name)) return;
  registered.push(flow);
  tables = null;
}

/** The merged tables, built on first use; duplicate kinds or actions are a programming error. */
export function flowTables(): FlowTables {
  if (tables) return tables;
  const t: FlowTables = {
    flows: [...registered],
    events: [],
    actions: [],
    sources: new Map(),
    jobDone: new Map(),
    waveReleased: [],
    emptyFace: [],
    picked: [],
    countTrigger: [],
    stockAvailable: [],
  };
  for (const f of registered) {
    if (f.waveReleased) t.waveReleased.push(f.waveReleased);
    if (f.emptyFace) t.emptyFace.push(f.emptyFace);
    if (f.picked) t.picked.push(f.picked);
    if (f.countTrigger) t.countTrigger.push(f.countTrigger);
    if (f.stockAvailable) t.stockAvailable.push(f.stockAvailable);
    for (const [k, h] of Object.entries(f.events ?? {})) {
      if (t.events[Number(k)]) throw new Error(`event kind ${k} handled twice (${f.name})`);
      setAt(t.events, Number(k), h);
    }
    for (const [k, h] of Object.entries(f.actions ?? {})) {
      if (t.actions[Number(k)]) throw new Error(`step action ${k} handled twice (${f.name})`);
      setAt(t.actions, Number(k), h);
    }
    for (const s of f.sources ?? []) {
      const list = t.sources.get(s.role) ?? [];
      list.push(s);
      list.sort((a, b) => a.priority - b.priority);
      t.sources.set(s.role, list);
    }
    for (const [k, h] of Object.entries(f.jobDone ?? {})) {
      if (t.jobDone.has(k)) throw new Error(`job kind ${k} completed by two flows (${f.name})`);
      t.jobDone.set(k, h);
    }
  }
  tables = t;
  return t;
}

/** Stores `h` at index `i`, filling the gap with undefined so the array stays packed (fast loads). */
function setAt<H>(list: (H | undefined)[], i: number, h: H): void {
  if (!Number.isInteger(i) || i < 0 || i > 1 << 16)
    throw new Error(`handler index ${i} is not a small integer`);
  while (list.length <= i) list.push(undefined);
  list[i] = h;
}

/** Tells the flows that a posted event made stock available (cheap when nobody listens). */
export function announceAvailable(w: World, e: JournalEvent): void {
  if (e.statusTo !== 'available') return;
  for (const f of flowTables().stockAvailable) f(w, e);
}

/** Asks every flow that counts to count a bin because of something seen on the floor. */
export function triggerCount(w: World, bin: number, reason: string): void {
  for (const f of flowTables().countTrigger) f(w, bin, reason);
}
