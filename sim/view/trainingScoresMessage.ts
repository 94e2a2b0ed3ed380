import { z } from 'zod';

// The live scoreboard of a training session (issue 14), pushed over the stream to the trainer
// consoles watching that session (room `training:<session>`). The server's scoring
// (server/training/scoring.ts) produces the rows; they are typed here so both ends share them.

/** One trainee's score as the scoreboard shows it (server/training/scoring.ts narrows it as TraineeScore). */
export interface TrainingScoreRow {
  traineeId: string;
  workerCode: string;
  tasksDone: number;
  /** Per task machine: tasks, mean minutes, engineered standard minutes. */
  perMachine: Record<string, { tasks: number; meanMinutes: number; standardMinutes: number }>;
  scans: { scanned: number; keyed: number; overridden: number };
  errors: Record<string, number>;
  refused: number;
  hints: number;
  injections: { cause: string; simMs: number; result: 'caught' | 'missed' | 'pending'; atMs?: number }[];
  /** physical − system the trainee's mistakes opened: signed net and absolute, base units. */
  gap: { net: number; abs: number };
  parts: Record<string, number>;
  score: number;
  pass: boolean;
}

/** `training.scores`: a session's scoreboard, sent when a score changed (and on watching). */
export interface TrainingScoresMessage {
  type: 'training.scores';
  v: number;
  session: string;
  /** Sim time the scores were computed at. */
  simTime: number;
  passMark: number;
  scores: TrainingScoreRow[];
}

/** `training.watch`: a trainer console asks for one session's scoreboard pushes. */
export const watchTrainingSchema = z.strictObject({
  type: z.literal('training.watch'),
  session: z.string().regex(/^S[0-9a-f]{8}$/, 'a session id like S0000abcd'),
});
/** A watch request. */
export type WatchTrainingRequest = z.infer<typeof watchTrainingSchema>;

/** The reply to `training.watch` (through the acknowledgement). */
export type WatchTrainingReply = { ok: true; session: string } | { ok: false; message: string };
