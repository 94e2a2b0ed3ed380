import { describe, expect, it } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import { allMachines } from './allMachines.ts';
import { cycleCountEvents, cycleCountMachine } from './cycleCountMachine.ts';
import { putawayEvents, putawayTaskMachine } from './putawayTaskMachine.ts';
import { receiptEvents, receiptMachine } from './receiptMachine.ts';
import { replenishmentEvents, replenishmentTaskMachine } from './replenishmentTaskMachine.ts';
import { returnEvents, returnMachine } from './returnMachine.ts';
import { transferEvents, transferMachine } from './transferMachine.ts';

const withConstants: [AnyStateMachine, Record<string, string>][] = [
  [receiptMachine, receiptEvents],
  [putawayTaskMachine, putawayEvents],
  [replenishmentTaskMachine, replenishmentEvents],
  [cycleCountMachine, cycleCountEvents],
  [transferMachine, transferEvents],
  [returnMachine, returnEvents],
];

describe('machine event names', () => {
  it.each(withConstants.map(([m, c]) => [m.id, m, c] as const))(
    '%s: the exported constant lists exactly the events the machine accepts, keyed by their verb',
    (_id, machine, constants) => {
      const accepted = [...new Set(machine.root.events as string[])].sort();
      expect(Object.values(constants).sort()).toEqual(accepted);
      for (const [key, type] of Object.entries(constants)) expect(type.split('.')[1]).toBe(key);
    },
  );

  it.each(allMachines.map((m) => [m.id, m] as const))(
    '%s: events are namespaced thing.verb, one namespace per machine',
    (_id, machine) => {
      // Delayed transitions (`after`) raise events XState names itself: `xstate.after.<delay>.<state>`.
      const types = (machine.root.events as string[]).filter((t) => !t.startsWith('xstate.after.'));
      for (const type of types) expect(type).toMatch(/^[a-z]+\.[a-z][A-Za-z]+$/);
      expect(new Set(types.map((t) => t.split('.')[0])).size).toBe(1);
    },
  );
});
