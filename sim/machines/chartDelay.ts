import type { AnyStateMachine } from 'xstate';

/**
 * A delay named in a chart's setup(), in ms: the engine schedules its own timer for it, so the
 * chart stays the one place the value is defined. Throws when the chart does not name it.
 */
export function chartDelay(machine: AnyStateMachine, name: string): number {
  const d = (machine.implementations.delays as Record<string, unknown>)[name];
  if (typeof d !== 'number') throw new Error(`${machine.id}: no fixed delay ${name} in setup()`);
  return d;
}

/**
 * The event of the delayed (`after`) transition a state declares for a named delay: what the
 * engine sends when its own timer for that delay runs out, so the step the table takes is the
 * chart's timeout, not a look-alike event. Throws, naming machine and state, when the state
 * declares no such delay (a chart edit that drops it must not leave the engine guessing).
 */
export function chartAfterEvent(machine: AnyStateMachine, state: string, delay: string): string {
  const node = machine.root.states[state];
  if (!node) throw new Error(`${machine.id}: no state ${state}`);
  const t = node.after.find((a) => a.delay === delay);
  if (!t) throw new Error(`${machine.id}.${state}: no after transition for delay ${delay}`);
  return t.eventType;
}
