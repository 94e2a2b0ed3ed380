import type { TrainerLogRecord } from './trainerLog.ts';
import type { HandheldAction } from './trainingTypes.ts';

/**
 * The records still true after the session's rewinds: a rewind to T undoes every action and
 * trainer-log line made before it (in wall order) at a sim time after T, as it undid their
 * journal and truth lines. The debrief keeps them all; scoring uses only these.
 */
export function afterRewinds(
  actions: readonly HandheldAction[],
  log: readonly TrainerLogRecord[],
): { actions: HandheldAction[]; log: TrainerLogRecord[] } {
  const rewinds = log.filter((r): r is Extract<TrainerLogRecord, { kind: 'rewind' }> => r.kind === 'rewind');
  const undone = (wallIso: string, simMs: number): boolean =>
    rewinds.some((r) => wallIso < r.wallIso && simMs > r.toSimMs);
  return {
    actions: actions.filter((a) => !undone(a.wallIso, a.simMs)),
    log: log.filter((r) => r.kind === 'rewind' || !undone(r.wallIso, r.simMs)),
  };
}
