import type { Job } from './job.ts';
import type { Worker } from './entities.ts';
import type { World } from './world.ts';
import type { JournalEventBody } from '../journal/journalEvent.ts';
import type { ActionHandler, EventHandler, Flow, WorkSource } from './defineFlow.ts';
import { allocateIds } from './flowIds.ts';

export type { ActionHandler, ActionOutcome, EventHandler, Flow, WorkSource } from './defineFlow.ts';

/** The merged tables of every registered flow. */
export interface FlowTables {
  flows: Flow[];
  /** Event handlers indexed by event kind (an array, not a Map: one indexed load per event). */
  events: (EventHandler | undefined)[];
  /** Step-action handlers indexed by action id. */
  actions: (ActionHandler | undefined)[];
  /** Step-action handlers for person-driven workers, indexed by action id (see Flow.personActions). */
  personActions: (ActionHandler | undefined)[];
  sources: Map<string, WorkSource[]>;
  jobDone: Map<string, (w: World, worker: Worker, job: Job) => void>;
  waveReleased: NonNullable<Flow['waveReleased']>[];
  emptyFace: NonNullable<Flow['emptyFace']>[];
  picked: NonNullable<Flow['picked']>[];
  countTrigger: NonNullable<Flow['countTrigger']>[];
  stockAvailable: NonNullable<Flow['stockAvailable']>[];
  posted: NonNullable<Flow['posted']>[];
  receiptStaged: NonNullable<Flow['receiptStaged']>[];
}

let tables: FlowTables | null = null;
const registered: Flow[] = [];

/**
 * Registers a flow (once per flow module, from a composition root such as allFlows.ts): numbers
 * its declared events and actions in registration order and checks that its work sources are
 * for roles it declares. Registering the same name again is a no-op.
 */
export function registerFlow(flow: Flow): void {
  if (registered.some((f) => f.name === flow.name)) return;
  const d = flow.handle.declaration;
  for (const s of flow.sources ?? []) {
    if (!(d.roles ?? []).includes(s.role))
      throw new Error(
        `flow ${flow.name} offers work to role ${s.role} but declares roles [${(d.roles ?? []).join(', ')}]`,
      );
  }
  flow.handle.assignIds(
    allocateIds(flow.name, 'event', d.events ?? []),
    allocateIds(flow.name, 'action', d.actions ?? []),
  );
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
    personActions: [],
    sources: new Map(),
    jobDone: new Map(),
    waveReleased: [],
    emptyFace: [],
    picked: [],
    countTrigger: [],
    stockAvailable: [],
    posted: [],
    receiptStaged: [],
  };
  for (const f of registered) {
    if (f.waveReleased) t.waveReleased.push(f.waveReleased);
    if (f.emptyFace) t.emptyFace.push(f.emptyFace);
    if (f.picked) t.picked.push(f.picked);
    if (f.countTrigger) t.countTrigger.push(f.countTrigger);
    if (f.stockAvailable) t.stockAvailable.push(f.stockAvailable);
    if (f.posted) t.posted.push(f.posted);
    if (f.receiptStaged) t.receiptStaged.push(f.receiptStaged);
    const ev: Record<string, EventHandler> = f.events ?? {};
    for (const name of f.handle.declaration.events ?? []) {
      const h = ev[name];
      if (!h) throw new Error(`flow ${f.name} declares event ${name} but has no handler for it`);
      setAt(t.events, f.handle.ev[name]!, h);
    }
    const act: Record<string, ActionHandler> = f.actions ?? {};
    for (const name of f.handle.declaration.actions ?? []) {
      const h = act[name];
      if (!h) throw new Error(`flow ${f.name} declares action ${name} but has no handler for it`);
      setAt(t.actions, f.handle.act[name]!, h);
    }
    for (const [qualified, h] of Object.entries(f.personActions ?? {})) {
      const [owner, action] = qualified.split('.');
      const id = registered.find((o) => o.name === owner)?.handle.act[action ?? ''] as number | undefined;
      if (id === undefined || id < 0)
        throw new Error(`flow ${f.name}: person action ${qualified} names no registered flow action`);
      setAt(t.personActions, id, h);
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
export function announceAvailable(w: World, e: JournalEventBody): void {
  // Consigned stock is a vendor-owned item's available stock: it may be allocated as well.
  if (e.statusTo !== 'available' && e.statusTo !== 'consigned') return;
  for (const f of flowTables().stockAvailable) f(w, e);
}

/** Asks every flow that counts to count a bin because of something seen on the floor. */
export function triggerCount(w: World, bin: number, reason: string): void {
  for (const f of flowTables().countTrigger) f(w, bin, reason);
}

/** Tells the flows that listen (`posted`) that a system transaction was posted. */
export function announcePosted(w: World, body: JournalEventBody): void {
  const hooks = flowTables().posted;
  for (let i = 0; i < hooks.length; i++) hooks[i]!(w, body);
}
