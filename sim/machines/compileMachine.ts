import {
  initialTransition,
  transition,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type AnyStateNode,
} from 'xstate';
import { fnv1a64 } from '../core/fnv1a64.ts';

/** Marker in the transition table for "this event is not accepted in this state". */
export const REJECTED = -1;

/** Marker in `next` for a cell whose target depends on named guards (see `branchAt`). */
export const GUARDED = -2;

/**
 * A statechart compiled to a lookup table: every reachable state × every event type × every
 * outcome of the named guards the chart consults there. The XState machine stays the single
 * definition; the table is derived from it at start-up by exploring with XState's own pure
 * `transition()`, and a test proves the two agree everywhere. A table step costs an array read
 * (a guarded cell a few more) where `transition()` costs ~14 µs, which is what lets the engine
 * run millions of lifecycle steps a second.
 *
 * Guards are compiled as named branches: the caller evaluates the guards itself (it holds the
 * data they read) and passes their outcomes as a bit mask, bit g set when `guards[g]` holds.
 * Every step lands on an edge, which carries the named actions XState would execute (exit,
 * transition, entry, in XState's order), for the engine to run by name.
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
  /** Named guards the chart consults, by guard number (bit g of a step's mask). */
  readonly guards: readonly string[];
  /** Initial state number. */
  readonly initial: number;
  /** next[state * events.length + event] = next state number, REJECTED, or GUARDED. */
  readonly next: Int32Array;
  /** edge[state * events.length + event] = edge number of an unguarded cell, else -1. */
  readonly edge: Int32Array;
  /**
   * Start in `branches` of a GUARDED cell's candidates, else -1. At the start: the candidate
   * count n, then n pairs (guard number or -1 for unguarded, edge number), in the chart's order;
   * the first whose guard holds is taken, none ⇒ REJECTED.
   */
  readonly branchAt: Int32Array;
  readonly branches: Int32Array;
  /** Target state number of each edge. */
  readonly edgeTarget: Int32Array;
  /** Named actions of each edge, as XState would execute them. */
  readonly edgeActions: readonly (readonly string[])[];
  /** 1 where the state is final (the lifecycle is over). */
  readonly final: Uint8Array;
  /**
   * Hash of the ordered state keys, event types, guards, initial state, transition table,
   * branches, edge actions and finals: saved state numbers mean the same thing under two
   * builds exactly when this is equal.
   */
  readonly fingerprint: string;
  /** State number of a state key; throws on an unknown key. */
  state(key: string): number;
  /** Event number of an event type; throws on an unknown type. */
  event(type: string): number;
  /** Guard bit of a named guard; throws on an unknown name. */
  guard(name: string): number;
}

/** Key of a snapshot: its state value as JSON (machines keep no context that changes transitions). */
export function stateKey(snapshot: AnyMachineSnapshot): string {
  return JSON.stringify(snapshot.value);
}

/** Name of a transition's guard, null when unguarded; inline or composite guards are refused. */
function guardName(machineId: string, guard: unknown): string | null {
  if (guard === undefined || guard === null) return null;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'object' && typeof (guard as { type?: unknown }).type === 'string') {
    const type = (guard as { type: string }).type;
    if (!type.startsWith('xstate.')) return type;
  }
  throw new Error(`${machineId}: guards must be named in setup() to compile (found ${String(guard)})`);
}

/** The candidate transitions for an event in a state: atomic states first, then their ancestors. */
function candidates(snap: AnyMachineSnapshot, type: string): { guard: string | null }[] {
  const out: { guard: string | null }[] = [];
  const seen = new Set<AnyStateNode>();
  for (const leaf of snap._nodes.filter((n: AnyStateNode) => n.type === 'atomic' || n.type === 'final')) {
    for (let n: AnyStateNode | undefined = leaf; n; n = n.parent) {
      if (seen.has(n)) continue;
      seen.add(n);
      for (const t of n.transitions.get(type) ?? []) out.push({ guard: guardName(snap.machine.id, t.guard) });
    }
  }
  return out;
}

/** The machine with every named guard answering from a fixed set of guards that hold. */
export function withGuards(machine: AnyStateMachine, names: readonly string[], holding: ReadonlySet<string>) {
  return machine.provide({ guards: Object.fromEntries(names.map((g) => [g, () => holding.has(g)])) });
}

/** Named (non built-in) actions XState would execute, in order. */
export function actionNames(actions: readonly { type: string }[]): string[] {
  return actions.map((a) => a.type).filter((t) => !t.startsWith('xstate.'));
}

/** Every named guard any transition of the machine consults, sorted. */
function allGuards(machine: AnyStateMachine): string[] {
  const names = new Set<string>();
  const walk = (node: AnyStateNode): void => {
    for (const list of node.transitions.values()) {
      for (const t of list) {
        const g = guardName(machine.id, t.guard);
        if (g) names.add(g);
      }
    }
    for (const child of Object.values(node.states) as AnyStateNode[]) walk(child);
  };
  walk(machine.root);
  return [...names].sort();
}

