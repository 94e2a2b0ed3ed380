import type { InventoryStatus, JournalEvent, JournalEventBody } from '../journal/journalEvent.ts';

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
const NONE: readonly StockRecord[] = [];

/**
 * Told of every record change, after it is made: the quantity before and after (0 = absent) and
 * the record itself (the same object for as long as it is non-zero; at zero it has just been
 * dropped), so a listener can key its own index by the record and build no string key.
 * `binKey` and `skuKey` are the site's bin and item indexes (`LedgerKeys`; -1 when the code is
 * not the site's or the ledger has no keys), looked up once per bin and SKU, not per change.
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
  rec: StockRecord,
  binKey: number,
  skuKey: number,
) => void;

/** The integer keys a ledger hands its listeners: the site's bin and item index by code. */
export interface LedgerKeys {
  bins: ReadonlyMap<string, number>;
  skus: ReadonlyMap<string, number>;
}

/** The record key; lot '' for items without lot control. */
export function recordKey(bin: string, sku: string, lot: string, status: string): string {
  return bin + SEP + sku + SEP + lot + SEP + status;
}

/** One bin's records of one SKU (a few lots and statuses), with the SKU's integer key. */
interface SkuList {
  key: number;
  recs: StockRecord[];
  /** The ledger's set of every record of the SKU (held here: no lookup by code per change). */
  ofSku: Set<StockRecord>;
}

/** One bin's records: in insertion order, and per SKU for lookup; `key` is the bin's integer key. */
interface BinRecords {
  key: number;
  all: Set<StockRecord>;
  bySku: Map<string, SkuList>;
}

/**
 * A stock ledger. The same class holds the physical ledger (truth) and the system ledger (what
 * the journal says); they differ only in who writes to them. Records at zero are removed, so
 * "non-zero in either ledger" is just "present in either". A per-SKU index serves allocation.
 *
 * A record is found by bin, then SKU, then a scan of that SKU's few (lot, status) records: the
 * bin and SKU codes are the site's own strings, whose hashes V8 caches, so a posting builds no
 * key string (joining four codes and hashing the result was the top self-time of a large run).
 */
export class Ledger {
  /** Every record, in insertion order (the order is state: see `state`). */
  private readonly order = new Set<StockRecord>();
  // The indexes hold the records themselves (in insertion order), so reading a bin or a SKU is
  // no lookup by key per record.
  private readonly bySku = new Map<string, Set<StockRecord>>();
  private readonly byBin = new Map<string, BinRecords>();
  private readonly listeners: LedgerListener[] = [];
  // The last (bin, sku) looked up and what it found (derived, never saved; see `change`).
  private lastBin: string | null = null;
  private lastSku: string | null = null;
  private lastB: BinRecords | undefined = undefined;
  private lastE: SkuList | undefined = undefined;
  /** Full walks over every record (`all`, `totalsBySku`), for tests that pin "no full pass". */
  fullPasses = 0;

  /** `keys`: the site's indexes handed to listeners (without them every key is -1). */
  constructor(private readonly keys: LedgerKeys | null = null) {}

  /** The integer key of a bin code (-1: not the site's, or no keys). */
  binKey(bin: string): number {
    return this.keys?.bins.get(bin) ?? -1;
  }

  /** The integer key of a SKU (-1: not the site's, or no keys). */
  skuKey(sku: string): number {
    return this.keys?.skus.get(sku) ?? -1;
  }

  /** Calls `fn` after every record change from now on (derived state, never saved). */
  listen(fn: LedgerListener): void {
    this.listeners.push(fn);
  }

  /** Adds (or with a negative delta removes) stock; a result below zero is an error. */
  add(bin: string, sku: string, lot: string, status: InventoryStatus, delta: number): void {
    this.change(bin, sku, lot, status, delta, false);
  }

  /**
   * Removes up to `max` (> 0) of one record, as much as it holds; returns what was removed.
   * One lookup of the record, where reading `qty` and then posting would take two.
   */
  takeUpTo(bin: string, sku: string, lot: string, status: InventoryStatus, max: number): number {
    return 0 - this.change(bin, sku, lot, status, -max, true);
  }

