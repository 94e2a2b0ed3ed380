import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { Ledger } from './ledger.ts';
import { RecordDraw } from './recordDraw.ts';
import type { InventoryStatus } from '../journal/journalEvent.ts';

const STATUSES: InventoryStatus[] = ['available', 'allocated', 'quarantine'];

describe('RecordDraw', () => {
  it('finds the k-th passing record in ledger order, as a walk over every record does, through churn and compaction', () => {
    const rng = seedrandom('draw');
    const ledger = new Ledger();
    const test = (bin: string, status: InventoryStatus): boolean => status === 'available' && bin < 'B-3';
    // Records before the index exists, then changes after: both must be in ledger order.
    for (let i = 0; i < 50; i++) ledger.add(`B-${i % 5}`, `S${i % 7}`, '', 'available', 1 + (i % 3));
    const draw = new RecordDraw(ledger, test);
    for (let step = 0; step < 20_000; step++) {
      const bin = `B-${Math.floor(rng() * 5)}`;
      const sku = `S${Math.floor(rng() * 40)}`;
      const status = STATUSES[Math.floor(rng() * 3)]!;
      const have = ledger.qty(bin, sku, '', status);
      ledger.add(bin, sku, '', status, have > 0 && rng() < 0.55 ? -have : 1 + Math.floor(rng() * 3));
      if (step % 97 !== 0) continue;
      const walk = [...ledger.all()].filter((r) => test(r.bin, r.status));
      expect(draw.size).toBe(walk.length);
      for (let k = 0; k < walk.length; k++) expect(draw.at(k)).toBe(walk[k]);
      expect(draw.at(walk.length)).toBeNull();
    }
  });
});
