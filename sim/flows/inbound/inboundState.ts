import { defineFlow, type FlowHost } from '../../engine/defineFlow.ts';
import { inboundSchema } from './inboundSchema.ts';
import type { DroppedSamples } from './inboundSamples.ts';
import type { World } from '../../engine/world.ts';
import type { DiscrepancyCode, InboundSettings } from './inboundSchema.ts';
import { docCode } from '../../journal/docCode.ts';

/** One PO/ASN line on a truck: what is expected, what the supplier really shipped, what was received. */
export interface ReceiptLine {
  /** PO the line is received against ('' for goods on no PO). */
  po: string;
  /** Item ordered (after a noticed wrong item is received: the item that came). */
  item: number;
  /** Lot ('' for items without lot control). */
  lot: string;
  /** Quantity in `uom` (cases where the item has them) and in base units. */
  uomQty: number;
  uom: string;
  expectedQty: number;
  /** Base units actually received; -1 before the line is scanned. */
  receivedQty: number;
  /** Putaway tasks of this line not yet done. */
  openTasks: number;
  /** Time the last unit of the line was put away, -1 before. */
  stocked: number;
  /** What the supplier physically shipped: item and base units (short/over injectors aside). */
  shipItem: number;
  shipQty: number;
  /** Units of the shipment that arrive damaged. */
  damagedQty: number;
  /** Pallet labels missing or wrong; `relabel` when the receiver noticed (relabel time spent). */
  labelError: boolean;
  relabel: boolean;
  /** Units taken dock-to-dock to waiting orders (sim/flows/crossdock); absent = none. */
  crossDocked?: number;
}

/** A purchase order raised and not yet all on trucks. */
export interface PurchaseOrder {
  po: string;
  supplier: string;
  /** Time raised and the day its supplier delivers it. */
  created: number;
  dueDay: number;
  /** Item and quantity in cases (base units where the item has no case) still to ship. */
  lines: { item: number; qty: number }[];
}

/** A receipt against a PO (with or without an ASN). */
export interface Receipt {
  id: number;
  /** POs on the truck, in the order loaded (one or more of the same supplier), and when each was raised. */
  pos: { po: string; created: number }[];
  /** ASN number, '' when the PO came without one. */
  asn: string;
  supplier: string;
  /** Compiled receipt-machine state. */
  state: number;
  /** Held for QC inspection (decided by the QC plan when the PO is made). */
  qc: boolean;
  lines: ReceiptLine[];
  /** Expected arrival in the yard. */
  due: number;
  /** Yard arrival and door arrival (dock-to-stock starts at the door), -1 before. */
  yardAt: number;
  doorAt: number;
  /** Index into the inbound doors, -1 when not at a door. */
  door: number;
  /** Bin index the goods are received into (staging lane, or QC cage when held). */
  bin: number;
  /** Putaway tasks not yet done. */
  openTasks: number;
}

/** One putaway task: a pallet (or part of one) from staging to storage. */
export interface PutawayTask {
  id: number;
  receipt: number;
  line: number;
  item: number;
  lot: string;
  qty: number;
  /** Compiled putaway-task-machine state. */
  state: number;
  /** Where the unit waits (staging lane or QC cage). */
  from: number;
  /** Directed bin, -1 when none (created or parked). */
  bin: number;
  /** Bin actually used after an approved override, -1 when none. */
  overrideBin: number;
  /** Override reason code, '' when none. */
  reason: string;
  /** When the pending override was requested (the driver waits from then), -1 when none. */
  requestedAt?: number;
  created: number;
  /** Driver's worker index while the task is in a job, -1 otherwise. */
  driver: number;
}

/** Counters and samples for the inbound KPI section. */
export interface InboundKpiState {
  scheduled: number;
  arrived: number;
  atDoor: number;
  closed: number;
  rejected: number;
  linesReceived: number;
  unitsReceived: number;
  palletsUnloaded: number;
  qcHeld: number;
  qcReleased: number;
  qcRejected: number;
  tasksCreated: number;
  tasksDone: number;
  splits: number;
  forwardTopUps: number;
  consolidations: number;
  overrides: number;
  /** Override requests sent to a supervisor, and those the supervisor rejected. */
  overrideRequests: number;
  overridesRejected: number;
  /** Drivers' waits for a supervisor's override decision: sum and maximum, ms. */
  overrideWaitMs: number;
  overrideWaitMaxMs: number;
  parkedEver: number;
  returnedToStaging: number;
  stagingOverflows: number;
  yardMax: number;
  yardWaitMs: number;
  /** Dock-to-stock per receipt line, ms, and the same by destination zone and driver's shift. */
  dockToStock: number[];
  byZone: Record<string, number[]>;
  byShift: Record<string, number[]>;
  /** Door busy time: ∫ busy doors dt (ms) and when last advanced. */
  doorBusyMs: number;
  doorLast: number;
  unitsPutAway: number;
  /** Receipt discrepancies recorded by the receivers, and those that went unnoticed, by code. */
  discrepancies: Partial<Record<DiscrepancyCode, number>>;
  unnoticed: Partial<Record<DiscrepancyCode, number>>;
  /** Lines scanned, and lines with at least one recorded discrepancy. */
  linesScanned: number;
  discrepancyLines: number;
  /** POs raised, and their lead time (raised → truck in the yard), ms. */
  posRaised: number;
  leadTimes: number[];
  /** Pallets and lines per truck, as loaded. */
  truckPallets: number[];
  truckLines: number[];
  /**
   * What the series above let go past `retention.inboundSamples` (inboundSamples.ts), by series
   * (`dockToStock`, `byZone:<zone>`, `byShift:<shift>`, `leadTimes`, `truckPallets`, `truckLines`);
   * absent until one does.
   */
  dropped?: Record<string, DroppedSamples>;
}

