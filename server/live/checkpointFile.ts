import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { SnapshotError, type EngineSnapshot } from '../../sim/index.ts';

/** Schema version of checkpoint.json (its envelope; the engine snapshot has its own). */
export const CHECKPOINT_SCHEMA_VERSION = 1;

/** Pacing state saved with a checkpoint, so a restart continues as it was left. */
export interface PacingState {
  speed: number | 'max';
  paused: boolean;
  until: number | null;
}

/** checkpoint.json: the engine snapshot and the journal position it matches. */
export interface CheckpointFile {
  schemaVersion: number;
  runId: string;
  scenario: string;
  seed: string;
  /** Seq of the last journal event the snapshot contains (the journal is cut back to it on resume). */
  lastSeq: number;
  simTime: number;
  savedAt: string;
  pacing: PacingState;
  /** Lines of the run's input log (inputLog.ts) the snapshot holds; absent before the log existed. */
  inputs?: number;
  engine: EngineSnapshot;
}

// The envelope only: the engine snapshot inside is checked by restoreEngine (readSnapshot).
const envelope = z.object({
  schemaVersion: z.literal(CHECKPOINT_SCHEMA_VERSION),
  runId: z.string(),
  scenario: z.string(),
  seed: z.string(),
  lastSeq: z.number().int().nonnegative(),
  simTime: z.number().finite().nonnegative(),
  savedAt: z.string(),
  pacing: z.object({
    speed: z.union([z.number().positive(), z.literal('max')]),
    paused: z.boolean(),
    until: z.number().nullable(),
  }),
  inputs: z.number().int().nonnegative().optional(),
  engine: z.looseObject({ counters: z.looseObject({ journal: z.number() }) }),
});

const ADVICE = 'start a new run with --new-run (the run folder is left as it is)';

/**
 * Reads and checks a run's checkpoint.json: valid JSON, the envelope's fields and types, and a
 * journal position that matches the snapshot's own counter. Problems throw one line naming the
 * file and the field (`…/checkpoint.json: pacing.speed: …`).
 */
export function readCheckpointFile(path: string): CheckpointFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    if (err instanceof SyntaxError)
      throw new Error(`${path}: not valid JSON (truncated or edited?): ${err.message}; ${ADVICE}`, {
        cause: err,
      });
    throw err;
  }
  const r = envelope.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const where = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    throw new Error(`${path}: ${where.replace(/^\./, '') || '(top level)'}: ${issue.message}; ${ADVICE}`);
  }
  const cp = raw as CheckpointFile;
  if (cp.lastSeq !== cp.engine.counters.journal) {
    throw new Error(
      `${path}: lastSeq ${cp.lastSeq} is not the snapshot's journal counter ${cp.engine.counters.journal}; ${ADVICE}`,
    );
  }
  return cp;
}

/** Restores through `restore`, naming the checkpoint file (and `engine.` path) when the snapshot is refused. */
export function withCheckpointPath<T>(path: string, restore: () => T): T {
  try {
    return restore();
  } catch (err) {
    if (!(err instanceof SnapshotError)) throw err;
    const where = err.path === undefined ? '' : `engine.${err.path}: `;
    throw new Error(`${path}: ${where}${err.detail}`, { cause: err });
  }
}
