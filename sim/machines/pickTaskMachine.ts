import { setup } from 'xstate';
import type { ExitEvents } from './taskStepMeta.ts';

/** The event each exception exit of a pick step sends. */
export const pickExits: ExitEvents = {
  short: 'task.shortPicked',
  cancel: 'task.cancelled',
};

/**
 * Pick task lifecycle: one order line picked from one bin. At the face the picker scans the bin
 * label (finding the face short, they may wait for stock there), then the item, then confirms
 * the quantity taken: the guard `fullQuantity` (evaluated by
 * whoever holds the line: the engine, or the handheld from the entry) makes it `picked`, less is
 * `shortPicked`. A picker at an empty face waits for replenishment (that idle time is a KPI) for
 * at most the chart's `maxFaceWait` and then short-picks; the engine decides whether stock is on
 * its way. `task.picked` / `task.shortPicked` right after the bin scan are the same steps for a
 * driver that checks item and quantity in one message. The live scanner feed walks the states'
 * meta (`event`): bin scan, item scan, quantity confirmed with `fullQuantity` holding (the
 * quantity scanned is the line as taken).
 */
export const pickTaskMachine = setup({
  types: {
    events: {} as
      | { type: 'task.assigned' }
      | { type: 'task.unassigned' }
      | { type: 'task.travelStarted' }
      | { type: 'task.arrived' }
      | { type: 'task.binScanned' }
      | { type: 'task.itemScanned' }
      | { type: 'task.qtyConfirmed'; qty: number; expected: number }
      | { type: 'task.waitStock' }
      | { type: 'task.stockArrived' }
      | { type: 'task.picked' }
      | { type: 'task.shortPicked' }
      | { type: 'task.cancelled' },
  },
  guards: {
    fullQuantity: ({ event }) => event.type === 'task.qtyConfirmed' && event.qty >= event.expected,
  },
  delays: {
    /** Longest a picker waits at an empty face for replenishment before short-picking. */
    maxFaceWait: 15 * 60_000,
  },
}).createMachine({
  id: 'pickTask',
  initial: 'created',
  states: {
    created: {
      meta: { prompt: 'Wait for a tour', input: 'none', event: 'task.assigned', exits: ['cancel'] },
      on: { 'task.assigned': 'assigned', 'task.cancelled': 'cancelled' },
    },
    assigned: {
      meta: { prompt: 'Start the tour', input: 'confirm', event: 'task.travelStarted', exits: [] },
      on: { 'task.travelStarted': 'travelling', 'task.unassigned': 'created' },
    },
    travelling: {
      meta: { prompt: 'Go to the pick face', input: 'none', event: 'task.arrived', exits: [] },
      on: { 'task.arrived': 'atBin' },
    },
    atBin: {
      meta: { prompt: 'Scan the pick face label', input: 'binLabel', event: 'task.binScanned', exits: [] },
      on: { 'task.binScanned': 'scanned' },
    },
    waitingStock: {
      meta: {
        prompt: 'Face empty: wait for replenishment',
        input: 'none',
        event: 'task.stockArrived',
        exits: ['short'],
      },
      on: { 'task.stockArrived': 'scanned', 'task.shortPicked': 'shortPicked' },
      after: { maxFaceWait: 'shortPicked' },
    },
    scanned: {
      meta: { prompt: 'Scan the item', input: 'gs1Item', event: 'task.itemScanned', exits: ['short'] },
      on: {
        'task.itemScanned': 'itemScanned',
        'task.waitStock': 'waitingStock',
        'task.picked': 'picked',
        'task.shortPicked': 'shortPicked',
      },
    },
    itemScanned: {
      meta: {
        prompt: 'Enter the quantity taken',
        input: 'quantity',
        event: 'task.qtyConfirmed',
        exits: ['short'],
      },
      on: {
        'task.qtyConfirmed': [{ guard: 'fullQuantity', target: 'picked' }, { target: 'shortPicked' }],
        'task.shortPicked': 'shortPicked',
      },
    },
    picked: { type: 'final', meta: { prompt: 'Picked', input: 'none', exits: [] } },
    shortPicked: { type: 'final', meta: { prompt: 'Short-picked', input: 'none', exits: [] } },
    cancelled: { type: 'final', meta: { prompt: 'Cancelled', input: 'none', exits: [] } },
  },
});
