import type { DocRefs } from './docRefs.ts';
import type { TransactionType } from './transactionCatalogue.ts';

export type { DocRefs } from './docRefs.ts';
export type { TransactionType } from './transactionCatalogue.ts';

/** Inventory statuses of a stock record (DESIGN.md, "Inventory record"). */
export const INVENTORY_STATUSES = [
  'available',
  'allocated',
  'inspection',
  'damaged',
  'quarantine',
  'in-transit',
  'consigned',
  'customer-reserved',
] as const;

/** One inventory status. */
export type InventoryStatus = (typeof INVENTORY_STATUSES)[number];

/** Who did it: worker id, role, and the device used (scanner id) where one was. */
export interface Actor {
  worker: string;
  role: string;
  device?: string;
  /** How a step on the device was confirmed when not by a scan: typed in, or a supervised override. */
  method?: 'keyed' | 'override';
}

/**
 * One system transaction in the append-only journal. The system ledger is a fold over these
 * (see systemLedger.ts); physical-only happenings never appear here. Field order is fixed by
 * `makeJournalEvent` so the NDJSON bytes are reproducible.
 */
export interface JournalEvent {
  /** Stable id: `E` + sequence number. */
  id: string;
  /** Sequence number in this run, from 1, without gaps. */
  seq: number;
  /** Sim time, integer milliseconds since the run's start (Monday 00:00). */
  t: number;
  /** Namespaced event type (`pick.confirmed`), one of the transaction catalogue's. */
  type: TransactionType;
  actor?: Actor;
  site: string;
  bin?: string;
  /** Destination bin for moves (putaway, replenishment, pick to pack). */
  toBin?: string;
  sku?: string;
  lot?: string;
  /** Quantity in the UoM keyed. */
  qty?: number;
  uom?: string;
  /** Quantity in base units (what the ledger moves). */
  baseQty?: number;
  statusFrom?: InventoryStatus;
  statusTo?: InventoryStatus;
  reason?: string;
  docs?: DocRefs;
}

/** The fields a caller supplies; id, seq and t come from the engine. */
export type JournalEventBody = Omit<JournalEvent, 'id' | 'seq' | 't'>;

/** Builds an event with a canonical key order, so identical runs serialise identically. */
export function makeJournalEvent(seq: number, t: number, body: JournalEventBody): JournalEvent {
  const e: JournalEvent = { id: `E${seq}`, seq, t, type: body.type, site: body.site };
  if (body.actor !== undefined) e.actor = body.actor;
  if (body.bin !== undefined) e.bin = body.bin;
  if (body.toBin !== undefined) e.toBin = body.toBin;
  if (body.sku !== undefined) e.sku = body.sku;
  if (body.lot !== undefined) e.lot = body.lot;
  if (body.qty !== undefined) e.qty = body.qty;
  if (body.uom !== undefined) e.uom = body.uom;
  if (body.baseQty !== undefined) e.baseQty = body.baseQty;
  if (body.statusFrom !== undefined) e.statusFrom = body.statusFrom;
  if (body.statusTo !== undefined) e.statusTo = body.statusTo;
  if (body.reason !== undefined) e.reason = body.reason;
  if (body.docs !== undefined) e.docs = body.docs;
  return e;
}
