import type { AnyStateMachine } from 'xstate';
import { orderMachine } from './orderMachine.ts';
import { pickTaskMachine } from './pickTaskMachine.ts';

/** Every lifecycle statechart of the engine; tests walk all of them. */
export const allMachines: readonly AnyStateMachine[] = [orderMachine, pickTaskMachine];
