import { defineFlow, type FlowHost } from '../../engine/defineFlow.ts';
import { compileMachine, type CompiledMachine } from '../../machines/compileMachine.ts';
import { transferMachine } from '../../machines/transferMachine.ts';
import type { Lifecycle } from '../../engine/effect.ts';
import type { World } from '../../engine/world.ts';
import { docCode } from '../../journal/docCode.ts';
import type { TransferSiteSettings } from './transferSettings.ts';

/** One lot of a transfer: what the source books and what really travels. */
export interface TransferLine {
  lot: string;
  /** Base units booked as shipped. */
  qty: number;
  /** Base units physically loaded (over-loading aside, the same). */
  loaded: number;
  /** Of those, lost and damaged on the way (drawn at the source when it ships). */
  lost: number;
  damaged: number;
}

/**
 * A transfer order: raised at the destination (rule or listed), created and shipped at the
 * source, received at the destination. It travels as a message between the two sites' worlds,
 * so each site holds its own copy; `state` indexes the transfer statechart.
 */
export interface TransferDoc {
  /** The source's counter (the lifecycle document id). */
  id: number;
  /** The transfer number, unique across the network (the source's counter and site). */
  code: string;
  from: string;
  to: string;
  sku: string;
  /** Base units asked for. */
  requested: number;
  lines: TransferLine[];
  state: number;
  requestedAt: number;
  shippedAt: number;
  arrivedAt: number;
  receivedAt: number;
  /** Base units the destination received as available and as damaged; discrepancy codes. */
  received: number;
  damagedReceived: number;
  codes: string[];
  /** The destination's receipt id, -1 before it arrives. */
  receipt: number;
  /** Bins allocated at the source (index, lot, base units), picked in this order. */
  picks: { bin: number; lot: string; qty: number; picked: boolean }[];
  /** Base units the source has closed out of in-transit (confirmations can come in parts). */
  closed: number;
  /** Closed units per line, kept from the first closure that names lots on (a claim's). */
  closedLines?: number[];
}

/** What one site tells another; the network runner carries it (sim/network/networkRun.ts). */
export type TransferMessage =
  | { kind: 'request'; from: string; to: string; sku: string; qty: number; requestedAt: number }
  | { kind: 'shipped'; doc: TransferDoc }
  /** `lots`: the base units confirmed per lot, sent when a claim holds some lots back (else lines first). */
  | { kind: 'confirmed'; id: number; code: string; qty: number; partial: boolean; lots?: LotQty[] }
  | { kind: 'cancelled'; code: string; to: string; sku: string; qty: number }
  /** To itself: a claim's investigation time is over (sim/flows/transfers/transferClaims.ts). */
  | { kind: 'claimDue'; code: string }
  /** To the source: a claim's missing units were never found, close them as a loss. */
  | { kind: 'claimWrittenOff'; id: number; code: string; qty: number; lots?: LotQty[] }
  /** To the source: a claim's missing units came back to it (the carrier returned them). */
  | { kind: 'claimReturned'; id: number; code: string; qty: number; lots: LotQty[] };

/** Base units of one lot ('' = no lot). */
export interface LotQty {
  lot: string;
  qty: number;
}

/** An open claim on a transfer received short (held at the destination, by transfer code). */
export interface TransferClaim {
  code: string;
  /** The source's transfer id (its confirmations name it). */
  id: number;
  from: string;
  sku: string;
  /** Missing base units by lot, as counted at the receipt. */
  lots: { lot: string; qty: number }[];
  qty: number;
  value: number;
  openedAt: number;
}

/** The destination's claims: open ones and the counters of the claims KPIs. */
export interface ClaimBook {
  open: Record<string, TransferClaim>;
  kpi: {
    opened: number;
    found: number;
    writtenOff: number;
    /** Claims whose units went back to the source (`returnShare`; older snapshots have none). */
    returned?: number;
    unitsReturned?: number;
    unitsFound: number;
    unitsWrittenOff: number;
    valueWrittenOff: number;
    /** Opened → resolved, ms, per resolved claim. */
    resolutionMs: number[];
  };
}

/** A message waiting to leave this site: for site `to`, due there at `at`. */
export interface OutboxEntry {
  to: string;
  at: number;
  msg: TransferMessage;
}

