import type { AnyStateMachine } from 'xstate';
import { compileMachine, type CompiledMachine } from '../machines/compileMachine.ts';
import { cycleCountMachine } from '../machines/cycleCountMachine.ts';
import { pickTaskMachine } from '../machines/pickTaskMachine.ts';
import { putawayTaskMachine } from '../machines/putawayTaskMachine.ts';
import { receiptMachine } from '../machines/receiptMachine.ts';
import { replenishmentTaskMachine } from '../machines/replenishmentTaskMachine.ts';

/** Task steps a scanner message can belong to. */
export const SCAN_STEPS = ['receive', 'putaway', 'pick', 'replenish', 'move', 'count'] as const;

/** One scanner task step. */
export type ScanStep = (typeof SCAN_STEPS)[number];

/** Where in a scan sequence a statechart event is sent. */
export type Milestone = 'start' | 'from' | 'item' | 'qty' | 'to';

/** How a step's scan sequence drives its statechart. */
export interface StepPlan {
  machine: AnyStateMachine;
  /** Events sent at each milestone, in order. */
  events: Partial<Record<Milestone, string[]>>;
  /** Whether the sequence ends with a destination location scan. */
  needsTo: boolean;
}

/**
 * The sequence of each step and the statechart events it sends (the same machines the simulator
 * drives): receive = location → item → quantity (a receipt line); putaway and move = from
 * location → item → quantity → to location; pick = location → item → quantity (to the pack
 * station); replenish = reserve → item → quantity → forward; count = location → item → counted
 * (judged by the count control: posted, recount required, or review).
 */
export const STEP_PLANS: Record<ScanStep, StepPlan> = {
  receive: {
    machine: receiptMachine,
    events: { from: ['receipt.arrived', 'receipt.receivingStarted'], qty: ['receipt.lineScanned'] },
    needsTo: false,
  },
  putaway: {
    machine: putawayTaskMachine,
    events: {
      item: ['putaway.directed', 'putaway.travelStarted'],
      to: ['putaway.arrived', 'putaway.confirmed'],
    },
    needsTo: true,
  },
  move: {
    machine: putawayTaskMachine,
    events: {
      item: ['putaway.directed', 'putaway.travelStarted'],
      to: ['putaway.arrived', 'putaway.confirmed'],
    },
    needsTo: true,
  },
  pick: {
    machine: pickTaskMachine,
    events: {
      start: ['task.assigned', 'task.travelStarted'],
      from: ['task.arrived', 'task.binScanned'],
      qty: ['task.picked'],
    },
    needsTo: false,
  },
  replenish: {
    machine: replenishmentTaskMachine,
    events: {
      start: ['replenishment.assigned', 'replenishment.travelStarted'],
      qty: ['replenishment.reservePicked', 'replenishment.forwardTravelStarted'],
      to: ['replenishment.dropped', 'replenishment.confirmed'],
    },
    needsTo: true,
  },
  // The count's own statechart is driven by the counting flow's decision functions (the count
  // request lives in the counting state, across devices), so the sequence sends nothing here.
  count: {
    machine: cycleCountMachine,
    events: {},
    needsTo: false,
  },
};

const tables = new Map<AnyStateMachine, CompiledMachine>();

/** The compiled table of a step's machine (compiled once per process). */
export function stepTable(step: ScanStep): CompiledMachine {
  const m = STEP_PLANS[step].machine;
  let t = tables.get(m);
  if (!t) tables.set(m, (t = compileMachine(m)));
  return t;
}
