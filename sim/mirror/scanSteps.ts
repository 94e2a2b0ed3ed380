import type { AnyStateMachine } from 'xstate';
import { compileMachine, type CompiledMachine } from '../machines/compileMachine.ts';
import { cycleCountMachine } from '../machines/cycleCountMachine.ts';
import { pickTaskMachine } from '../machines/pickTaskMachine.ts';
import { putawayTaskMachine } from '../machines/putawayTaskMachine.ts';
import { receiptMachine } from '../machines/receiptMachine.ts';
import { replenishmentTaskMachine } from '../machines/replenishmentTaskMachine.ts';
import { returnMachine } from '../machines/returnMachine.ts';

/** Task steps a scanner message can belong to. */
export const SCAN_STEPS = ['receive', 'putaway', 'pick', 'replenish', 'move', 'count', 'return'] as const;

/** One scanner task step. */
export type ScanStep = (typeof SCAN_STEPS)[number];

/** Where in a scan sequence a scan belongs: the source location, the item, the quantity, the destination. */
export type Milestone = 'start' | 'from' | 'item' | 'qty' | 'to';

/**
 * The statechart each scanner step drives: the same machines the simulator steps. Which scans a
 * step takes, in which order, and which chart events they send are not listed here: they are
 * read from the chart's task-step meta (scanPlan.ts), so a chart edit changes the scanner path.
 * A move is a putaway from a storage location (the same task, another source).
 */
export const STEP_MACHINES: Record<ScanStep, AnyStateMachine> = {
  receive: receiptMachine,
  putaway: putawayTaskMachine,
  move: putawayTaskMachine,
  pick: pickTaskMachine,
  replenish: replenishmentTaskMachine,
  count: cycleCountMachine,
  return: returnMachine,
};

const tables = new Map<AnyStateMachine, CompiledMachine>();

/** The compiled table of a machine, compiled once per process. */
export function tableOf(m: AnyStateMachine): CompiledMachine {
  let t = tables.get(m);
  if (!t) tables.set(m, (t = compileMachine(m)));
  return t;
}

/** The compiled table of a step's machine (compiled once per process). */
export function stepTable(step: ScanStep): CompiledMachine {
  return tableOf(STEP_MACHINES[step]);
}
