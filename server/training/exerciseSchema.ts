import { z } from 'zod';
import { INJECTABLE_CAUSES } from '../../sim/viewApi.ts';
import { TRAINEE_ROLES } from './trainingTypes.ts';

// The exercise file (`scenarios/exercises/*.json`, issue 14): a scenario to run, who is wanted,
// what the trainees should achieve, scripted cues and how they are scored.

/** An exercise name: its file's name without `.json` (no dots or slashes, so no path). */
export const EXERCISE_NAME = /^[a-z0-9-]{1,60}$/;

/**
 * An exercise name as every edge takes one (a session's exercise, a saved exercise's name, the
 * file's own `name`): a `.` is refused in words of its own, since "a.b" or "x.json" looks like a
 * file name and would otherwise fail later as a missing file.
 */
export const exerciseName = z
  .string()
  .regex(/^[^.]*$/, "an exercise name has no '.' (it is the file name without .json)")
  .regex(EXERCISE_NAME, '1–60 lower-case letters, digits and dashes');

/** Causes a cue or a trainer can arm into one trainee's next task (the transaction-bound ones). */
export const TASK_CAUSES = INJECTABLE_CAUSES.filter((c) => c.timing === 'next-chance').map((c) => c.cause);

/** Task machines a trainee drives, with the journal events that finish one of their tasks. */
export const TASK_DONE_EVENTS: Readonly<Record<string, readonly string[]>> = {
  pickTask: ['pick.confirmed', 'pick.short'],
  putawayTask: ['putaway.confirmed'],
  receipt: ['receipt.lineReceived', 'receipt.lineRejected'],
  replenishmentTask: ['replenishment.confirmed', 'replenishment.closedShort'],
  // A count ends for its counter when posted (an event per SKU/lot line: one task) or sent to a
  // recount by another counter (out of tolerance).
  cycleCount: ['count.posted', 'count.outOfTolerance'],
};

/** The task machine a trainee of each role drives. */
export const MACHINE_OF_ROLE: Readonly<Record<(typeof TRAINEE_ROLES)[number], string>> = {
  receiver: 'receipt',
  putaway: 'putawayTask',
  picker: 'pickTask',
  replenisher: 'replenishmentTask',
  counter: 'cycleCount',
};

/** Every journal type that finishes a trainee's task. */
export const ALL_TASK_DONE_TYPES: ReadonlySet<string> = new Set(Object.values(TASK_DONE_EVENTS).flat());

/** Who a cue is about: every trainee of a role (each on their own), or one trainee by id (`T1`). */
const whoSchema = z.union([z.enum(TRAINEE_ROLES), z.string().regex(/^T[1-9]\d*$/, 'a trainee id like T1')]);

const triggerSchema = z.discriminatedUnion('kind', [
  /** At a sim time: minutes after the exercise started. */
  z.strictObject({ kind: z.literal('at'), minutes: z.number().nonnegative() }),
  /** When the trainee has finished `count` tasks (any machine, or one). */
  z.strictObject({
    kind: z.literal('tasksDone'),
    who: whoSchema,
    count: z.number().int().positive(),
    machine: z.enum(Object.keys(TASK_DONE_EVENTS) as [string, ...string[]]).optional(),
  }),
  /** When the trainee's worker has `count` journal events of one type. */
  z.strictObject({
    kind: z.literal('journalCount'),
    who: whoSchema,
    type: z.string().regex(/^[a-z]+\.[a-zA-Z]+$/, 'a journal type like pick.confirmed'),
    count: z.number().int().positive(),
  }),
]);

const actionSchema = z.discriminatedUnion('kind', [
  /** Arms a transaction-bound exception for the trainee's worker's next chance. */
  z.strictObject({
    kind: z.literal('inject'),
    cause: z.enum(TASK_CAUSES as [string, ...string[]]),
    who: whoSchema.optional(),
  }),
  /** Starts a wave now (the orders waiting for the next wave are released; wave scenarios only). */
  // `who` is accepted for the cue engine's targeting (whom the firing is logged for); the floor
  // change itself is the whole floor's.
  z.strictObject({ kind: z.literal('wave'), who: whoSchema.optional() }),
  /** Locks (or, with `unlock`, opens) an aisle such as `A-03` for everyone but counters. */
  z.strictObject({
    kind: z.literal('lockAisle'),
    aisle: z.string().regex(/^[A-Za-z]+-\d{2}$/, 'an aisle code like A-03'),
    unlock: z.boolean().default(false),
    who: whoSchema.optional(),
  }),
  /** A message on the trainee's handheld (or every trainee's, without `who`). */
  z.strictObject({
    kind: z.literal('message'),
    text: z.string().min(1).max(280),
    who: whoSchema.optional(),
  }),
]);

