import type { CompiledMachine } from '../machines/compileMachine.ts';
import type { JournalEventBody } from '../journal/journalEvent.ts';
import type { PhysicalChange, TruthBody } from './truthRecord.ts';

/**
 * A kind of document with a lifecycle (order, pick task, receipt, putaway task, replenishment,
 * count): its compiled statechart and the name errors use.
 */
export interface Lifecycle {
  /** Document name in messages ("order", "putaway task" …). */
  readonly doc: string;
  readonly machine: CompiledMachine;
}

/** A document whose `state` is an index into its lifecycle's compiled table. */
export interface LifecycleDoc {
  readonly id: number;
  state: number;
}

/**
 * Post a system transaction: journal, system ledger, and the floor (physical ledger) as told;
 * what the floor lacks is logged as a consequence (see applyEffects).
 */
export interface PostEffect {
  kind: 'post';
  body: JournalEventBody;
}

/** Correct the system to what the floor holds (a count adjustment): journal and system ledger only. */
export interface CorrectEffect {
  kind: 'correct';
  body: JournalEventBody;
}

/**
 * One lifecycle step of a document and the journal event that documents it, as one effect: the
 * step is taken, and only if the chart accepts it is `body` posted (null: a step the journal
 * does not record, or the journal is off). `mask`: the chart's guards that hold. With `truth`,
 * the floor does other than the body books: it is posted as a TruthEffect with `changes`.
 */
export interface StepEffect {
  kind: 'step';
  life: Lifecycle;
  doc: LifecycleDoc;
  event: number;
  mask: number;
  body: JournalEventBody | null;
  changes: PhysicalChange[] | null;
  truth: TruthBody | null;
}

/**
 * The floor does other than the system books: `body` (null = the system books nothing) goes to
 * the journal and system ledger, `changes` to the physical ledger, the difference to the truth log.
 */
export interface TruthEffect {
  kind: 'truth';
  body: JournalEventBody | null;
  changes: PhysicalChange[];
  truth: TruthBody;
}

/** A gap a system posting made with nothing physical happening (a miscount): truth log only. */
export interface AttributeEffect {
  kind: 'attribute';
  delta: PhysicalChange[];
  truth: TruthBody;
}

/** A future event on the queue: at `at` ms, same-time `priority`, of `event` kind, arguments a and b. */
export interface ScheduleEffect {
  kind: 'schedule';
  at: number;
  priority: number;
  event: number;
  a: number;
  b: number;
}

/**
 * Everything a flow handler does to the run besides its own state: the effects one interpreter
 * (applyEffects.ts) applies. Alerts are not an effect of their own: the alert feed is derived
 * from the posted journal events' catalogue level and from state (sim/view/projection.ts).
 */
export type Effect = PostEffect | CorrectEffect | StepEffect | TruthEffect | AttributeEffect | ScheduleEffect;

/** The kinds of effect. */
export type EffectKind = Effect['kind'];

// Placeholders of the reusable records: never applied, since a record is filled before use.
const NO_BODY: JournalEventBody = { type: 'order.created', site: '' };
const NO_TRUTH: TruthBody = { cause: 'consequence', bin: '', sku: '' };
const NO_LIFE: Lifecycle = { doc: '', machine: null as unknown as CompiledMachine };
const NO_DOC: LifecycleDoc = { id: -1, state: -1 };

/**
 * One reusable record per effect kind, owned by the world: the emit helpers fill one and hand
 * it to the interpreter, so a hot path allocates no effect objects. The interpreter reads a
 * record's fields before applying it, so an effect a hook emits meanwhile may refill it. Not
 * saved state: a record holds nothing between two effects.
 */
export class EffectRecords {
  readonly post: PostEffect = { kind: 'post', body: NO_BODY };
  readonly correct: CorrectEffect = { kind: 'correct', body: NO_BODY };
  readonly step: StepEffect = {
    kind: 'step',
    life: NO_LIFE,
    doc: NO_DOC,
    event: -1,
    mask: 0,
    body: null,
    changes: null,
    truth: null,
  };
  readonly truth: TruthEffect = { kind: 'truth', body: null, changes: [], truth: NO_TRUTH };
  readonly attribute: AttributeEffect = { kind: 'attribute', delta: [], truth: NO_TRUTH };
  readonly schedule: ScheduleEffect = { kind: 'schedule', at: 0, priority: 0, event: 0, a: 0, b: 0 };
  /** How many effects are being applied right now (nested: a posting's hooks emit more). */
  applying = 0;
  /**
   * Journal event objects the interpreter built (derived, never saved): with the journal off a
   * posting builds none, and tests pin that, since one per posting was a large run's garbage.
   */
  eventsBuilt = 0;
  /**
   * Watches every lifecycle step (tests and debugging: which chart event left which state);
   * called after the step with the state it left. Null in runs: one branch per step.
   */
  stepWatch: ((e: StepEffect, from: number) => void) | null = null;
}
