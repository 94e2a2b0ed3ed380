import { describe, expect, it } from 'vitest';
import { migrateSnapshot, SnapshotError, type SnapshotMigration } from './snapshotMigrations.ts';

describe('migrateSnapshot', () => {
  const log: string[] = [];
  const table: Record<number, SnapshotMigration> = {
    1: (s) => (log.push('1→2'), { ...s, schemaVersion: 2, b: 'added in 2' }),
    2: (s) => (log.push('2→3'), { ...s, schemaVersion: 3, c: `${String(s.b)}, then 3` }),
  };

  it('applies every step in order from the saved version to the current one', () => {
    log.length = 0;
    expect(migrateSnapshot({ schemaVersion: 1, a: 1 }, 3, table, {})).toEqual({
      schemaVersion: 3,
      a: 1,
      b: 'added in 2',
      c: 'added in 2, then 3',
    });
    expect(log).toEqual(['1→2', '2→3']);
    log.length = 0;
    expect(migrateSnapshot({ schemaVersion: 3 }, 3, table, {})).toEqual({ schemaVersion: 3 });
    expect(log).toEqual([]);
  });

  it('refuses a step without a migration, with its documented reason or a plain one', () => {
    expect(() => migrateSnapshot({ schemaVersion: 1 }, 4, table, { 3: 'v4 split the ledger' })).toThrow(
      'checkpoint schema 1 cannot be migrated to 4 (step 3 → 4: v4 split the ledger); start a new run',
    );
    expect(() => migrateSnapshot({ schemaVersion: 0 }, 4, table, {})).toThrow(SnapshotError);
    expect(() => migrateSnapshot({ schemaVersion: 3 }, 4, table, {})).toThrow(
      /step 3 → 4: no migration was written for that step/,
    );
  });

  it('refuses a newer version, and a migration that forgets to bump', () => {
    expect(() => migrateSnapshot({ schemaVersion: 5 }, 3, table, {})).toThrow(
      /checkpoint schema 5 is newer than this build's 3/,
    );
    expect(() => migrateSnapshot({ schemaVersion: 1 }, 2, { 1: (s) => s }, {})).toThrow(
      'snapshot migration 1 → 2 left schemaVersion 1',
    );
  });
});
