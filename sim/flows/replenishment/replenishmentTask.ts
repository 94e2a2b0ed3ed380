import { mheBin } from '../../engine/mheBin.ts';
import type { World } from '../../engine/world.ts';
import type { Worker } from '../../engine/entities.ts';
import { compileMachine, type CompiledMachine } from '../../machines/compileMachine.ts';
import type { Lifecycle } from '../../engine/effect.ts';
import type { JournalEventBody } from '../../journal/journalEvent.ts';
import {
  replenishmentTaskMachine,
  type ReplenishmentEventType,
} from '../../machines/replenishmentTaskMachine.ts';
import type { ReplenishmentTask } from './replenishmentState.ts';
import { docCode } from '../../journal/docCode.ts';
import { stepDoc } from '../../engine/applyEffects.ts';

let table: CompiledMachine | null = null;
/** The compiled replenishment-task machine (compiled once per process). */
export function replenishmentTable(): CompiledMachine {
  table ??= compileMachine(replenishmentTaskMachine);
  return table;
}

let life: Lifecycle | null = null;
/**
 * Steps a task's lifecycle and, only if the step is legal, posts `body` (its journal event, null
 * for none) as one effect; an illegal step is an engine bug, so it throws.
 */
export function taskStep(
  w: World,
  task: ReplenishmentTask,
  type: ReplenishmentEventType,
  body: JournalEventBody | null = null,
): void {
  life ??= { doc: 'replenishment', machine: replenishmentTable() };
  stepDoc(w, life, task, life.machine.event(type), body);
}

/** Human replenishment task number. */
export function replenishmentCode(id: number): string {
  return docCode('replenishment', id);
}

/** Pseudo-location of stock on a driver's truck: on hand, never allocatable. */
export function truckBin(worker: Worker): string {
  return mheBin(worker);
}
