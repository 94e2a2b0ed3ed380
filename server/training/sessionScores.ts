import { PROTOCOL_VERSION, ServerEvent, type TrainingScoresMessage } from '../../sim/view/protocol.ts';
import type { LiveRunner } from '../live/runner.ts';
import type { Exercise } from './exerciseSchema.ts';
import { afterRewinds } from './rewoundRecords.ts';
import { scoreTrainee } from './scoring.ts';
import { readActions, readTrainerLog } from './trainerLogFile.ts';
import { readRunJournal } from './runJournal.ts';
import type { TrainingSession } from './trainingTypes.ts';

// One session's scoreboard on the live run, as the scores route answers it and the socket
// pushes it: every seated trainee scored from the run's journal and truth log and the session's
// handheld and trainer logs (records a rewind undid left out).

/** Sim ms a session's class started at: kept with the session, else the exercise's start minutes. */
export function sessionStartMs(s: TrainingSession, exercise: Exercise): number {
  return s.startSimMs ?? exercise.start.minutes * 60_000;
}

/** The scoreboard of session `s` (its folder `dir`, its exercise) on the runner's current run. */
export function sessionScores(
  runner: LiveRunner,
  dir: string,
  s: TrainingSession,
  exercise: Exercise,
): TrainingScoresMessage {
  const run = runner.currentRun();
  const journal = readRunJournal(run.folder);
  const { actions, log } = afterRewinds(readActions(dir), readTrainerLog(dir));
  const truth = run.truth();
  const startSimMs = sessionStartMs(s, exercise);
  return {
    type: ServerEvent.trainingScores,
    v: PROTOCOL_VERSION,
    session: s.id,
    simTime: run.simTime,
    passMark: exercise.scoring.passMark,
    scores: s.trainees.map((trainee) =>
      scoreTrainee({ exercise, trainee, journal, truth, actions, trainerLog: log, startSimMs }),
    ),
  };
}
