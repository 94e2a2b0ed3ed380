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
