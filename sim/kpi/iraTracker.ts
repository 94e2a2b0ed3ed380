import type { InventoryStatus } from '../journal/journalEvent.ts';
import type { Ledger } from '../inventory/ledger.ts';
import { physicalStatus } from '../inventory/physicalStatus.ts';
import type { Accuracy } from './ira.ts';

/** Both ledgers' quantity of one compared record (bin, sku, lot, status with allocation folded). */
interface Pair {
  sku: string;
  lot: string;
  status: InventoryStatus;
  sys: number;
  phys: number;
}

/** Agreeing and compared records of one group. */
interface Counts {
  agree: number;
  records: number;
}

/** One bin's compared records (a storage bin holds a few), and the bin's group (null = left out). */
interface BinPairs {
  counts: Counts | null;
  pairs: Pair[];
}

/**
 * IRA by truth kept up to date from ledger changes, so an hourly sample costs nothing instead of a
 * pass over both ledgers. Same rules as `iraByTruthBy` (sim/kpi/ira.ts): a record is (bin, sku,
 * lot, status) with the system's allocation folded into available; it counts once when non-zero
 * in either ledger and agrees when both hold the same non-zero quantity. A bin is found by the
 * ledgers' integer bin key (a code outside the site: by code), then a scan of its few pairs (no
 * key string, no map lookup per change). Derived state: built from the ledgers in one pass when
 * created (so also after a restore) and never saved.
 */
export class IraTracker {
  /** Per site bin index; bins without an integer key go in `byCode`. */
  private readonly bins: (BinPairs | undefined)[] = [];
  private readonly byCode = new Map<string, BinPairs>();
  private readonly counts = new Map<string, Counts>();

  /** Follows `system` and `physical` from now on; `groupOf` gives a bin's group or null. */
  constructor(
    system: Ledger,
    physical: Ledger,
    private readonly groupOf: (bin: string) => string | null,
  ) {
    for (const r of system.all())
      this.change(system.binKey(r.bin), r.bin, r.sku, r.lot, physicalStatus(r.status), r.qty, 0);
    for (const r of physical.all())
      this.change(physical.binKey(r.bin), r.bin, r.sku, r.lot, r.status, 0, r.qty);
    system.listen((bin, sku, lot, status, before, after, _rec, key) =>
      this.change(key, bin, sku, lot, physicalStatus(status), after - before, 0),
    );
    physical.listen((bin, sku, lot, status, before, after, _rec, key) =>
      this.change(key, bin, sku, lot, status, 0, after - before),
    );
  }

  /** Accuracy of one group (zeros when it has no records). */
  of(group: string): Accuracy {
    const c = this.counts.get(group);
    return accuracy(c?.agree ?? 0, c?.records ?? 0);
  }

  /** Accuracy over every group together. */
  total(): Accuracy {
    let agree = 0;
    let records = 0;
    for (const c of this.counts.values()) {
      agree += c.agree;
      records += c.records;
    }
    return accuracy(agree, records);
  }

  private change(
    key: number,
    bin: string,
    sku: string,
    lot: string,
    status: InventoryStatus,
    dSys: number,
    dPhys: number,
  ): void {
    let b = key >= 0 ? this.bins[key] : this.byCode.get(bin);
    if (b === undefined) {
      b = { counts: this.countsOf(this.groupOf(bin)), pairs: [] };
      if (key >= 0) {
        // Filled up to the key with explicit holes so the array stays a dense one.
        while (this.bins.length <= key) this.bins.push(undefined);
        this.bins[key] = b;
      } else this.byCode.set(bin, b);
    }
    const c = b.counts;
    if (c === null) return;
    const list = b.pairs;
    // A pair at zero in both ledgers stays in its bin's list as a spare, reused by the bin's
    // next new pair: a record made and dropped per line (allocated stock, a lot picked empty)
    // allocates nothing here, and a list is only as long as the most pairs its bin held at once.
    let p: Pair | undefined;
    let spare: Pair | undefined;
    for (let i = 0; i < list.length; i++) {
      const x = list[i]!;
      if (x.sku === sku && x.lot === lot && x.status === status) {
        p = x;
        break;
      }
      if (spare === undefined && x.sys === 0 && x.phys === 0) spare = x;
    }
    if (p === undefined) {
      if (spare !== undefined) {
        p = spare;
        p.sku = sku;
        p.lot = lot;
        p.status = status;
      } else list.push((p = { sku, lot, status, sys: 0, phys: 0 }));
    }
    if (p.sys > 0 || p.phys > 0) c.records--;
    if (p.sys > 0 && p.sys === p.phys) c.agree--;
    p.sys += dSys;
    p.phys += dPhys;
    if (p.sys > 0 || p.phys > 0) c.records++;
    if (p.sys > 0 && p.sys === p.phys) c.agree++;
  }

  /** A group's counters, made on first use (in the order bins are first seen, as before). */
  private countsOf(group: string | null): Counts | null {
    if (group === null) return null;
    let c = this.counts.get(group);
    if (!c) this.counts.set(group, (c = { agree: 0, records: 0 }));
    return c;
  }
}

function accuracy(agree: number, records: number): Accuracy {
  return { ira: records > 0 ? agree / records : null, agree, records };
}
