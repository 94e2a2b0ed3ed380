/** A saved snapshot as read from JSON, before it is known to have the current shape. */
export type RawSnapshot = Record<string, unknown>;

/** Turns a snapshot of schema n into one of schema n + 1. */
export type SnapshotMigration = (s: RawSnapshot) => RawSnapshot;

/**
 * Migrations by the version they start from (entry n migrates n → n + 1), applied in order from
 * the saved version to the current one. A bump of SNAPSHOT_SCHEMA_VERSION adds an entry here, or
 * a reason in SNAPSHOT_UNMIGRATABLE when the old shape cannot honestly be brought forward.
 */
export const SNAPSHOT_MIGRATIONS: Record<number, SnapshotMigration> = {};

/** Why a version cannot be migrated to the next (entry n: why n → n + 1 is refused). */
export const SNAPSHOT_UNMIGRATABLE: Record<number, string> = {
  2:
    'v3 gave every worker personal speed and task factors, a device id and a break offset drawn ' +
    'when the run starts, and tallies scan compliance from time 0; a v2 run never drew them, and ' +
    'inventing them now would make it a different run than its journal records',
  3:
    'v4 records the fingerprint of every statechart, and a v3 checkpoint cannot say which ' +
    'statecharts numbered its saved lifecycle states (the receipt chart changed since v3 was ' +
    'introduced), so its states cannot be trusted under this build',
  4:
    'v5 numbers flow event kinds and step actions at registration and records that numbering; ' +
    'a v4 checkpoint queued events and saved job steps under the old central numbers, which this ' +
    'build no longer has',
};

/** A snapshot that cannot be restored here, with the reason as its message. */
export class SnapshotError extends Error {
  /**
   * @param detail what is wrong
   * @param path where in the snapshot (`orders[3].state`), when it is one field
   */
  constructor(
    readonly detail: string,
    readonly path?: string,
  ) {
    super(path === undefined ? detail : `${path}: ${detail}`);
    this.name = 'SnapshotError';
  }
}

const ADVICE = 'start a new run (--new-run) or use the build that wrote it';

/**
 * Brings a raw snapshot to the `current` schema version, or refuses with a SnapshotError: a
 * version that is not a positive integer, one newer than this build, or an older one with a
 * step that has no migration.
 */
export function migrateSnapshot(
  raw: RawSnapshot,
  current: number,
  migrations: Record<number, SnapshotMigration> = SNAPSHOT_MIGRATIONS,
  unmigratable: Record<number, string> = SNAPSHOT_UNMIGRATABLE,
): RawSnapshot {
  const saved = raw.schemaVersion;
  if (typeof saved !== 'number' || !Number.isInteger(saved) || saved < 1)
    throw new SnapshotError(`expected a positive integer, got ${JSON.stringify(saved)}`, 'schemaVersion');
  if (saved > current) {
    throw new SnapshotError(
      `checkpoint schema ${saved} is newer than this build's ${current}: it was written by a newer build; ${ADVICE}`,
    );
  }
  let s = raw;
  for (let v = saved; v < current; v++) {
    const m = migrations[v];
    if (!m) {
      const why = unmigratable[v] ?? 'no migration was written for that step';
      throw new SnapshotError(
        `checkpoint schema ${saved} cannot be migrated to ${current} (step ${v} → ${v + 1}: ${why}); ${ADVICE}`,
      );
    }
    s = m(s);
    if (s.schemaVersion !== v + 1)
      throw new Error(`snapshot migration ${v} → ${v + 1} left schemaVersion ${String(s.schemaVersion)}`);
  }
  return s;
}
