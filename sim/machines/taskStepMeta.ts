import { z } from 'zod';
import type { AnyStateMachine, StateValue } from 'xstate';

/** What a person on a handheld enters at a task step. */
export const INPUT_KINDS = ['binLabel', 'gs1Item', 'lot', 'quantity', 'confirm', 'none'] as const;

/** One kind of handheld input. */
export type InputKind = (typeof INPUT_KINDS)[number];

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
    /** The scan or entry the step expects. */
    input: z.enum(INPUT_KINDS),
    /** Exception exits offered at the step. */
    exits: z.array(z.enum(EXCEPTION_EXITS)),
  })
  .strict();

/** The `meta` of a task state (see taskStepMetaSchema). */
export type TaskStepMeta = z.output<typeof taskStepMetaSchema>;

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
