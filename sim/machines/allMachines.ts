import type { AnyStateMachine } from 'xstate';
import { orderMachine } from './orderMachine.ts';
import { pickTaskMachine } from './pickTaskMachine.ts';
import { putawayTaskMachine } from './putawayTaskMachine.ts';
import { receiptMachine } from './receiptMachine.ts';
import { replenishmentTaskMachine } from './replenishmentTaskMachine.ts';
import { cycleCountMachine } from './cycleCountMachine.ts';
import { transferMachine } from './transferMachine.ts';
import { returnMachine } from './returnMachine.ts';

/** Every lifecycle statechart of the engine; tests walk all of them. */
export const allMachines: readonly AnyStateMachine[] = [
  orderMachine,
  pickTaskMachine,
  receiptMachine,
  putawayTaskMachine,
  replenishmentTaskMachine,
  cycleCountMachine,
  transferMachine,
  returnMachine,
];
