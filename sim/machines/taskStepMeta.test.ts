import { describe, expect, it } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import { compileMachine, stepEdge } from './compileMachine.ts';
import { cycleCountExits, cycleCountMachine } from './cycleCountMachine.ts';
import { pickExits, pickTaskMachine } from './pickTaskMachine.ts';
import { putawayExits, putawayTaskMachine } from './putawayTaskMachine.ts';
import { receiptExits, receiptMachine } from './receiptMachine.ts';
import { returnExits, returnMachine } from './returnMachine.ts';
import { replenishmentExits, replenishmentTaskMachine } from './replenishmentTaskMachine.ts';
import { transferExits, transferMachine } from './transferMachine.ts';
import { stepEntries, taskStepMeta, taskStepMetaSchema, type ExitEvents } from './taskStepMeta.ts';

const taskMachines: [AnyStateMachine, ExitEvents][] = [
  [pickTaskMachine, pickExits],
  [putawayTaskMachine, putawayExits],
  [replenishmentTaskMachine, replenishmentExits],
  [cycleCountMachine, cycleCountExits],
  [receiptMachine, receiptExits],
  [returnMachine, returnExits],
  [transferMachine, transferExits],
];

describe.each(taskMachines.map(([m, x]) => [m.id, m, x] as const))('%s task steps', (_id, machine, exits) => {
  const table = compileMachine(machine);

  it('every state says what the person there must do, and offers only exits it accepts', () => {
    table.states.forEach((key, s) => {
      const meta = taskStepMeta(machine, key);
      expect(meta.prompt.length, key).toBeGreaterThan(3);
      if (table.final[s]) expect(meta.exits, key).toEqual([]);
      for (const exit of meta.exits) {
        const type = exits[exit];
        expect(type, `${key}: exit ${exit} has no event`).toBeDefined();
        // Accepted for some outcome of the chart's guards (a wrong-bin scan is the failing branch).
        const e = table.event(type!);
        let accepted = false;
        for (let mask = 0; mask < 1 << table.guards.length; mask++) {
          if (stepEdge(table, s, e, mask) >= 0) accepted = true;
        }
        expect(accepted, `${key}: exit ${exit} (${type}) not accepted`).toBe(true);
      }
    });
  });

  it('names as the step event one the step accepts, and none in a final state', () => {
    table.states.forEach((key, s) => {
      const meta = taskStepMeta(machine, key);
      if (table.final[s]) expect(meta.event, key).toBeUndefined();
      if (meta.event === undefined) return;
      const e = table.event(meta.event);
      let accepted = false;
      for (let mask = 0; mask < 1 << table.guards.length; mask++)
        if (stepEdge(table, s, e, mask) >= 0) accepted = true;
      expect(accepted, `${key}: event ${meta.event} not accepted`).toBe(true);
    });
  });
});

describe('taskStepMeta', () => {
  it('reads a state by value or by the compiled key', () => {
    expect(taskStepMeta(putawayTaskMachine, 'atBin')).toEqual(taskStepMeta(putawayTaskMachine, '"atBin"'));
    expect(taskStepMeta(putawayTaskMachine, 'atBin').input).toBe('binLabel');
    expect(taskStepMeta(pickTaskMachine, 'itemScanned').input).toBe('quantity');
  });

  it('refuses further entries after a wait (a step that takes several starts with a scan)', () => {
    expect(
      taskStepMetaSchema.safeParse({ prompt: 'Wait', input: 'none', then: ['quantity'], exits: [] }).success,
    ).toBe(false);
    expect(stepEntries(taskStepMeta(receiptMachine, 'receiving'))).toEqual(['gs1Item', 'quantity']);
  });

  it('names the machine and the state when a step is unknown', () => {
    expect(() => taskStepMeta(putawayTaskMachine, 'nowhere')).toThrow('putawayTask: no state nowhere');
  });
});
