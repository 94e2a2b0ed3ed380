import { setup } from 'xstate';

/**
 * Pick task lifecycle: one order line picked from one bin. A picker at an empty face waits for
 * replenishment (that idle time is a KPI) or short-picks; the engine decides which.
 */
export const pickTaskMachine = setup({
  types: {
    events: {} as
      | { type: 'task.assigned' }
      | { type: 'task.unassigned' }
      | { type: 'task.travelStarted' }
      | { type: 'task.arrived' }
      | { type: 'task.binScanned' }
      | { type: 'task.waitStock' }
      | { type: 'task.stockArrived' }
      | { type: 'task.picked' }
      | { type: 'task.shortPicked' }
      | { type: 'task.cancelled' },
  },
}).createMachine({
  id: 'pickTask',
  initial: 'created',
  states: {
    created: { on: { 'task.assigned': 'assigned', 'task.cancelled': 'cancelled' } },
    assigned: { on: { 'task.travelStarted': 'travelling', 'task.unassigned': 'created' } },
    travelling: { on: { 'task.arrived': 'atBin' } },
    atBin: { on: { 'task.binScanned': 'scanned', 'task.waitStock': 'waitingStock' } },
    waitingStock: { on: { 'task.stockArrived': 'atBin', 'task.shortPicked': 'shortPicked' } },
    scanned: { on: { 'task.picked': 'picked', 'task.shortPicked': 'shortPicked' } },
    picked: { type: 'final' },
    shortPicked: { type: 'final' },
    cancelled: { type: 'final' },
  },
});
