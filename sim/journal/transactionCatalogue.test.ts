import { describe, expect, it } from 'vitest';
import {
  isAlerted,
  isTransactionType,
  transactionLabel,
  TRANSACTION_TYPES,
  TRANSACTIONS,
  type TransactionType,
} from './transactionCatalogue.ts';
import { ledgerShape } from './ledgerShape.ts';
import type { TransactionSpec } from './transactionSpec.ts';

const spec = (t: TransactionType): TransactionSpec => TRANSACTIONS[t];

describe('transaction catalogue', () => {
  it('names types as <document>.<step> and gives each a distinct label', () => {
    for (const t of TRANSACTION_TYPES) expect(t).toMatch(/^[a-z]+\.[a-zA-Z_]+$/);
    const labels = TRANSACTION_TYPES.map((t) => spec(t).label);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('exports every stock-moving type to EPCIS (a mirror replaying the export would lose stock otherwise)', () => {
    const lost = TRANSACTION_TYPES.filter((t) => spec(t).ledger !== 'none' && !('bizStep' in spec(t).epcis));
    expect(lost).toEqual([]);
  });

  it('tells a string off the wire from a type, prototype keys included', () => {
    expect(isTransactionType('pick.confirmed')).toBe(true);
    for (const v of ['pick.confirm', 'toString', '__proto__', 'constructor', ''])
      expect(isTransactionType(v), v).toBe(false);
  });

  it('gives viewers label, level and count mark; unknown kinds fall back', () => {
    expect(transactionLabel('pick.short')).toEqual({
      label: 'Short pick',
      alert: 'warning',
      marksCount: false,
    });
    expect(transactionLabel('count.posted')?.marksCount).toBe(true);
    expect(transactionLabel('variance')).toBeUndefined();
    expect(isAlerted('pick.short')).toBe(true);
    expect(isAlerted('pick.confirmed')).toBe(false);
    // Routine scheduling is not news for a wall screen (it alerted ~1,700 times a week).
    expect(isAlerted('count.scheduled')).toBe(false);
  });

  it('reads the ledger shape the fold gives an event off its fields', () => {
    const q = { sku: 'A', baseQty: 1 };
    expect(ledgerShape({ sku: 'A' })).toBe('none');
    expect(ledgerShape({ ...q, bin: 'X', statusTo: 'available' })).toBe('inflow');
    expect(ledgerShape({ ...q, bin: 'X', statusFrom: 'allocated' })).toBe('outflow');
    expect(ledgerShape({ ...q, bin: 'X', toBin: 'Y', statusFrom: 'available', statusTo: 'available' })).toBe(
      'move',
    );
    expect(ledgerShape({ ...q, bin: 'X', toBin: 'X', statusFrom: 'available', statusTo: 'damaged' })).toBe(
      'status',
    );
    expect(ledgerShape({ ...q, bin: 'X', statusFrom: 'available', statusTo: 'available' })).toBe('none');
  });
});
