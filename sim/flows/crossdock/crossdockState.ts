import { defineFlow, type FlowHost } from '../../engine/defineFlow.ts';
import type { World } from '../../engine/world.ts';
import { docCode } from '../../journal/docCode.ts';
import type { CrossDockSettings } from './crossdockSchema.ts';

/** One cross-dock move: received units of a receipt line for one order line, staging → pack. */
export interface CrossDockTask {
  id: number;
  receipt: number;
  /** Receipt line index. */
  line: number;
  item: number;
  lot: string;
  qty: number;
  order: number;
  /** Order line index. */
  orderLine: number;
  /** Staging bin index the units wait in. */
  from: number;
  created: number;
  /** Driver's worker index once a driver took the task, -1 while it waits for one. */
  driver: number;
  /** The units are on the driver's forklift (picked up at staging, not yet delivered). */
  onTruck: boolean;
}

/** Counters and samples for the cross-dock KPI section. */
export interface CrossDockKpiState {
  /** Receipt lines with at least one unit cross-docked, and the units. */
  lines: number;
  units: number;
  /** Order lines served and backordered orders among the orders served. */
  orderLines: number;
  backorders: number;
  tasksCreated: number;
  tasksDelivered: number;
  /** Tasks no driver took within `maxWaitMinutes` (their units went to putaway), and their units. */
  tasksExpired: number;
  unitsExpired: number;
  /** Door arrival → delivery at the pack station, ms, per delivered task. */
  dockToPack: number[];
  /** Order creation → its last cross-dock delivery (the order's wait for the goods), ms. */
  orderWait: number[];
}

/** Saved state of the cross-dock flow (plain JSON). */
export interface CrossDockState {
  tasks: Record<string, CrossDockTask>;
  /** Tasks waiting for a driver, oldest first. */
  ready: number[];
  kpi: CrossDockKpiState;
}

/** The cross-dock flow module: its state slice, expiry timer and the two steps of a move. */
export const crossdock = defineFlow({
  name: 'crossdock',
  state: (): CrossDockState => ({
    tasks: {},
    ready: [],
    kpi: {
      lines: 0,
      units: 0,
      orderLines: 0,
      backorders: 0,
      tasksCreated: 0,
      tasksDelivered: 0,
      tasksExpired: 0,
      unitsExpired: 0,
      dockToPack: [],
      orderWait: [],
    },
  }),
  events: ['crossDockExpiry'],
  actions: ['crossDockPickUp', 'crossDockDrop'],
  roles: ['putaway'],
});

/** The cross-dock flow's state inside the world, created on first use. */
export function crossDockState(w: FlowHost): CrossDockState {
  return crossdock.state(w);
}

/** The cross-dock settings when the scenario turns cross-docking on, else null. */
export function crossDockSettings(w: World): CrossDockSettings | null {
  const c = w.scenario.inbound?.crossDock;
  return c?.enabled ? c : null;
}

/** Cross-dock task number. */
export const crossDockCode = (id: number): string => docCode('crossDock', id);
