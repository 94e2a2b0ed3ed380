import { existsSync } from 'node:fs';
import { PROTOCOL_VERSION, ServerEvent, type TrainingTimelineMessage } from '../../sim/view/protocol.ts';
import { readCheckpointFile } from '../live/checkpointFile.ts';
import { startStateFile } from '../live/liveRun.ts';
import type { LiveRunner } from '../live/runner.ts';
import type { ExerciseLibrary } from './exerciseLibrary.ts';
import { readRunJournal } from './runJournal.ts';
import { readActions, readTrainerLog } from './trainerLogFile.ts';
import type { TrainingSession } from './trainingTypes.ts';

// A session's timeline on the live run (issue 14): the journal events of its trainees' workers,
// the truth log, its handheld actions and its trainer-log lines, in sim-time order. The timeline
// route answers it and the console push (consolePush.ts) sends it, so both say the same.

/** The timeline of session `s` (its folder `dir`) on the runner's current run. */
export function sessionTimeline(
  runner: LiveRunner,
  library: ExerciseLibrary,
  dir: string,
  s: TrainingSession,
): TrainingTimelineMessage {
  const run = runner.currentRun();
  const workers = new Set(s.trainees.map((t) => t.workerCode));
  const items = [
    ...readRunJournal(run.folder)
      .filter((e) => e.actor !== undefined && workers.has(e.actor.worker))
      .map((e) => ({ simMs: e.t, source: 'journal' as const, record: { ...e } })),
    ...run.truth().map((e) => ({ simMs: e.t, source: 'truth' as const, record: { ...e } })),
    ...readActions(dir).map((a) => ({ simMs: a.simMs, source: 'handheld' as const, record: { ...a } })),
    ...readTrainerLog(dir).map((r) => ({ simMs: r.simMs, source: 'trainer' as const, record: { ...r } })),
  ].sort((a, b) => a.simMs - b.simMs);
  // Where the class began: the debrief's slider starts there (earlier moments stay reachable).
  const startSimMs =
    s.startSimMs ?? (s.exercise !== null ? library.load(s.exercise).exercise.start.minutes * 60_000 : 0);
  // And where the run began (0, or the saved state an exercise started it at).
  const startFile = startStateFile(run.folder);
  const runStartSimMs = existsSync(startFile) ? readCheckpointFile(startFile).simTime : 0;
  return {
    type: ServerEvent.trainingTimeline,
    v: PROTOCOL_VERSION,
    session: s.id,
    startSimMs,
    runStartSimMs,
    items,
  };
}
