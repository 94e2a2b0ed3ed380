import type { InventoryStatus } from '../journal/journalEvent.ts';
import type { Ledger } from '../inventory/ledger.ts';
import { physicalStatus } from '../inventory/physicalStatus.ts';
import { recordKey } from '../inventory/ledger.ts';
import type { Accuracy } from './ira.ts';

/** Both ledgers' quantity of one compared record, and its group. */
interface Pair {
  sys: number;
  phys: number;
  group: string;
}

/** Agreeing and compared records of one group. */
interface Counts {
  agree: number;
  records: number;
}

/**
 * IRA by truth kept up to date from ledger changes, so an hourly sample costs nothing instead of a
 * pass over both ledgers. Same rules as `iraByTruthBy` (sim/kpi/ira.ts): a record is (bin, sku,
 * lot, status) with the system's allocation folded into available; it counts once when non-zero
 * in either ledger and agrees when both hold the same non-zero quantity. Derived state: built
 * from the ledgers in one pass when created (so also after a restore) and never saved.
 */
export class IraTracker {
  private readonly pairs = new Map<string, Pair>();
  private readonly counts = new Map<string, Counts>();
  /** Bin code → group (null = left out), cached: the layout never changes during a run. */
  private readonly groups = new Map<string, string | null>();

  /** Follows `system` and `physical` from now on; `groupOf` gives a bin's group or null. */
  constructor(
    system: Ledger,
    physical: Ledger,
    private readonly groupOf: (bin: string) => string | null,
  ) {
    for (const r of system.all()) this.change(r.bin, keyOf(r.bin, r.sku, r.lot, r.status, null), r.qty, 0);
    for (const r of physical.all()) this.change(r.bin, recordKey(r.bin, r.sku, r.lot, r.status), 0, r.qty);
    system.listen((bin, sku, lot, status, before, after, key) =>
      this.change(bin, keyOf(bin, sku, lot, status, key), after - before, 0),
    );
    physical.listen((bin, _sku, _lot, _status, before, after, key) =>
      this.change(bin, key, 0, after - before),
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

  private change(bin: string, key: string, dSys: number, dPhys: number): void {
    let group = this.groups.get(bin);
    if (group === undefined) this.groups.set(bin, (group = this.groupOf(bin)));
    if (group === null) return;
    let p = this.pairs.get(key);
    if (!p) this.pairs.set(key, (p = { sys: 0, phys: 0, group }));
    let c = this.counts.get(group);
    if (!c) this.counts.set(group, (c = { agree: 0, records: 0 }));
    if (p.sys > 0 || p.phys > 0) c.records--;
    if (p.sys > 0 && p.sys === p.phys) c.agree--;
    p.sys += dSys;
    p.phys += dPhys;
    if (p.sys > 0 || p.phys > 0) c.records++;
    else this.pairs.delete(key);
    if (p.sys > 0 && p.sys === p.phys) c.agree++;
  }
}

/** The compared record's key of a system record: its own key unless allocation folds into available. */
function keyOf(bin: string, sku: string, lot: string, status: InventoryStatus, own: string | null): string {
  const s = physicalStatus(status);
  return s === status && own !== null ? own : recordKey(bin, sku, lot, s);
}

function accuracy(agree: number, records: number): Accuracy {
  return { ira: records > 0 ? agree / records : null, agree, records };
}