/** Saved state of the inbound flow (plain JSON). */
export interface InboundState {
  receipts: Record<string, Receipt>;
  tasks: Record<string, PutawayTask>;
  /** POs raised whose goods are not all on trucks yet, oldest first. */
  pos: PurchaseOrder[];
  /** Trucks in the yard waiting for a door, FIFO (receipt ids). */
  yard: number[];
  /** Receipts at a door waiting for a receiver, FIFO. */
  toReceive: number[];
  /** Directed putaway tasks waiting for a driver, FIFO. */
  ready: number[];
  /** Tasks for which no bin fits, oldest first. */
  parked: number[];
  /** Receipt at each inbound door, 0 = free. */
  doors: number[];
  /** A retry of parked tasks is scheduled. */
  retryPending: boolean;
  /** Lot serial counter (lot codes carry it after the expiry day). */
  lotSerial: number;
  /**
   * Day each received lot arrived, kept only when a FIFO or LIFO removal strategy reads it
   * (absent otherwise, so the saved state of other runs is as before).
   */
  lotDays?: Record<string, number>;
  kpi: InboundKpiState;
}

/** Timer codes (the `b` of an inboundTimer event; `a` is the receipt or task id). */
export const InboundTimer = {
  qcDone: 1,
  retryParked: 2,
} as const;

/** The inbound settings of a world (the flow only runs when they exist). */
export function settings(w: World): InboundSettings {
  return w.scenario.inbound!;
}

/** The inbound flow module (receiving, QC, putaway): its state slice, events and step actions. */
export const inbound = defineFlow({
  name: 'inbound',
  state: (): InboundState => ({
    receipts: {},
    tasks: {},
    pos: [],
    yard: [],
    toReceive: [],
    ready: [],
    parked: [],
    doors: [],
    retryPending: false,
    lotSerial: 0,
    kpi: {
      scheduled: 0,
      arrived: 0,
      atDoor: 0,
      closed: 0,
      rejected: 0,
      linesReceived: 0,
      unitsReceived: 0,
      palletsUnloaded: 0,
      qcHeld: 0,
      qcReleased: 0,
      qcRejected: 0,
      tasksCreated: 0,
      tasksDone: 0,
      splits: 0,
      forwardTopUps: 0,
      consolidations: 0,
      overrides: 0,
      overrideRequests: 0,
      overridesRejected: 0,
      overrideWaitMs: 0,
      overrideWaitMaxMs: 0,
      parkedEver: 0,
      returnedToStaging: 0,
      stagingOverflows: 0,
      yardMax: 0,
      yardWaitMs: 0,
      dockToStock: [],
      byZone: {},
      byShift: {},
      doorBusyMs: 0,
      doorLast: 0,
      unitsPutAway: 0,
      discrepancies: {},
      unnoticed: {},
      linesScanned: 0,
      discrepancyLines: 0,
      posRaised: 0,
      leadTimes: [],
      truckPallets: [],
      truckLines: [],
    },
  }),
  events: ['truckArrival', 'inboundTimer', 'inboundSchedule'],
  actions: [
    'receiveUnload',
    'receiveLineScan',
    'receiveDone',
    'putawayPickUp',
    'putawayDrop',
    'putawayReturn',
  ],
  roles: ['receiver', 'putaway'],
  schema: { key: 'inbound', section: inboundSchema },
});

/** The inbound flow's state inside the world, created on first use. */
export function inboundState(w: FlowHost): InboundState {
  return inbound.state(w);
}

/** Human document numbers. */
export const receiptCode = (id: number): string => docCode('receipt', id);
/** Purchase order number. */
export const poCode = (n: number): string => docCode('purchaseOrder', n);
/** Advance shipping notice number. */
export const asnCode = (n: number): string => docCode('asn', n);
/** Putaway task number. */
export const putawayCode = (id: number): string => docCode('putaway', id);

/** Day a lot was received in this run, or -1 (opening stock, or not recorded). */
export function lotArrivalDay(w: FlowHost, lot: string): number {
  return inbound.peek(w)?.lotDays?.[lot] ?? -1;
}
