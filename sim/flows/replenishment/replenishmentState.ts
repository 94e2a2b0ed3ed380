import { defineFlow, type FlowHost } from '../../engine/defineFlow.ts';
import { replenishmentSchema } from './replenishmentSchema.ts';

/** Why a replenishment task was raised. */
export type ReplenishmentTrigger = 'min-max' | 'wave' | 'emergency';

/** One replenishment task (the document); plain JSON inside the flow state. */
export interface ReplenishmentTask {
  id: number;
  /** Compiled replenishment-task-machine state. */
  state: number;
  trigger: ReplenishmentTrigger;
  item: number;
  /** Forward face (bin index). */
  face: number;
  created: number;
  /** Reserve bin chosen at assignment (bin index), -1 before. */
  source: number;
  lot: string;
  /** Units picked up (and dropped). */
  qty: number;
  /** Worker index, -1 while waiting for one. */
  worker: number;
}

/** Saved state of the replenishment flow. */
export interface ReplenishmentState {
  /** Open tasks by id. */
  open: Record<string, ReplenishmentTask>;
  /** Open task id per forward face (bin index): at most one at a time. */
  byFace: Record<string, number>;
  /** Triggered tasks waiting for a driver, in the order they are offered. */
  queue: number[];
  triggered: Record<ReplenishmentTrigger, number>;
  completed: number;
  cancelled: number;
  closedShort: number;
  shortAtReserve: number;
  redirected: number;
  unitsMoved: number;
  /** Trigger → confirmed of each completed task, ms. */
  responseMs: number[];
}

/** The replenishment flow module: its state slice, its timer and the step actions of a replenishment. */
export const replenishment = defineFlow({
  name: 'replenishment',
  state: (): ReplenishmentState => ({
    open: {},
    byFace: {},
    queue: [],
    triggered: { 'min-max': 0, wave: 0, emergency: 0 },
    completed: 0,
    cancelled: 0,
    closedShort: 0,
    shortAtReserve: 0,
    redirected: 0,
    unitsMoved: 0,
    responseMs: [],
  }),
  actions: ['replenPickUp', 'replenDrop'],
  roles: ['replenisher', 'putaway'],
  schema: { key: 'replenishment', section: replenishmentSchema },
});

/** The replenishment flow's state inside the world, created on first use. */
export function replenishmentState(w: FlowHost): ReplenishmentState {
  return replenishment.state(w);
}
