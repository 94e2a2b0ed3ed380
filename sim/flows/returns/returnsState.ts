import { defineFlow, type FlowHost } from '../../engine/defineFlow.ts';
import { docCode } from '../../journal/docCode.ts';
import type { World } from '../../engine/world.ts';
import {
  returnsSchema,
  type DiscrepancyCode,
  type DispositionCode,
  type ReturnsSettings,
} from './returnsSchema.ts';

/** One customer return: an RMA for (part of) a shipped order line, and where its goods are. */
export interface Rma {
  id: number;
  /** Compiled return-machine state. */
  state: number;
  item: number;
  lot: string;
  /** Units the RMA authorises, and units received (-1 before the receipt). */
  qty: number;
  received: number;
  /** Order and line (1-based) the goods were shipped on. */
  order: string;
  line: number;
  shippedAt: number;
  /** When received into quarantine, -1 before. */
  receivedAt: number;
  /** Bin index the goods are in (returns area, then rework), -1 before the receipt. */
  bin: number;
  /** Disposition decided at inspection, '' before. */
  code: DispositionCode | '';
  /** Restock: directed storage bin (-1: none yet, or parked), and the driver's worker index while moving it. */
  toBin: number;
  driver: number;
  /** Receipt discrepancy against the RMA (noRma: decided when the goods are sent); absent: none. */
  discrepancy?: DiscrepancyCode;
  /** Wrong item: the item the RMA authorised (`item` is the one that came). */
  rmaItem?: number;
  /** Unauthorised return the desk accepted (an RMA raised after the fact). */
  authorisedLate?: true;
}

/** A QC-rejected receipt line waiting for its disposition. */
export interface RejectedLine {
  receipt: string;
  line: number;
  bin: string;
  sku: string;
  lot: string;
  qty: number;
  uom: string;
  at: number;
}

/** Counters and samples for the returns KPI section. */
export interface ReturnsKpiState {
  rmas: number;
  cancelled: number;
  received: number;
  unitsReceived: number;
  mismatches: number;
  inspected: number;
  /** Returns, units and value (unit cost × units) by disposition code. */
  byCode: Record<DispositionCode, number>;
  unitsByCode: Record<DispositionCode, number>;
  valueByCode: Record<DispositionCode, number>;
  /** Received → out of quarantine (restocked, to rework, shipped to the vendor, scrapped), ms per return. */
  dwellMs: number[];
  restockParked: number;
  /** Returns put back on a pick face before inspection (the injector; truth only, the system does not know). */
  uninspectedRestocks: number;
  qcRejectVendorReturned: number;
  qcRejectScrapped: number;
  qcRejectUnits: number;
  qcRejectValue: number;
}

/** Counters of the receipt discrepancies (`returns.discrepancies` in kpis.json). */
export interface DiscrepancyKpiState {
  /** Returns, units and value at unit cost by code (short: the missing units; the others: the units received). */
  count: Record<DiscrepancyCode, number>;
  units: Record<DiscrepancyCode, number>;
  value: Record<DiscrepancyCode, number>;
  /** Unauthorised returns by the desk's decision, and the units refused (shipped back). */
  accepted: number;
  refused: number;
  scrapped: number;
  refusedUnits: number;
  scrappedValue: number;
}

/** The rework area's queue: benches busy, returns waiting for one (FIFO), and the KPI samples. */
export interface ReworkQueueState {
  busy: number;
  queue: number[];
  /** When each waiting or working return joined the queue (RMA id → ms). */
  queuedAt: Record<string, number>;
  started: number;
  maxQueue: number;
  /** Queued → bench free, and queued → rework done, ms per return. */
  waitMs: number[];
  dwellMs: number[];
}

/** Saved state of the returns flow (plain JSON). */
export interface ReturnsState {
  /** Open RMAs by id (issued or not yet), dropped once their goods have left the flow. */
  rmas: Record<string, Rma>;
  /** Returns at the desk waiting for a receiver, FIFO (RMA ids). */
  toReceive: number[];
  /** Received returns waiting for inspection, FIFO. */
  toInspect: number[];
  /** Restocks directed to a bin waiting for a putaway driver, FIFO. */
  toRestock: number[];
  /** Restocks no storage bin could take, retried on a timer. */
  parked: number[];
  retryPending: boolean;
  /** QC-rejected lines waiting for their disposition decision, by id. */
  rejected: Record<string, RejectedLine>;
  nextRejected: number;
  kpi: ReturnsKpiState;
  /** The rework area's benches and queue (sim/flows/returns/reworkQueue.ts). */
  rework?: ReworkQueueState;
  /** Receipt discrepancy counters (sim/flows/returns/discrepancy.ts). */
  discrepancies?: DiscrepancyKpiState;
}

/** Timer codes (the `b` of a returnsTimer event; `a` is the RMA or rejected-line id). */
export const ReturnsTimer = {
  rmaDue: 1,
  arrival: 2,
  reworkDone: 3,
  qcDecision: 4,
  retryParked: 5,
  noRmaDecision: 6,
} as const;

const zeroByCode = (): Record<DispositionCode, number> => ({
  restock: 0,
  rework: 0,
  vendorReturn: 0,
  scrap: 0,
});

/** The returns flow module (RMAs, returns desk, inspection, dispositions, QC-reject disposition). */
export const returns = defineFlow({
  name: 'returns',
  state: (): ReturnsState => ({
    rmas: {},
    toReceive: [],
    toInspect: [],
    toRestock: [],
    parked: [],
    retryPending: false,
    rejected: {},
    nextRejected: 0,
    kpi: {
      rmas: 0,
      cancelled: 0,
      received: 0,
      unitsReceived: 0,
      mismatches: 0,
      inspected: 0,
      byCode: zeroByCode(),
      unitsByCode: zeroByCode(),
      valueByCode: zeroByCode(),
      dwellMs: [],
      restockParked: 0,
      uninspectedRestocks: 0,
      qcRejectVendorReturned: 0,
      qcRejectScrapped: 0,
      qcRejectUnits: 0,
      qcRejectValue: 0,
    },
  }),
  events: ['returnsTimer'],
  actions: ['returnReceive', 'returnInspect', 'restockPickUp', 'restockDrop', 'restockBack'],
  // Receivers work the returns desk: returns are a receipt type at the inbound dock.
  roles: ['receiver', 'putaway'],
  schema: { key: 'returns', section: returnsSchema },
});

/** The returns flow's state inside the world, created on first use. */
export function returnsState(w: FlowHost): ReturnsState {
  return returns.state(w);
}

/** The returns settings of a world (the flow only runs when they exist). */
export function returnsSettings(w: World): ReturnsSettings {
  return w.scenario.returns!;
}

/** RMA number. */
export const rmaCode = (id: number): string => docCode('rma', id);
