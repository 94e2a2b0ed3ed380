import { Fenwick } from '../core/fenwick.ts';
import type { InventoryStatus } from '../journal/journalEvent.ts';
import type { Ledger, StockRecord } from './ledger.ts';

/**
 * The records of a ledger that pass a fixed test, in ledger (insertion) order, with the k-th of
 * them found in O(log n): a uniform draw among them ("a random available record in a storage
 * bin") lands on exactly the record that collecting them in a walk over every record and taking
 * `list[k]` would, without the walk. The ledger appends a new record to its order and drops a
 * record at zero, so a slot appended per new record (and emptied when it goes) keeps that order.
 * Derived state: built from the ledger in one pass when created (also after a restore), never saved.
 */
export class RecordDraw {
  // Slots hold the records themselves: a record object lives exactly as long as it is non-zero.
  private keys: (StockRecord | null)[] = [];
  private readonly slotOf = new Map<StockRecord, number>();
  private tree = new Fenwick(0);

  /** Follows `ledger` from now on; `test` decides which records take part (never changes its mind). */
  constructor(
    ledger: Ledger,
    private readonly test: (bin: string, status: InventoryStatus) => boolean,
  ) {
    for (const r of ledger.all()) if (test(r.bin, r.status)) this.append(r);
    this.rebuild();
    ledger.listen((bin, _sku, _lot, status, before, after, rec) => {
      if (before > 0 && after > 0) return;
      if (!this.test(bin, status)) return;
      if (after > 0) {
        this.append(rec);
        if (this.keys.length > this.tree.n) this.rebuild();
        else this.tree.set(this.keys.length - 1, 1);
      } else {
        const slot = this.slotOf.get(rec)!;
        this.slotOf.delete(rec);
        this.keys[slot] = null;
        this.tree.set(slot, 0);
        if (this.keys.length > 1024 && this.slotOf.size * 4 < this.keys.length) this.rebuild();
      }
    });
  }

  /** How many records take part. */
  get size(): number {
    return this.slotOf.size;
  }

  /** The k-th record taking part, in ledger order (0-based), or null past the end. */
  at(k: number): StockRecord | null {
    if (k < 0 || k >= this.slotOf.size) return null;
    return this.keys[this.tree.search(k)] ?? null;
  }

  private append(rec: StockRecord): void {
    this.slotOf.set(rec, this.keys.length);
    this.keys.push(rec);
  }

  /** Packs the live slots (order kept) into a tree with room to grow: amortised O(1) a change. */
  private rebuild(): void {
    const live = this.keys.filter((k): k is StockRecord => k !== null);
    this.keys = live;
    this.slotOf.clear();
    live.forEach((k, i) => this.slotOf.set(k, i));
    this.tree = new Fenwick(Math.max(64, live.length * 2));
    const w = new Float64Array(this.tree.n);
    w.fill(1, 0, live.length);
    this.tree.setAll(w);
  }
}
