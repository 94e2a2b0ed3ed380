import { stepEdge } from '../machines/compileMachine.ts';
import { applyJournalEvent } from '../inventory/ledger.ts';
import { applyPhysically, physicalStatus } from '../inventory/physicalStatus.ts';
import { makeJournalEvent, type JournalEvent, type JournalEventBody } from '../journal/journalEvent.ts';
import type { PhysicalChange, TruthBody, TruthEvent } from './truthRecord.ts';
import type { Effect, Lifecycle, LifecycleDoc, StepEffect } from './effect.ts';
import type { World } from './world.ts';
import { tallyTruth, trimTruthLog, unitCostOf } from './truthTally.ts';
import { retentionOf } from '../scenario/retentionSchema.ts';

/**
 * The one interpreter of effects (effect.ts): every journal line, ledger posting, lifecycle
 * step, truth event and schedule a flow makes goes through here. Each effect is applied when it
 * is emitted, in order, because handlers read back what they post (allocation takes the next
 * bin from the ledger it just allocated from; a truth event cites the id of its posting) and a
 * posting's hooks (stock available → backorders) run inside it, as the journal order requires.
 * Returns the posted journal event's id, if the effect posted one.
 */
export function applyEffect(w: World, e: Effect): string | undefined {
  w.fx.applying++;
  try {
    switch (e.kind) {
      case 'post':
        return postCommit(w, e.body);
      case 'correct':
        return postSystem(w, e.body);
      case 'step':
        applyStep(w, e);
        return undefined;
      case 'truth':
        return diverge(w, e.body, e.changes, e.truth);
      case 'attribute':
        logTruth(w, [], e.delta, e.truth);
        return undefined;
      case 'schedule':
        w.queue.push(e.at, e.priority, e.event, e.a, e.b);
        return undefined;
    }
  } finally {
    w.fx.applying--;
  }
}

/** Applies a list of effects in order (tests, and handlers that build a batch); returns the ids posted. */
export function applyEffects(w: World, effects: readonly Effect[]): (string | undefined)[] {
  return effects.map((e) => applyEffect(w, e));
}

// Emit helpers: each fills the world's reusable record of its kind (no allocation) and applies it.

/** Posts a system transaction (journal, system ledger, floor); returns the event id. */
export function post(w: World, body: JournalEventBody): string {
  const r = w.fx.post;
  r.body = body;
  return applyEffect(w, r)!;
}

/** Posts a correction of the system only (count adjustment); returns the event id. */
export function correct(w: World, body: JournalEventBody): string {
  const r = w.fx.correct;
  r.body = body;
  return applyEffect(w, r)!;
}

/**
 * Steps a document's lifecycle and, only if the step is legal, posts its journal event (`body`,
 * null for none). An illegal step is a programming error: it throws, naming document and event,
 * and posts nothing. With `t` (and `changes`), the floor does other than `body` books: posted as
 * truth() would. Returns the chart edge taken (its actions: `life.machine.edgeActions[edge]`).
 */
export function stepDoc(
  w: World,
  life: Lifecycle,
  doc: LifecycleDoc,
  event: number,
  body: JournalEventBody | null = null,
  mask = 0,
  changes: PhysicalChange[] | null = null,
  t: TruthBody | null = null,
): number {
  // A step with nothing to post runs nothing that could re-enter: the table step is the whole
  // effect, taken at once without filling the record (the mmc hot path's ten steps a customer),
  // unless a watcher (stepWatch) wants to see every step.
  if (body === null && w.fx.stepWatch === null) return takeStep(life, doc, event, mask);
  const r = w.fx.step;
  r.life = life;
  r.doc = doc;
  r.event = event;
  r.mask = mask;
  r.body = body;
  r.changes = changes;
  r.truth = t;
  w.fx.applying++;
  try {
    return applyStep(w, r);
  } finally {
    w.fx.applying--;
  }
}

/** A step effect: the step, then its journal event if it has one; returns the edge taken. */
function applyStep(w: World, e: StepEffect): number {
  const body = e.body;
  const t = e.truth;
  const changes = e.changes;
  const from = e.doc.state;
  const edge = takeStep(e.life, e.doc, e.event, e.mask, body);
  if (w.fx.stepWatch !== null) w.fx.stepWatch(e, from);
  // No `?? []` on the plain path: a step per event must not allocate.
  if (body && t) diverge(w, body, changes ?? [], t);
  else if (body) postCommit(w, body);
  return edge;
}

/** The floor does other than the system books (see TruthEffect); returns the posting's id, if any. */
export function truth(
  w: World,
  body: JournalEventBody | null,
  changes: PhysicalChange[],
  t: TruthBody,
): string | undefined {
  const r = w.fx.truth;
  r.body = body;
  r.changes = changes;
  r.truth = t;
  return applyEffect(w, r);
}

/** Attributes a gap a system posting made with nothing physical happening (a miscount). */
export function attribute(w: World, delta: PhysicalChange[], t: TruthBody): void {
  const r = w.fx.attribute;
  r.delta = delta;
  r.truth = t;
  applyEffect(w, r);
}

/** Schedules a future event (see ScheduleEffect). */
export function schedule(w: World, at: number, priority: number, event: number, a = 0, b = 0): void {
  const r = w.fx.schedule;
  r.at = at;
  r.priority = priority;
  r.event = event;
  r.a = a;
  r.b = b;
  applyEffect(w, r);
}

