import { compiledMachines, machineFingerprints } from '../machines/machineFingerprints.ts';
import { engineSnapshotSchema, formatIssuePath } from './snapshotSchema.ts';
import { flowIdDifferences } from './flowIds.ts';
import { migrateSnapshot, SnapshotError, type RawSnapshot } from './snapshotMigrations.ts';
import { SNAPSHOT_SCHEMA_VERSION, type EngineSnapshot } from './world.ts';

/**
 * Checks a saved snapshot (parsed JSON, trusted in nothing) before a restore and returns it in
 * the current shape, or throws a SnapshotError naming the problem and, for a field, its path:
 * migrated from its schema version (or refused), checked for shape, for state numbers inside
 * the compiled tables and worker/order references that exist, and for statecharts identical to
 * those that numbered its saved states.
 *
 * Why fingerprints rather than state names: saved state numbers live not only in orders and
 * pick tasks but inside every flow's own state (receipts, putaway, replenishment, count
 * documents, the mirror's scan sessions), which the engine cannot walk without each flow growing
 * a converter; and the rest of a snapshot (queued event kinds, job steps, per-flow documents) is
 * just as tied to the build, so a chart edit that kept the names would still not make resuming
 * under it faithful. A fingerprint refuses exactly the builds whose charts differ, costs nothing
 * while running, and a run keeps its speed (state numbers, no string lookups).
 */
export function readSnapshot(input: unknown): EngineSnapshot {
  if (checked.has(input as object)) return input as EngineSnapshot;
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new SnapshotError(
      `expected an object, got ${input === null ? 'null' : typeof input}`,
      '(top level)',
    );
  const migrated = migrateSnapshot(input as RawSnapshot, SNAPSHOT_SCHEMA_VERSION);
  const parsed = engineSnapshotSchema.safeParse(migrated);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more)` : '';
    throw new SnapshotError(issue.message + more, formatIssuePath(issue.path));
  }
  // The input, not zod's copy: loose objects keep fields the schema does not list.
  const s = migrated as unknown as EngineSnapshot;
  checkFingerprints(s.machines);
  checkFlowIds(s.flowIds);
  checkReferences(s);
  checked.add(s);
  return s;
}

// Snapshots already checked in this process (the server checks before cutting the journal back,
// then restores): ~0.25 s per pass on a 12 MB bench-dc checkpoint, so the second pass is skipped.
// A restore never mutates its input (the World copies it), so a checked object stays valid.
const checked = new WeakSet<object>();

/** Refuses a snapshot whose statecharts are not this build's, naming every one that differs. */
function checkFingerprints(saved: Record<string, string>): void {
  const mine = machineFingerprints();
  const differ: string[] = [];
  for (const [name, fp] of Object.entries(mine)) {
    const theirs = saved[name];
    if (theirs !== fp) differ.push(`${name} (fingerprint ${theirs ?? 'missing'}≠${fp})`);
  }
  for (const name of Object.keys(saved)) if (!(name in mine)) differ.push(`${name} (not in this build)`);
  if (differ.length > 0) {
    throw new SnapshotError(
      `checkpoint was written by a build whose ${differ.join(', ')} statechart${differ.length > 1 ? 's differ' : ' differs'}: ` +
        'start a new run (--new-run) or use the build that wrote it',
    );
  }
}

/**
 * Refuses a snapshot whose flow event kinds or step actions were numbered differently (flows
 * registered in another order, or with other events and actions): its queue and job steps
 * would call the wrong handlers.
 */
function checkFlowIds(saved: Record<string, number>): void {
  const differ = flowIdDifferences(saved);
  if (differ.length === 0) return;
  const more = differ.length > 3 ? ` (and ${differ.length - 3} more)` : '';
  throw new SnapshotError(
    `checkpoint was written by a build whose flows number their events and actions differently: ${differ.slice(0, 3).join('; ')}${more}; ` +
      'start a new run (--new-run) or use the build that wrote it',
    'flowIds',
  );
}

/** State numbers inside the tables, and queues that point at workers and orders that exist. */
function checkReferences(s: EngineSnapshot): void {
  const tables = compiledMachines();
  const orderStates = tables.get('order')!.states.length;
  const taskStates = tables.get('pickTask')!.states.length;
  s.orders.forEach((o, i) => {
    if (o.state >= orderStates)
      throw new SnapshotError(
        `order state ${o.state} is not one of the ${orderStates} states`,
        `orders[${i}].state`,
      );
  });
  s.tasks.forEach((t, i) => {
    if (t.state >= taskStates)
      throw new SnapshotError(
        `pick-task state ${t.state} is not one of the ${taskStates} states`,
        `tasks[${i}].state`,
      );
  });
  s.workers.forEach((w, i) => {
    if (w.index !== i)
      throw new SnapshotError(`worker at position ${i} has index ${w.index}`, `workers[${i}].index`);
  });
  s.idle.forEach((n, i) => {
    if (n >= s.workers.length)
      throw new SnapshotError(`no worker ${n} (there are ${s.workers.length})`, `idle[${i}]`);
  });
  const orderIds = new Set(s.orders.map((o) => o.id));
  s.released.forEach((id, i) => {
    if (!orderIds.has(id))
      throw new SnapshotError(`released order ${id} is not among the orders`, `released[${i}]`);
  });
}
