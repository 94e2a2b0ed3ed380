import { z } from 'zod';
import type { AnyStateMachine, StateValue } from 'xstate';

/** What a person on a handheld enters at a task step. */
export const INPUT_KINDS = ['binLabel', 'gs1Item', 'lot', 'quantity', 'confirm', 'none'] as const;

/** One kind of handheld input. */
export type InputKind = (typeof INPUT_KINDS)[number];

/** The inputs that are a scan or an entry (what a scanner message carries); the rest are waits and confirmations. */
export const SCAN_KINDS = ['binLabel', 'gs1Item', 'lot', 'quantity'] as const;

/** One scan or entry kind. */
export type ScanKind = (typeof SCAN_KINDS)[number];

/** Is an input a scan or an entry (not a wait or a confirmation)? */
export function isScanKind(k: InputKind): k is ScanKind {
  return (SCAN_KINDS as readonly string[]).includes(k);
}

/** The exception exits a handheld offers at a step (each is a chart event the step accepts). */
export const EXCEPTION_EXITS = [
  'short',
  'wrongBin',
  'damaged',
  'overrideRequest',
  'noBin',
  'discrepancy',
  'binMoved',
  'cancel',
] as const;

/** One exception exit. */
export type ExceptionExit = (typeof EXCEPTION_EXITS)[number];

/** The `meta` of a task state: what the person there must do. */
export const taskStepMetaSchema = z
  .object({
    /** The handheld's prompt, imperative, one line. */
    prompt: z.string().min(1),
    /** The scan or entry the step expects (the first one, when it takes several). */
    input: z.enum(INPUT_KINDS),
    /** Further scans or entries the same step takes, in order, before its event (item, then quantity). */
    then: z.array(z.enum(SCAN_KINDS)).min(1).optional(),
    /**
     * The chart event that ends the step the normal way: sent once its scans and entries are
     * taken, or, at a wait, travel or confirmation, when the driver moves on. Absent where only
     * the engine or a supervisor moves the task on (no handheld sends it). A driver that walks
     * the chart (the scanner feed) follows these events; nothing else lists them.
     */
    event: z.string().min(1).optional(),
    /** Exception exits offered at the step. */
    exits: z.array(z.enum(EXCEPTION_EXITS)),
    /**
     * The scan an exit takes with it, by exit (an override request: the label of the bin the
     * driver chose instead); the handheld shows a field for it, read like any other scan.
     */
    exitInputs: z.partialRecord(z.enum(EXCEPTION_EXITS), z.enum(SCAN_KINDS)).optional(),
  })
  .strict()
  .refine((m) => m.then === undefined || isScanKind(m.input), {
    message: 'a step that takes several entries starts with a scan or an entry',
    path: ['then'],
  })
  .refine((m) => Object.keys(m.exitInputs ?? {}).every((x) => (m.exits as string[]).includes(x)), {
    message: 'an exit input is for an exit the step offers',
    path: ['exitInputs'],
  });

/** The `meta` of a task state (see taskStepMetaSchema). */
export type TaskStepMeta = z.output<typeof taskStepMetaSchema>;

/** Every scan or entry a step takes, in order (empty for a wait or a confirmation). */
export function stepEntries(meta: TaskStepMeta): ScanKind[] {
  return isScanKind(meta.input) ? [meta.input, ...(meta.then ?? [])] : [];
}

/** The exits a step's meta may name must be events the step accepts: the event each exit sends. */
export type ExitEvents = Partial<Record<ExceptionExit, string>>;

/**
 * The task-step meta of a machine's state (a state value, or the state key a compiled table
 * uses: its JSON). Throws, naming the machine and the state, when the state is unknown or its
 * meta is missing or malformed: the handheld and the scanner path must never guess a step.
 */
export function taskStepMeta(machine: AnyStateMachine, state: StateValue | string): TaskStepMeta {
  let value: unknown = state;
  if (typeof state === 'string' && state.startsWith('"')) value = JSON.parse(state) as unknown;
  if (typeof value !== 'string')
    throw new Error(`${machine.id}: task steps are flat states, got ${JSON.stringify(state)}`);
  const node = machine.root.states[value];
  if (!node) throw new Error(`${machine.id}: no state ${value}`);
  const parsed = taskStepMetaSchema.safeParse(node.meta);
  if (!parsed.success) {
    throw new Error(
      `${machine.id}.${value}: task-step meta ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}
