import { describe, expect, it } from 'vitest';
import { createMachine, type AnyStateMachine } from 'xstate';
import { compileMachine } from '../machines/compileMachine.ts';
import { pickTaskMachine } from '../machines/pickTaskMachine.ts';
import { putawayTaskMachine } from '../machines/putawayTaskMachine.ts';
import { stepEntries, taskStepMeta } from '../machines/taskStepMeta.ts';
import { deriveScanPlan, scanPlan } from './scanPlan.ts';
import { SCAN_STEPS, STEP_MACHINES, stepTable } from './scanSteps.ts';

/** A copy of a chart with some states' meta replaced (transitions, guards and delays kept). */
function withMeta(m: AnyStateMachine, meta: Record<string, unknown>): AnyStateMachine {
  const config = m.config as { states: Record<string, Record<string, unknown>> };
  const states = Object.fromEntries(
    Object.entries(config.states).map(([k, v]) => [k, k in meta ? { ...v, meta: meta[k] } : v]),
  );
  return createMachine({ ...(m.config as object), states } as never).provide(m.implementations as never);
}

/** A plan as readable lines: milestone, kind, state, and the events sent after it. */
function lines(m: AnyStateMachine) {
  const t = compileMachine(m);
  const p = deriveScanPlan(m, t);
  const ev = (l: { event: number }[]) => l.map((x) => t.events[x.event]);
  return {
    start: ev(p.start),
    positions: p.positions.map((q) => [q.milestone, q.kind, q.where, ...ev(q.after)]),
    needsTo: p.needsTo,
    loop: p.loop,
  };
}

describe('scanner plans are read from the charts’ task-step meta', () => {
  it.each(SCAN_STEPS)('%s: every scan is one the meta of its chart state asks for, in its order', (step) => {
    const machine = STEP_MACHINES[step];
    const t = stepTable(step);
    const plan = scanPlan(step);
    expect(plan.positions.length).toBeGreaterThan(2);
    // Positions of one state are its meta's entries, in order, with its prompt and exits.
    const byState = new Map<number, string[]>();
    for (const p of plan.positions) byState.set(p.state, [...(byState.get(p.state) ?? []), p.kind]);
    for (const [s, kinds] of byState) {
      const meta = taskStepMeta(machine, t.states[s]!);
      expect(kinds, t.states[s]).toEqual(stepEntries(meta));
      for (const p of plan.positions.filter((x) => x.state === s)) {
        expect(p.prompt).toBe(meta.prompt);
        expect(p.exits).toEqual(meta.exits);
      }
    }
    // The last entry of a state sends that state's meta event first (unless its committer decides).
    for (const [i, p] of plan.positions.entries()) {
      const next = plan.positions[i + 1];
      if (next?.state === p.state) expect(p.after).toEqual([]);
      else if (p.after.length > 0)
        expect(t.events[p.after[0]!.event]).toBe(taskStepMeta(machine, t.states[p.state]!).event);
    }
  });

  it('follows a chart edit: a pick whose item step also takes the quantity and sends task.picked', () => {
    const base = lines(pickTaskMachine);
    expect(base.positions).toEqual([
      ['from', 'binLabel', 'pickTask.atBin', 'task.binScanned'],
      ['item', 'gs1Item', 'pickTask.scanned', 'task.itemScanned'],
      ['qty', 'quantity', 'pickTask.itemScanned', 'task.qtyConfirmed'],
    ]);
    expect(base.start).toEqual(['task.assigned', 'task.travelStarted', 'task.arrived']);
    const edited = lines(
      withMeta(pickTaskMachine, {
        scanned: {
          prompt: 'Scan the item, key the quantity',
          input: 'gs1Item',
          then: ['quantity'],
          event: 'task.picked',
          exits: [],
        },
      }),
    );
    expect(edited.positions).toEqual([
      ['from', 'binLabel', 'pickTask.atBin', 'task.binScanned'],
      ['item', 'gs1Item', 'pickTask.scanned'],
      ['qty', 'quantity', 'pickTask.scanned', 'task.picked'],
    ]);
  });

  it('follows a chart edit: a putaway that no longer scans the staging location starts at the item', () => {
    const edited = lines(
      withMeta(putawayTaskMachine, {
        directed: {
          prompt: 'Scan the unit',
          input: 'gs1Item',
          then: ['quantity'],
          event: 'putaway.travelStarted',
          exits: [],
        },
      }),
    );
    expect(edited.positions.map((p) => p.slice(0, 2))).toEqual([
      ['item', 'gs1Item'],
      ['qty', 'quantity'],
      ['to', 'binLabel'],
    ]);
    expect(edited.needsTo).toBe(true);
  });

  it('refuses, naming machine and state, a chart the scanner path cannot walk', () => {
    const noEvent = withMeta(pickTaskMachine, { travelling: { prompt: 'Go', input: 'none', exits: [] } });
    expect(() => lines(noEvent)).toThrow('pickTask.travelling: the scanner path needs an event in its meta');
    const wrong = withMeta(pickTaskMachine, {
      travelling: { prompt: 'Go', input: 'none', event: 'task.picked', exits: [] },
    });
    expect(() => lines(wrong)).toThrow('pickTask.travelling: meta event task.picked is not accepted there');
  });

  it('ends a receipt’s sequence in a loop to the next line, and a count where the count control decides', () => {
    expect(lines(STEP_MACHINES.receive).loop).toBe(1);
    const count = lines(STEP_MACHINES.count);
    expect(count.loop).toBe(-1);
    expect(count.positions.at(-1)).toEqual(['qty', 'quantity', 'cycleCount.counting']);
  });
});