/** Counters of the transfers KPI section (per site; the network sums them). */
export interface TransferKpiState {
  requested: number;
  created: number;
  cancelled: number;
  shipped: number;
  unitsShipped: number;
  valueShipped: number;
  received: number;
  unitsReceived: number;
  /** Received transfers with a discrepancy, and the count by code. */
  discrepant: number;
  codes: Record<string, number>;
  /** Request at the destination → received there, ms, per received transfer. */
  leadTimes: number[];
  lateReceipts: number;
}

/** Saved state of the transfers flow (plain JSON). */
export interface TransfersState {
  settings: TransferSiteSettings | null;
  /** Messages for other sites, drained by the network runner after each step of this site. */
  outbox: OutboxEntry[];
  /** Messages delivered here, by number, until their event handles them. */
  inbox: Record<string, TransferMessage>;
  nextMessage: number;
  /** Transfers this site ships, by id (the job's ref), until the destination confirms them. */
  outgoing: Record<string, TransferDoc>;
  /** Created transfers waiting for a picker, FIFO (codes). */
  toPick: string[];
  /** Transfers this site receives, by code, from arrival until received. */
  incoming: Record<string, TransferDoc>;
  /** Receipt id → transfer code, for the receipts of incoming transfers. */
  byReceipt: Record<string, string>;
  /** Per SKU: base units this site asked for and has not received yet (the rules' position). */
  onOrder: Record<string, number>;
  /**
   * Goods of a late receipt lying unbooked at the door, by receipt id: the physical records put
   * there at arrival, taken back when the receipt is finally posted.
   */
  /** The SKUs a refill rule without a list covers (fixed at the first review). */
  stocked?: string[];
  lateDoor: Record<
    string,
    { bin: string; sku: string; lot: string; status: 'available' | 'damaged'; delta: number }[]
  >;
  kpi: TransferKpiState;
  /** Claims on short receipts (only with `claims.enabled`; absent in older snapshots). */
  claims?: ClaimBook;
}

/** The transfers flow module: its state slice, events and step actions. */
export const transfers = defineFlow({
  name: 'transfers',
  state: (): TransfersState => ({
    settings: null,
    outbox: [],
    inbox: {},
    nextMessage: 0,
    outgoing: {},
    toPick: [],
    incoming: {},
    byReceipt: {},
    onOrder: {},
    lateDoor: {},
    kpi: {
      requested: 0,
      created: 0,
      cancelled: 0,
      shipped: 0,
      unitsShipped: 0,
      valueShipped: 0,
      received: 0,
      unitsReceived: 0,
      discrepant: 0,
      codes: {},
      leadTimes: [],
      lateReceipts: 0,
    },
  }),
  events: ['transferReview', 'transferMessage'],
  actions: ['transferPick', 'transferLoad'],
  roles: ['picker'],
});

/** The transfers state of a world (created on first use). */
export function transfersState(w: FlowHost): TransfersState {
  return transfers.state(w);
}

/** Is this world a site of a network with transfers on? (Single-site runs: never.) */
export function transfersOn(w: FlowHost): boolean {
  return transfers.peek(w)?.settings != null;
}

/** The transfer number: the source site and its counter, so numbers never clash across sites. */
export function transferCode(site: string, n: number): string {
  return `${site}-${docCode('transfer', n)}`;
}

/**
 * Where a transfer's picks wait at the pack station to be loaded: a location of their own, so
 * the floor never mixes them with the orders' goods at the pack bin.
 */
export function stageBin(code: string): string {
  return `STAGE-${code}`;
}

/** Where a transfer's goods sit while in transit, in the source's ledgers (one location per transfer). */
export function transitBin(code: string): string {
  return `TRANSIT-${code}`;
}

/** The `reason` of transfer events: both ends, so an export can name them. */
export function transferReason(d: { from: string; to: string }): string {
  return `from=${d.from} to=${d.to}`;
}

let table: CompiledMachine | null = null;
let life: Lifecycle | null = null;
/** The compiled transfer statechart and its lifecycle, built once per process. */
export function transferLife(): Lifecycle {
  table ??= compileMachine(transferMachine);
  life ??= { doc: 'transfer', machine: table };
  return life;
}

/** Queues a message for another site (delivered by the network runner at `at`). */
export function sendMessage(w: World, to: string, msg: TransferMessage, at = w.now): void {
  transfersState(w).outbox.push({ to, at, msg });
}
