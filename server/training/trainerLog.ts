/**
 * One line of a session's trainer log (`trainer.ndjson`, SESSION_FILES.trainerLog): a message or
 * an injection the trainer sent or a cue fired, a pause/resume, a rewind. Scoring reads the
 * injections and hints from it; the debrief timeline shows every line.
 */
export type TrainerLogRecord = TrainerLogBase &
  (
    | { kind: 'message'; traineeId: string | null; text: string }
    | {
        kind: 'inject';
        traineeId: string | null;
        workerCode: string | null;
        cause: string;
        ok: boolean;
        message: string;
      }
    | { kind: 'pause' | 'resume' }
    | { kind: 'rewind'; toSimMs: number }
    /** A floor change: a wave started now, an aisle locked or unlocked. */
    | {
        kind: 'floor';
        action: 'wave.release' | 'aisle.lock' | 'aisle.unlock';
        aisle?: string;
        ok: boolean;
        message: string;
      }
  );

/** Fields every trainer-log line has. */
export interface TrainerLogBase {
  /** 1, 2 … within a session. */
  seq: number;
  simMs: number;
  wallIso: string;
  /** The trainer at the console, or the exercise cue named in `cue`. */
  by: 'trainer' | 'cue';
  cue?: string;
}
