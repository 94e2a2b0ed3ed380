import { defineFlow, type FlowHost } from '../../engine/defineFlow.ts';
import { pickingSchema } from '../../scenario/scenarioSchema.ts';

/** Saved state of the picking, packing and shipping flows. */
export interface PickingState {
  /** Orders allocated and waiting for the next wave. */
  pendingWave: number[];
  wave: number;
  /** Zone picking: per zone, untaken task ids of released orders (one order's together), oldest first. */
  zoneQueues: Record<string, number[]>;
  /** Orders picked and waiting for a packer, oldest first. */
  packQueue: number[];
  /** Orders packed and waiting for the carrier. */
  shipQueue: number[];
  /** Pickers waiting at an empty face, by bin index. */
  waitingAt: Record<string, number[]>;
  /** Backordered order ids waiting for stock, oldest first. */
  backorders: number[];
  /** SKUs backorders wait for: how many backorders want each. */
  backorderSkus: Record<string, number>;
  /** A backorder retry is scheduled and not yet run. */
  retryPending: boolean;
  /** Bin/SKU/lot keys held after a short pick until a count settles them, with the hold time. */
  shortHolds?: Record<string, number>;
}

/**
 * The picking flow module: its state slice (also the packing and shipping queues), the events it
 * schedules and the step actions of a pick tour.
 */
export const picking = defineFlow({
  name: 'picking',
  state: (): PickingState => ({
    pendingWave: [],
    wave: 0,
    zoneQueues: {},
    packQueue: [],
    shipQueue: [],
    waitingAt: {},
    backorders: [],
    backorderSkus: {},
    retryPending: false,
    shortHolds: {},
  }),
  events: ['orderArrival', 'waveRelease', 'workerWaitTimeout', 'backorderRetry', 'backorderCancel'],
  actions: ['pickAtFace', 'tourBack', 'pickArrive'],
  roles: ['picker'],
  schema: { key: 'picking', section: pickingSchema },
});

/** The picking flow's state inside the world, created on first use. */
export function pickingState(w: FlowHost): PickingState {
  return picking.state(w);
}