/**
 * One table step of a document's chart, no journal: throws, naming the document and event, when
 * the chart does not accept it (`body`, when given, is named as the event left unposted).
 * Returns the edge taken (its actions are `life.machine.edgeActions[edge]`).
 */
export function takeStep(
  life: Lifecycle,
  doc: LifecycleDoc,
  event: number,
  mask = 0,
  body: JournalEventBody | null = null,
): number {
  const m = life.machine;
  const edge = stepEdge(m, doc.state, event, mask);
  if (edge < 0) {
    const unposted = body ? ` (journal event ${body.type} not posted)` : '';
    throw new Error(
      `${life.doc} ${doc.id}: ${m.events[event]} not accepted in ${m.states[doc.state]}${unposted}`,
    );
  }
  doc.state = m.edgeTarget[edge]!;
  return edge;
}

/**
 * Appends a system transaction to the journal and the system ledger, and carries it out on the
 * floor (the physical ledger) as told. If the floor holds less than the move takes (an earlier
 * exception), only what is there moves, and the shortfall is logged as a consequence so the
 * truth log keeps explaining the whole gap.
 */
function postCommit(w: World, body: JournalEventBody): string {
  const seq = ++w.counters.journal;
  const posted = w.hooks.tally(w, body);
  // Journal off: nobody keeps the event, so the ledgers and the stock-available hook read the
  // body itself (the hook reads only body fields) and no event is built; ids still count.
  const journaled = w.journalOn ? built(w, makeJournalEvent(seq, w.now, posted)) : null;
  const e = journaled ?? posted;
  const id = journaled ? journaled.id : `E${seq}`;
  applyJournalEvent(w.system, e);
  const missing = applyPhysically(w.physical, e);
  if (journaled) w.sink?.(journaled);
  // Consigned stock is sellable too (a vendor-owned item's available stock).
  if (e.statusTo === 'available' || e.statusTo === 'consigned') w.hooks.stockAvailable(w, e);
  if (missing > 0) {
    w.kpi.physicalShortfalls++;
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
    const binIndex = w.site.binIndex.get(e.bin!);
    if (binIndex !== undefined) w.hooks.countTrigger(w, binIndex, 'shortfall');
    logTruth(w, [], delta, {
      cause: 'consequence',
      bin: e.bin!,
      sku: e.sku!,
      lot,
      ref: id,
      note: `${missing} of ${e.baseQty} not there to move`,
    });
  }
  w.hooks.posted(w, posted);
  return id;
}

/** Journal and system ledger only: nothing physical moves (it closes part of a known gap). */
function postSystem(w: World, body: JournalEventBody): string {
  const seq = ++w.counters.journal;
  // Journal off: the body posts itself, as in postCommit.
  const journaled = w.journalOn ? built(w, makeJournalEvent(seq, w.now, body)) : null;
  const e = journaled ?? body;
  applyJournalEvent(w.system, e);
  if (journaled) w.sink?.(journaled);
  w.hooks.stockAvailable(w, e);
  return journaled ? journaled.id : `E${seq}`;
}

/** `body` to journal and system ledger, `changes` to the floor, the difference to the truth log. */
function diverge(
  w: World,
  body: JournalEventBody | null,
  changes: PhysicalChange[],
  truth: TruthBody,
): string | undefined {
  let ref: string | undefined;
  const delta = new Map<string, PhysicalChange>();
  const add = (c: PhysicalChange, sign: number): void => {
    const status = physicalStatus(c.status);
    const key = `${c.bin}\u0001${c.sku}\u0001${c.lot}\u0001${status}`;
    const d = delta.get(key);
    if (d) d.delta += sign * c.delta;
    else delta.set(key, { bin: c.bin, sku: c.sku, lot: c.lot, status, delta: sign * c.delta });
  };
  let posted: JournalEventBody | null = null;
  if (body) {
    posted = w.hooks.tally(w, body);
    const seq = ++w.counters.journal;
    const journaled = w.journalOn ? built(w, makeJournalEvent(seq, w.now, posted)) : null;
    const e = journaled ?? posted;
    applyJournalEvent(w.system, e);
    if (journaled) w.sink?.(journaled);
    ref = journaled ? journaled.id : `E${seq}`;
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
    w.physical.add(c.bin, c.sku, c.lot, c.status, c.delta);
    add(c, 1);
  }
  const net = [...delta.values()].filter((d) => d.delta !== 0);
  logTruth(w, physical, net, { ...truth, ref: truth.ref ?? ref });
  if (posted) w.hooks.posted(w, posted);
  return ref;
}

/** Counts an event object the interpreter built (`fx.eventsBuilt`). */
function built(w: World, e: JournalEvent): JournalEvent {
  w.fx.eventsBuilt++;
  return e;
}

function logTruth(w: World, changes: PhysicalChange[], delta: PhysicalChange[], body: TruthBody): void {
  // A trainer's armed injection is used up by the exception really happening, not by a chance.
  if (body.cause !== 'consequence') w.hooks.exceptionHappened(w, body.cause, body.worker?.code);
  const seq = ++w.counters.truth;
  const e: TruthEvent = {
    id: `T${seq}`,
    seq,
    t: w.now,
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
  if (body.cause === 'unscannedMove') w.kpi.scan.unscannedMoves++;
  tallyTruth(w.truthTally, e, unitCostOf(w.site));
  trimTruthLog(w.truthTally, w.truth, retentionOf(w.scenario).truthEvents);
  w.truth.push(e);
  w.truthSink?.(e);
}
