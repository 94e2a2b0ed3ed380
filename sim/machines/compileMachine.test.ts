import { describe, expect, it } from 'vitest';
import { transition, type AnyStateNode, type StateValue } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { allMachines } from './allMachines.ts';
import { REJECTED, compileMachine, stateKey, step } from './compileMachine.ts';

describe.each(allMachines.map((m) => [m.id, m] as const))('%s machine', (_id, machine) => {
  const table = compileMachine(machine);

  it('agrees with XState transition() for every reachable state and every event', () => {
    let checked = 0;
    table.values.forEach((value, s) => {
      const snap = machine.resolveState({ value: value as StateValue, context: undefined });
      for (const [e, type] of table.events.entries()) {
        const accepted = snap.status === 'active' && snap.can({ type });
        const n = step(table, s, e);
        if (!accepted) {
          expect(n, `${table.states[s]} × ${type}`).toBe(REJECTED);
        } else {
          const [next] = transition(machine, snap, { type });
          expect(table.states[n], `${table.states[s]} × ${type}`).toBe(stateKey(next));
          expect(table.final[n]).toBe(next.status === 'done' ? 1 : 0);
        }
        checked++;
      }
    });
    expect(checked).toBe(table.states.length * table.events.length);
  });

  it('reaches every declared state (model-based walk with xstate/graph)', () => {
    const paths = getShortestPaths(machine);
    const reached = new Set(paths.map((p) => stateKey(p.state)));
    expect([...reached].sort()).toEqual([...table.states].sort());
    // Every atomic state node of the definition is reachable: no dead states in the chart.
    const atomic = leafNodes(machine.root);
    expect(atomic.length).toBeGreaterThan(1);
    for (const node of atomic) {
      expect(
        paths.some((p) => p.state.matches(node.path.join('.') as never)),
        node.id,
      ).toBe(true);
    }
    // Replaying each path's events through the table lands where XState does.
    for (const p of paths) {
      let s = table.initial;
      for (const st of p.steps.slice(1)) s = step(table, s, table.event(st.event.type));
      expect(table.states[s]).toBe(stateKey(p.state));
    }
  });
});

/** Every atomic or final state node under a node (the leaves of the chart). */
function leafNodes(node: AnyStateNode): AnyStateNode[] {
  const children = Object.values(node.states) as AnyStateNode[];
  if (children.length === 0) return [node];
  return children.flatMap(leafNodes);
}
