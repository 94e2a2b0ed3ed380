import { describe, expect, it } from 'vitest';
import { Ledger, type LedgerKeys } from '../inventory/ledger.ts';
import type { InventoryStatus } from '../journal/journalEvent.ts';
import { iraByTruthBy } from './ira.ts';
import { IraTracker } from './iraTracker.ts';

const BINS = ['A1', 'A2', 'B1', 'B2', 'DOCK', 'X9'];
const SKUS = ['P', 'Q', 'R'];
const LOTS = ['', 'L1'];
const STATUSES: InventoryStatus[] = ['available', 'allocated', 'quarantine'];
/** Site keys for every bin but X9 (a code outside the site) and every SKU. */
const KEYS: LedgerKeys = {
  bins: new Map(BINS.filter((b) => b !== 'X9').map((b, i) => [b, i])),
  skus: new Map(SKUS.map((s, i) => [s, i])),
};
const groupOf = (bin: string): string | null => (bin === 'DOCK' ? null : bin[0]!);

/** A fixed pseudo-random walk of postings (an LCG: the test needs no seedrandom stream). */
function churn(system: Ledger, physical: Ledger, steps: number, check: () => void): void {
  let x = 7;
  const next = (n: number): number => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return (x >>> 8) % n;
  };
  for (let i = 0; i < steps; i++) {
    const l = next(2) === 0 ? system : physical;
    const bin = BINS[next(BINS.length)]!;
    const sku = SKUS[next(SKUS.length)]!;
    const lot = LOTS[next(LOTS.length)]!;
    const status = l === system ? STATUSES[next(3)]! : STATUSES[next(2) * 2]!;
    const have = l.qty(bin, sku, lot, status);
    const d = next(3) === 0 ? -Math.min(have, 1 + next(3)) : 1 + next(3);
    l.add(bin, sku, lot, status, d);
    if (i % 25 === 0) check();
  }
  check();
}

describe('IraTracker', () => {
  for (const keyed of [true, false]) {
    it(`equals a full pass over both ledgers through churn (${keyed ? 'site keys' : 'no keys'})`, () => {
      const system = new Ledger(keyed ? KEYS : null);
      const physical = new Ledger(keyed ? KEYS : null);
      system.add('A1', 'P', '', 'available', 4);
      physical.add('A1', 'P', '', 'available', 4);
      const t = new IraTracker(system, physical, groupOf);
      let checks = 0;
      churn(system, physical, 2000, () => {
        const full = iraByTruthBy(system, physical, groupOf);
        for (const g of ['A', 'B']) {
          const want = full.get(g) ?? { ira: null, agree: 0, records: 0 };
          expect(t.of(g)).toEqual(want);
        }
        checks++;
      });
      expect(checks).toBeGreaterThan(50);
      expect(t.of('A').records).toBeGreaterThan(0);
    });
  }
});