/** One scripted cue: when it fires and what it does (once per trainee it matches). */
export const cueSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'lower-case letters, digits and dashes'),
  when: triggerSchema,
  do: actionSchema,
});

/** Weights of the score's parts (each part scores 0–1; the score is their weighted mean × 100). */
const weightsSchema = z.strictObject({
  throughput: z.number().nonnegative().default(1),
  pace: z.number().nonnegative().default(1),
  scanCompliance: z.number().nonnegative().default(1),
  accuracy: z.number().nonnegative().default(1),
  exceptions: z.number().nonnegative().default(2),
  ledger: z.number().nonnegative().default(2),
});

/** A training exercise as validated: scenario, start, people wanted, cues, scoring. */
export const exerciseSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    name: exerciseName,
    title: z.string().min(1).max(120),
    description: z.string().max(2000).default(''),
    /** A library scenario name. */
    scenario: z.string().min(1),
    /** Merged over the scenario key by key (arrays and values replace), then validated with it. */
    overrides: z.record(z.string(), z.unknown()).default({}),
    /** Where the run starts: sim minutes from the scenario's start, or a saved rewind point. */
    start: z
      .strictObject({
        minutes: z.number().nonnegative().default(0),
        /**
         * A saved start state: a checkpoint file (a recorded session's rewind point) inside the
         * exercise's folder, relative to it (`snapshots/<name>.json`); the class starts at its
         * sim time with its ledgers (later, if `minutes` says so).
         */
        snapshot: z.string().min(1).optional(),
      })
      .default({ minutes: 0 }),
    /** Sim speed; 1 = real time, the training default. */
    speed: z.number().positive().max(600).default(1),
    roles: z
      .array(z.strictObject({ role: z.enum(TRAINEE_ROLES), count: z.number().int().positive().max(20) }))
      .min(1),
    objectives: z.array(z.string().min(1).max(280)).min(1),
    /** Engineered standard minutes per task, per task machine (the pace part measures against it). */
    standards: z.partialRecord(
      z.enum(Object.keys(TASK_DONE_EVENTS) as [string, ...string[]]),
      z.number().positive(),
    ),
    /** Tasks a trainee should finish for a full throughput part. */
    targetTasks: z.number().int().positive().default(10),
    /** Ledger gap (base units, |physical − system| a trainee opened) at which the ledger part is 0. */
    gapTolerance: z.number().positive().default(10),
    /** Handheld exits that count as declaring an injected cause (catching it), per cause. */
    catchExits: z
      .partialRecord(z.enum(TASK_CAUSES as [string, ...string[]]), z.array(z.string().min(1)).min(1))
      .default({}),
    cues: z.array(cueSchema).default([]),
    scoring: z.strictObject({
      weights: weightsSchema.default(weightsSchema.parse({})),
      /** Points off per trainer hint (a message) and per refused handheld entry. */
      penalties: z
        .strictObject({
          perHint: z.number().nonnegative().default(2),
          perRefused: z.number().nonnegative().default(0.5),
        })
        .default({ perHint: 2, perRefused: 0.5 }),
      passMark: z.number().min(0).max(100),
    }),
  })
  .superRefine((x, ctx) => {
    const ids = new Set<string>();
    x.cues.forEach((c, i) => {
      if (ids.has(c.id))
        ctx.addIssue({ code: 'custom', path: ['cues', i, 'id'], message: `duplicate cue id "${c.id}"` });
      ids.add(c.id);
    });
    const weights = Object.values(x.scoring.weights).reduce((a, b) => a + b, 0);
    if (weights === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['scoring', 'weights'],
        message: 'at least one weight must be above 0',
      });
  });

/** An exercise as validated (defaults filled in). */
export type Exercise = z.output<typeof exerciseSchema>;
/** One cue. */
export type Cue = z.output<typeof cueSchema>;
/** Who a cue is about. */
export type CueWho = z.output<typeof whoSchema>;
/** What a cue does. */
export type CueAction = Cue['do'];
