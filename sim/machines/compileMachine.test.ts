import { describe, expect, it } from 'vitest';
import { setup, transition, type AnyStateNode, type StateValue } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { allMachines } from './allMachines.ts';
import {
  REJECTED,
  actionNames,
  compileMachine,
  stateKey,
  step,
  stepEdge,
  withGuards,
} from './compileMachine.ts';

describe.each(allMachines.map((m) => [m.id, m] as const))('%s machine', (_id, machine) => {
  const table = compileMachine(machine);

  it('agrees with XState transition() for every reachable state × event × guard outcome', () => {
    let checked = 0;
    // Every subset of the chart's named guards holding (charts consult a handful, so 2^k is small).
    for (let mask = 0; mask < 1 << table.guards.length; mask++) {
      const holding = new Set(table.guards.filter((_, g) => (mask >>> g) & 1));
      const variant = withGuards(machine, table.guards, holding);
      table.values.forEach((value, s) => {
        const snap = variant.resolveState({ value: value as StateValue, context: undefined });
        for (const [e, type] of table.events.entries()) {
          const where = `${table.states[s]} × ${type} with [${[...holding].join(',')}]`;
          const accepted = snap.status === 'active' && snap.can({ type });
          const n = step(table, s, e, mask);
          const edge = stepEdge(table, s, e, mask);
          if (!accepted) {
            expect(n, where).toBe(REJECTED);
            expect(edge, where).toBe(-1);
          } else {
            const [next, actions] = transition(variant, snap, { type });
            expect(table.states[n], where).toBe(stateKey(next));
            expect(table.edgeTarget[edge], where).toBe(n);
            expect(table.edgeActions[edge], where).toEqual(actionNames(actions));
            expect(table.final[n]).toBe(next.status === 'done' ? 1 : 0);
          }
          checked++;
        }
      });
    }
    expect(checked).toBe(table.states.length * table.events.length * (1 << table.guards.length));
  });

  it('reaches every declared state (model-based walk with xstate/graph)', () => {
    // Walked once per subset of the guards holding, so every guarded branch is reached (a
    // chart whose first guard shadows the others, like the count's bin-moved check, needs it).
    const variants = Array.from({ length: 1 << table.guards.length }, (_, mask) => {
      const holding = new Set(table.guards.filter((_, g) => (mask >>> g) & 1));
      return [withGuards(machine, table.guards, holding), mask] as const;
    });
    const paths = variants.flatMap(([v]) => getShortestPaths(v));
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
    for (const [variant, mask] of variants) {
      for (const p of getShortestPaths(variant)) {
        let s = table.initial;
        for (const st of p.steps.slice(1)) s = step(table, s, table.event(st.event.type), mask);
        expect(table.states[s]).toBe(stateKey(p.state));
      }
    }
  });
});

/** Every atomic or final state node under a node (the leaves of the chart). */
function leafNodes(node: AnyStateNode): AnyStateNode[] {
  const children = Object.values(node.states) as AnyStateNode[];
  if (children.length === 0) return [node];
  return children.flatMap(leafNodes);
}

describe('compileMachine guards', () => {
  it('compiles named guards as ordered branches and refuses inline guards', () => {
    const named = setup({
      types: { events: {} as { type: 'x.go' } },
      guards: { first: () => false, second: () => false },
    }).createMachine({
      id: 'g',
      initial: 'a',
      states: {
        a: {
          on: {
            'x.go': [
              { guard: 'first', target: 'b' },
              { guard: 'second', target: 'c' },
            ],
          },
        },
        b: { type: 'final' },
        c: { type: 'final' },
      },
    });
    const t = compileMachine(named);
    const go = t.event('x.go');
    const bit = (g: string): number => 1 << t.guard(g);
    expect(t.states[step(t, t.initial, go, bit('first') | bit('second'))]).toBe('"b"');
    expect(t.states[step(t, t.initial, go, bit('second'))]).toBe('"c"');
    expect(step(t, t.initial, go, 0)).toBe(REJECTED);
    const inline = setup({ types: { events: {} as { type: 'x.go' } } }).createMachine({
      id: 'inline',
      initial: 'a',
      states: { a: { on: { 'x.go': { guard: () => true, target: 'b' } } }, b: {} },
    });
    expect(() => compileMachine(inline)).toThrow('inline: guards must be named in setup()');
  });
});