  /** The one posting path; `clamp`: a removal takes at most what is there. Returns the delta applied. */
  private change(
    bin: string,
    sku: string,
    lot: string,
    status: InventoryStatus,
    wanted: number,
    clamp: boolean,
  ): number {
    if (wanted === 0) return 0;
    // A posting's two sides (a status change, a move within a SKU) and a read before a post hit
    // the same bin and SKU: the last pair found is tried first (the codes are the site's own
    // strings, so the comparisons are mostly by pointer), which spares two hash lookups.
    let b: BinRecords | undefined;
    let entry: SkuList | undefined;
    if (bin === this.lastBin && sku === this.lastSku) {
      b = this.lastB;
      entry = this.lastE;
    } else {
      b = this.byBin.get(bin);
      entry = b?.bySku.get(sku);
    }
    let r: StockRecord | undefined;
    let at = -1;
    if (entry) {
      const list = entry.recs;
      for (let i = 0; i < list.length; i++) {
        const x = list[i]!;
        if (x.lot === lot && x.status === status) {
          r = x;
          at = i;
          break;
        }
      }
    }
    const before = r?.qty ?? 0;
    const delta = clamp && before + wanted < 0 ? -before : wanted;
    if (delta === 0) return 0;
    const qty = before + delta;
    if (qty < 0) {
      throw new Error(
        `negative stock: ${bin} ${sku} lot ${lot || '-'} ${status} would be ${qty} (delta ${delta})`,
      );
    }
    if (r) {
      // A record that goes keeps its last quantity, as it always has: a caller still holding it
      // (a copy of `recordsOf`) reads what it read before.
      if (qty > 0) {
        r.qty = qty;
        this.remember(bin, sku, b!, entry);
      } else {
        this.order.delete(r);
        entry!.ofSku.delete(r);
        b!.all.delete(r);
        if (entry!.recs.length === 1) {
          b!.bySku.delete(sku);
          this.remember(bin, sku, b!, undefined);
        } else {
          entry!.recs.splice(at, 1);
          this.remember(bin, sku, b!, entry);
        }
      }
      this.tell(bin, sku, lot, status, before, qty, r, b!.key, entry!.key);
      return delta;
    }
    const rec: StockRecord = { bin, sku, lot, status, qty };
    this.order.add(rec);
    if (!b) this.byBin.set(bin, (b = { key: this.binKey(bin), all: new Set(), bySku: new Map() }));
    b.all.add(rec);
    let e = entry;
    if (e) e.recs.push(rec);
    else {
      let idx = this.bySku.get(sku);
      if (!idx) this.bySku.set(sku, (idx = new Set()));
      b.bySku.set(sku, (e = { key: this.skuKey(sku), recs: [rec], ofSku: idx }));
    }
    e.ofSku.add(rec);
    this.remember(bin, sku, b, e);
    this.tell(bin, sku, lot, status, 0, qty, rec, b.key, e.key);
    return delta;
  }

  /** Makes (bin, sku) the pair `change` and `qty` try first; `e` undefined: the bin has no such SKU now. */
  private remember(bin: string, sku: string, b: BinRecords, e: SkuList | undefined): void {
    this.lastBin = bin;
    this.lastSku = sku;
    this.lastB = b;
    this.lastE = e;
  }

  private tell(
    bin: string,
    sku: string,
    lot: string,
    status: InventoryStatus,
    before: number,
    after: number,
    rec: StockRecord,
    binKey: number,
    skuKey: number,
  ): void {
    for (let i = 0; i < this.listeners.length; i++)
      this.listeners[i]!(bin, sku, lot, status, before, after, rec, binKey, skuKey);
  }

  /** Live records in a bin (do not mutate). */
  recordsIn(bin: string): StockRecord[] {
    const recs = this.byBin.get(bin);
    return recs ? [...recs.all] : [];
  }

