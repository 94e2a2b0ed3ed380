import { initialTransition, transition, type AnyStateMachine, type AnyMachineSnapshot } from 'xstate';
import { fnv1a64 } from '../core/fnv1a64.ts';

/** Marker in the transition table for "this event is not accepted in this state". */
export const REJECTED = -1;

/**
 * A statechart compiled to a lookup table: every reachable state × every event type.
 * The XState machine stays the single definition; the table is derived from it at start-up by
 * exploring with XState's own pure `transition()`, and a test proves the two agree everywhere.
 * A table step costs an array read where `transition()` costs ~14 µs, which is what lets the
 * engine run millions of lifecycle steps a second.
 */
export interface CompiledMachine {
  /** Machine id. */
  readonly id: string;
  /** State keys, by state number (the JSON of the XState state value). */
  readonly states: readonly string[];
  /** XState state values, by state number. */
  readonly values: readonly unknown[];
  /** Event types, by event number. */
  readonly events: readonly string[];
  /** Initial state number. */
  readonly initial: number;
  /** next[state * events.length + event] = next state number or REJECTED. */
  readonly next: Int32Array;
  /** 1 where the state is final (the lifecycle is over). */
  readonly final: Uint8Array;
  /**
   * Hash of the ordered state keys, event types, initial state, transition table and finals:
   * saved state numbers mean the same thing under two builds exactly when this is equal.
   */
  readonly fingerprint: string;
  /** State number of a state key; throws on an unknown key. */
  state(key: string): number;
  /** Event number of an event type; throws on an unknown type. */
  event(type: string): number;
}

/** Key of a snapshot: its state value as JSON (machines keep no context that changes transitions). */
export function stateKey(snapshot: AnyMachineSnapshot): string {
  return JSON.stringify(snapshot.value);
}

/** Explores every reachable state of a context-free machine and builds its table. */
export function compileMachine(machine: AnyStateMachine): CompiledMachine {
  const events = [...new Set<string>(machine.root.events as string[])].sort();
  const [initialSnapshot] = initialTransition(machine, undefined);
  const snapshots: AnyMachineSnapshot[] = [initialSnapshot];
  const keys: string[] = [stateKey(initialSnapshot)];
  const index = new Map<string, number>([[keys[0]!, 0]]);
  const edges: number[][] = [];
  for (let s = 0; s < snapshots.length; s++) {
    const snap = snapshots[s]!;
    const row: number[] = [];
    for (const type of events) {
      if (snap.status !== 'active' || !snap.can({ type })) {
        row.push(REJECTED);
        continue;
      }
      const [nextSnap] = transition(machine, snap, { type });
      const key = stateKey(nextSnap);
      let n = index.get(key);
      if (n === undefined) {
        n = snapshots.length;
        index.set(key, n);
        snapshots.push(nextSnap);
        keys.push(key);
      }
      row.push(n);
    }
    edges.push(row);
  }
  const next = new Int32Array(keys.length * events.length);
  edges.forEach((row, s) => row.forEach((n, e) => (next[s * events.length + e] = n)));
  const final = new Uint8Array(keys.length);
  snapshots.forEach((snap, s) => (final[s] = snap.status === 'done' ? 1 : 0));
  const eventIndex = new Map(events.map((e, i) => [e, i]));
  return {
    id: machine.id,
    states: keys,
    values: snapshots.map((s) => s.value),
    events,
    initial: 0,
    next,
    final,
    fingerprint: machineFingerprint(machine.id, keys, events, 0, next, final),
    state(key) {
      const n = index.get(key);
      if (n === undefined) throw new Error(`${machine.id}: unknown state ${key}`);
      return n;
    },
    event(type) {
      const n = eventIndex.get(type);
      if (n === undefined) throw new Error(`${machine.id}: unknown event ${type}`);
      return n;
    },
  };
}

/** One table step; REJECTED when the event is not accepted. */
export function step(m: CompiledMachine, state: number, event: number): number {
  return m.next[state * m.events.length + event]!;
}

/** The canonical text of a compiled table, hashed (see CompiledMachine.fingerprint). */
export function machineFingerprint(
  id: string,
  states: readonly string[],
  events: readonly string[],
  initial: number,
  next: Int32Array,
  final: Uint8Array,
): string {
  return fnv1a64(
    JSON.stringify({ id, states, events, initial, next: Array.from(next), final: Array.from(final) }),
  );
}
