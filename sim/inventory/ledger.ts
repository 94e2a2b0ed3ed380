import type { InventoryStatus, JournalEvent } from '../journal/journalEvent.ts';

/** One inventory record: (bin, sku, lot, status) → quantity in base units. */
export interface StockRecord {
  bin: string;
  sku: string;
  lot: string;
  status: InventoryStatus;
  qty: number;
}

/** Saved form of a ledger: records sorted by key. */
export type LedgerState = StockRecord[];

const SEP = '\u0001';

/**
 * Told of every record change, after it is made: the quantity before and after (0 = absent) and
 * the record's `recordKey` (so a listener keyed the same way builds no string of its own).
 * Derived indexes (occupancy, IRA counters, count weights) follow the ledger through this
 * instead of re-reading every record.
 */
export type LedgerListener = (
  bin: string,
  sku: string,
  lot: string,
  status: InventoryStatus,
  before: number,
  after: number,
  key: string,
) => void;

/** The record key; lot '' for items without lot control. */
export function recordKey(bin: string, sku: string, lot: string, status: string): string {
  return bin + SEP + sku + SEP + lot + SEP + status;
}

/**
 * A stock ledger. The same class holds the physical ledger (truth) and the system ledger (what
 * the journal says); they differ only in who writes to them. Records at zero are removed, so
 * "non-zero in either ledger" is just "present in either". A per-SKU index serves allocation.
 */
export class Ledger {
  private readonly records = new Map<string, StockRecord>();
  // The indexes hold the records themselves (in insertion order), so reading a bin or a SKU is
  // no lookup by key per record.
  private readonly bySku = new Map<string, Set<StockRecord>>();
  private readonly byBin = new Map<string, Set<StockRecord>>();
  private readonly listeners: LedgerListener[] = [];
  /** Full walks over every record (`all`, `totalsBySku`), for tests that pin "no full pass". */
  fullPasses = 0;

  /** Calls `fn` after every record change from now on (derived state, never saved). */
  listen(fn: LedgerListener): void {
    this.listeners.push(fn);
  }

  /** Adds (or with a negative delta removes) stock; a result below zero is an error. */
  add(bin: string, sku: string, lot: string, status: InventoryStatus, delta: number): void {
    if (delta === 0) return;
    const key = recordKey(bin, sku, lot, status);
    const r = this.records.get(key);
    const before = r?.qty ?? 0;
    const qty = before + delta;
    if (qty < 0) {
      throw new Error(
        `negative stock: ${bin} ${sku} lot ${lot || '-'} ${status} would be ${qty} (delta ${delta})`,
      );
    }
    if (qty === 0) {
      this.records.delete(key);
      this.bySku.get(sku)?.delete(r!);
      this.byBin.get(bin)?.delete(r!);
      this.tell(bin, sku, lot, status, before, 0, key);
      return;
    }
    if (r) {
      r.qty = qty;
      this.tell(bin, sku, lot, status, before, qty, key);
      return;
    }
    const rec: StockRecord = { bin, sku, lot, status, qty };
    this.records.set(key, rec);
    let idx = this.bySku.get(sku);
    if (!idx) this.bySku.set(sku, (idx = new Set()));
    idx.add(rec);
    let b = this.byBin.get(bin);
    if (!b) this.byBin.set(bin, (b = new Set()));
    b.add(rec);
    this.tell(bin, sku, lot, status, 0, qty, key);
  }

  private tell(
    bin: string,
    sku: string,
    lot: string,
    status: InventoryStatus,
    before: number,
    after: number,
    key: string,
  ): void {
    for (let i = 0; i < this.listeners.length; i++)
      this.listeners[i]!(bin, sku, lot, status, before, after, key);
  }

  /** Live records in a bin (do not mutate). */
  recordsIn(bin: string): StockRecord[] {
    const recs = this.byBin.get(bin);
    return recs ? [...recs] : [];
  }

  /** Quantity of one record (0 when absent). */
  qty(bin: string, sku: string, lot: string, status: InventoryStatus): number {
    return this.records.get(recordKey(bin, sku, lot, status))?.qty ?? 0;
  }

  /** Live records of a SKU (do not mutate). */
  recordsOf(sku: string): StockRecord[] {
    const recs = this.bySku.get(sku);
    return recs ? [...recs] : [];
  }

  /** Every record, in insertion order (do not mutate). */
  all(): IterableIterator<StockRecord> {
    this.fullPasses++;
    return this.records.values();
  }

  /** Record by key, if present. */
  get(key: string): StockRecord | undefined {
    return this.records.get(key);
  }

  /** Number of non-zero records. */
  get size(): number {
    return this.records.size;
  }

  /** Total quantity per SKU across bins and statuses. */
  totalsBySku(): Map<string, number> {
    const t = new Map<string, number>();
    this.fullPasses++;
    for (const r of this.records.values()) t.set(r.sku, (t.get(r.sku) ?? 0) + r.qty);
    return t;
  }

  /**
   * Plain JSON state in insertion order. The order is part of the state: anything that walks the
   * records (a random draw among them, a first match) must see the same order after a restore,
   * or a resumed run would drift from an uninterrupted one.
   */
  state(): LedgerState {
    return [...this.records.values()].map((r) => ({ ...r }));
  }

  /** Records sorted by key: for comparing ledgers whose histories differ. */
  sortedState(): LedgerState {
    return [...this.records.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, r]) => ({ ...r }));
  }

  /** Rebuilds a ledger from saved state. */
  static restore(state: LedgerState): Ledger {
    const l = new Ledger();
    for (const r of state) l.add(r.bin, r.sku, r.lot, r.status, r.qty);
    return l;
  }
}

/**
 * The system ledger's fold step. One declarative rule covers every stock-moving event: with a
 * base quantity, `statusFrom` takes it out of (bin, statusFrom), and `statusTo` puts it into
 * (toBin ?? bin, statusTo). Receipts have only a `to`, shipments only a `from`, moves and status
 * changes both. Events without a base quantity do not touch stock.
 */
export function applyJournalEvent(ledger: Ledger, e: JournalEvent): void {
  if (e.baseQty === undefined || e.sku === undefined) return;
  const lot = e.lot ?? '';
  if (e.statusFrom !== undefined) {
    if (e.bin === undefined) throw new Error(`${e.id} ${e.type}: statusFrom without a bin`);
    ledger.add(e.bin, e.sku, lot, e.statusFrom, -e.baseQty);
  }
  if (e.statusTo !== undefined) {
    const to = e.toBin ?? e.bin;
    if (to === undefined) throw new Error(`${e.id} ${e.type}: statusTo without a bin`);
    ledger.add(to, e.sku, lot, e.statusTo, e.baseQty);
  }
}

/** Rebuilds a system ledger by replaying a journal from the start. */
export function replayJournal(events: Iterable<JournalEvent>): Ledger {
  const l = new Ledger();
  for (const e of events) applyJournalEvent(l, e);
  return l;
}
