import type { World } from '../../engine/world.ts';
import type { CompiledMachine } from '../../machines/compileMachine.ts';
import { taskStepMeta, type TaskStepMeta } from '../../machines/taskStepMeta.ts';
import { pickTaskMachine } from '../../machines/pickTaskMachine.ts';
import { receiptMachine } from '../../machines/receiptMachine.ts';
import { putawayTaskMachine } from '../../machines/putawayTaskMachine.ts';
import { replenishmentTaskMachine } from '../../machines/replenishmentTaskMachine.ts';
import { cycleCountMachine } from '../../machines/cycleCountMachine.ts';
import { inboundMachines } from '../inbound/inboundSite.ts';
import { inboundState, putawayCode, receiptCode } from '../inbound/inboundState.ts';
import { taskCode } from '../picking/orderFlow.ts';
import { replenishmentState } from '../replenishment/replenishmentState.ts';
import { replenishmentCode, replenishmentTable } from '../replenishment/replenishmentTask.ts';
import { countingState, countCode } from '../counting/countingState.ts';
import { countTable } from '../counting/countDecision.ts';
import type { HandheldWait } from './handheldState.ts';

/** A wait's task step: the chart, its compiled table, the document code and the state with its meta. */
export interface WaitStep {
  table: CompiledMachine;
  machine: string;
  doc: string;
  state: string;
  meta: TaskStepMeta;
}

/** A document the wait is for: its compiled state, whichever chart it follows. */
function docOf(w: World, wait: HandheldWait): { state: number } {
  const doc =
    wait.kind === 'pick'
      ? w.tasks.get(wait.ref)
      : wait.kind === 'receive'
        ? inboundState(w).receipts[wait.ref]
        : wait.kind === 'putaway'
          ? inboundState(w).tasks[wait.ref]
          : wait.kind === 'replenish'
            ? replenishmentState(w).open[wait.ref]
            : countingState(w).open[wait.ref];
  if (!doc) throw new Error(`handheld: the ${wait.kind} document ${wait.ref} of an open wait is gone`);
  return doc;
}

/** The chart a wait's document follows, its compiled table and its document code. */
function chartOf(w: World, wait: HandheldWait) {
  switch (wait.kind) {
    case 'pick':
      return { machine: pickTaskMachine, table: w.machines.pickTask, doc: taskCode(wait.ref) };
    case 'receive':
      return { machine: receiptMachine, table: inboundMachines().receipt, doc: receiptCode(wait.ref) };
    case 'putaway':
      return { machine: putawayTaskMachine, table: inboundMachines().putaway, doc: putawayCode(wait.ref) };
    case 'replenish':
      return {
        machine: replenishmentTaskMachine,
        table: replenishmentTable(),
        doc: replenishmentCode(wait.ref),
      };
    case 'count':
      return { machine: cycleCountMachine, table: countTable(), doc: countCode(wait.ref) };
  }
}

/** The chart, state name and meta of a wait's document. */
export function waitStep(w: World, wait: HandheldWait): WaitStep {
  const { machine, table, doc } = chartOf(w, wait);
  const state = docOf(w, wait).state;
  return {
    table,
    machine: machine.id,
    doc,
    state: String(table.values[state]),
    meta: taskStepMeta(machine, table.states[state]!),
  };
}
