import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';

/**
 * Plays event types through a context-free machine with XState's pure transitions, from the
 * initial state, and returns the last snapshot. Throws on the first event the current state
 * does not accept, naming the state and the event: a rejected event is an exception to
 * report, never something to skip silently.
 */
export function playEvents(machine: AnyStateMachine, types: readonly string[]): AnyMachineSnapshot {
  let [snap] = initialTransition(machine, undefined);
  for (const type of types) {
    if (snap.status !== 'active' || !snap.can({ type })) {
      throw new Error(`${machine.id}: ${type} not accepted in ${JSON.stringify(snap.value)}`);
    }
    [snap] = transition(machine, snap, { type });
  }
  return snap;
}