/** Explores every reachable state of a context-free machine and builds its table. */
export function compileMachine(machine: AnyStateMachine): CompiledMachine {
  const events = [...new Set<string>(machine.root.events as string[])].sort();
  const guards = allGuards(machine);
  const guardIndex = new Map(guards.map((g, i) => [g, i]));
  // One variant of the machine per guard: that guard holds, every other fails.
  const only = new Map(guards.map((g) => [g, withGuards(machine, guards, new Set([g]))]));
  const none = withGuards(machine, guards, new Set());
  const [initialSnapshot] = initialTransition(none, undefined);
  const keys: string[] = [stateKey(initialSnapshot)];
  const values: unknown[] = [initialSnapshot.value];
  const finals: number[] = [initialSnapshot.status === 'done' ? 1 : 0];
  const index = new Map<string, number>([[keys[0]!, 0]]);
  const edgeTarget: number[] = [];
  const edgeActions: string[][] = [];
  const edgeIndex = new Map<string, number>();
  const next: number[] = [];
  const edge: number[] = [];
  const branchAt: number[] = [];
  const branches: number[] = [];
  const reach = (snap: AnyMachineSnapshot): number => {
    const key = stateKey(snap);
    let n = index.get(key);
    if (n === undefined) {
      n = keys.length;
      index.set(key, n);
      keys.push(key);
      values.push(snap.value);
      finals.push(snap.status === 'done' ? 1 : 0);
    }
    return n;
  };
  const edgeOf = (target: number, actions: string[]): number => {
    const k = `${target}|${actions.join(',')}`;
    let e = edgeIndex.get(k);
    if (e === undefined) {
      e = edgeTarget.length;
      edgeIndex.set(k, e);
      edgeTarget.push(target);
      edgeActions.push(actions);
    }
    return e;
  };
  /** Takes the event in the state on a machine variant; -1 when not accepted. */
  const take = (variant: AnyStateMachine, value: unknown, type: string): number => {
    const snap = variant.resolveState({ value: value as never, context: undefined });
    if (snap.status !== 'active' || !snap.can({ type })) return -1;
    const [nextSnap, actions] = transition(variant, snap, { type });
    return edgeOf(reach(nextSnap), actionNames(actions));
  };
  for (let s = 0; s < keys.length; s++) {
    const snap = none.resolveState({ value: values[s] as never, context: undefined });
    for (const type of events) {
      const cands = snap.status === 'active' ? candidates(snap, type) : [];
      if (cands.every((c) => c.guard === null)) {
        const e = take(none, values[s], type);
        next.push(e < 0 ? REJECTED : edgeTarget[e]!);
        edge.push(e);
        branchAt.push(-1);
        continue;
      }
      // Candidate i is taken when its guard holds and every earlier one fails: with a machine
      // where only that guard holds (an earlier candidate with the same guard shadows it).
      next.push(GUARDED);
      edge.push(-1);
      branchAt.push(branches.length);
      const list: number[] = [];
      const tried = new Set<string>();
      for (const c of cands) {
        if (c.guard !== null && tried.has(c.guard)) continue;
        if (c.guard === null) {
          list.push(-1, take(none, values[s], type));
          break;
        }
        tried.add(c.guard);
        list.push(guardIndex.get(c.guard)!, take(only.get(c.guard)!, values[s], type));
      }
      branches.push(list.length / 2, ...list);
    }
  }
  const eventIndex = new Map(events.map((e, i) => [e, i]));
  const table = {
    next: Int32Array.from(next),
    edge: Int32Array.from(edge),
    branchAt: Int32Array.from(branchAt),
    branches: Int32Array.from(branches),
    edgeTarget: Int32Array.from(edgeTarget),
    final: Uint8Array.from(finals),
  };
  return {
    id: machine.id,
    states: keys,
    values,
    events,
    guards,
    initial: 0,
    ...table,
    edgeActions,
    fingerprint: fnv1a64(
      JSON.stringify({
        id: machine.id,
        states: keys,
        events,
        guards,
        initial: 0,
        next: Array.from(table.next),
        branchAt: Array.from(table.branchAt),
        branches: Array.from(table.branches),
        edgeTarget: edgeTarget,
        edgeActions,
        final: finals,
      }),
    ),
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
    guard(name) {
      const n = guardIndex.get(name);
      if (n === undefined) throw new Error(`${machine.id}: unknown guard ${name}`);
      return n;
    },
  };
}

/**
 * The edge a step takes, -1 when the event is not accepted. `mask` has bit g set when guard g
 * holds (only consulted in guarded cells).
 */
export function stepEdge(m: CompiledMachine, state: number, event: number, mask = 0): number {
  const i = state * m.events.length + event;
  const at = m.branchAt[i]!;
  if (at < 0) return m.edge[i]!;
  const n = m.branches[at]!;
  for (let k = 0; k < n; k++) {
    const g = m.branches[at + 1 + 2 * k]!;
    if (g < 0 || (mask >>> g) & 1) return m.branches[at + 2 + 2 * k]!;
  }
  return -1;
}

/** One table step; REJECTED when the event is not accepted. `mask`: guards that hold (see stepEdge). */
export function step(m: CompiledMachine, state: number, event: number, mask = 0): number {
  const n = m.next[state * m.events.length + event]!;
  if (n !== GUARDED) return n;
  const e = stepEdge(m, state, event, mask);
  return e < 0 ? REJECTED : m.edgeTarget[e]!;
}