  /** Quantity of one record (0 when absent). */
  qty(bin: string, sku: string, lot: string, status: InventoryStatus): number {
    let list: StockRecord[] | undefined;
    if (bin === this.lastBin && sku === this.lastSku) list = this.lastE?.recs;
    else {
      const b = this.byBin.get(bin);
      const e = b?.bySku.get(sku);
      if (b) this.remember(bin, sku, b, e);
      list = e?.recs;
    }
    if (!list) return 0;
    for (let i = 0; i < list.length; i++) {
      const x = list[i]!;
      if (x.lot === lot && x.status === status) return x.qty;
    }
    return 0;
  }

  /** Live records of a SKU (do not mutate). */
  recordsOf(sku: string): StockRecord[] {
    const recs = this.bySku.get(sku);
    return recs ? [...recs] : [];
  }

  /** Live records of a SKU without a copy: read them before the next posting (do not mutate). */
  skuRecords(sku: string): Iterable<StockRecord> {
    return this.bySku.get(sku) ?? NONE;
  }

  /** Every record, in insertion order (do not mutate). */
  all(): IterableIterator<StockRecord> {
    this.fullPasses++;
    return this.order.values();
  }

  /** Number of non-zero records. */
  get size(): number {
    return this.order.size;
  }

  /** Total quantity per SKU across bins and statuses. */
  totalsBySku(): Map<string, number> {
    const t = new Map<string, number>();
    this.fullPasses++;
    for (const r of this.order) t.set(r.sku, (t.get(r.sku) ?? 0) + r.qty);
    return t;
  }

  /**
   * Plain JSON state in insertion order. The order is part of the state: anything that walks the
   * records (a random draw among them, a first match) must see the same order after a restore,
   * or a resumed run would drift from an uninterrupted one.
   */
  state(): LedgerState {
    return [...this.order].map((r) => ({ ...r }));
  }

  /** Records sorted by key: for comparing ledgers whose histories differ. */
  sortedState(): LedgerState {
    return [...this.order]
      .map((r) => [recordKey(r.bin, r.sku, r.lot, r.status), r] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, r]) => ({ ...r }));
  }

  /** Rebuilds a ledger from saved state (`keys` as for the constructor). */
  static restore(state: LedgerState, keys: LedgerKeys | null = null): Ledger {
    const l = new Ledger(keys);
    for (const r of state) l.add(r.bin, r.sku, r.lot, r.status, r.qty);
    return l;
  }
}

/** What a posting reads of an event: its body (the journal's id when there is one, for errors). */
export type StockPosting = JournalEventBody & { id?: string };

/**
 * The system ledger's fold step. One declarative rule covers every stock-moving event: with a
 * base quantity, `statusFrom` takes it out of (bin, statusFrom), and `statusTo` puts it into
 * (toBin ?? bin, statusTo). Receipts have only a `to`, shipments only a `from`, moves and status
 * changes both. Events without a base quantity do not touch stock.
 */
export function applyJournalEvent(ledger: Ledger, e: StockPosting): void {
  if (e.baseQty === undefined || e.sku === undefined) return;
  const lot = e.lot ?? '';
  if (e.statusFrom !== undefined) {
    if (e.bin === undefined) throw new Error(`${e.id ?? 'posting'} ${e.type}: statusFrom without a bin`);
    ledger.add(e.bin, e.sku, lot, e.statusFrom, -e.baseQty);
  }
  if (e.statusTo !== undefined) {
    const to = e.toBin ?? e.bin;
    if (to === undefined) throw new Error(`${e.id ?? 'posting'} ${e.type}: statusTo without a bin`);
    ledger.add(to, e.sku, lot, e.statusTo, e.baseQty);
  }
}

/** Rebuilds a system ledger by replaying a journal from the start. */
export function replayJournal(events: Iterable<JournalEvent>): Ledger {
  const l = new Ledger();
  for (const e of events) applyJournalEvent(l, e);
  return l;
}
