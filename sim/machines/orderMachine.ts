import { setup } from 'xstate';

/**
 * Sales order lifecycle. Data-dependent decisions (is stock enough? did every line ship?) are
 * made by the engine, which then sends the matching event; the machine only says which steps
 * are legal in which order, so it compiles to a table (see compileMachine).
 */
export const orderMachine = setup({
  types: {
    events: {} as
      | { type: 'order.allocated' }
      | { type: 'order.backordered' }
      | { type: 'order.released' }
      | { type: 'order.pickStarted' }
      | { type: 'order.picked' }
      | { type: 'order.packed' }
      | { type: 'order.shipped' }
      | { type: 'order.shortShipped' }
      | { type: 'order.cancelled' },
  },
}).createMachine({
  id: 'order',
  initial: 'created',
  states: {
    created: {
      on: {
        'order.allocated': 'allocated',
        'order.backordered': 'backordered',
        'order.cancelled': 'cancelled',
      },
    },
    backordered: { on: { 'order.allocated': 'allocated', 'order.cancelled': 'cancelled' } },
    allocated: { on: { 'order.released': 'released', 'order.cancelled': 'cancelled' } },
    released: { on: { 'order.pickStarted': 'picking' } },
    picking: { on: { 'order.picked': 'picked' } },
    picked: { on: { 'order.packed': 'packed', 'order.shortShipped': 'shortShipped' } },
    packed: { on: { 'order.shipped': 'shipped', 'order.shortShipped': 'shortShipped' } },
    shipped: { type: 'final' },
    shortShipped: { type: 'final' },
    cancelled: { type: 'final' },
  },
});
