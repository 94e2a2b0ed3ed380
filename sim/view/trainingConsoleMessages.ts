// What the trainer console is pushed besides the scoreboard (issue 14), in the same session room
// (`training:<session>`, joined by `training.watch`): the trainees (waiting and seated), the
// live run's rewind points and the session's timeline. Each is sent on watching and then only
// when it changed, so a console never polls and an idle class sends nothing.

/** A seated trainee as the console lists them (no token hash). */
export interface TrainingSeatRow {
  id: string;
  name: string;
  role: string;
  workerCode: string;
  joinedAt: string;
  /** Set once their worker was handed back to the simulation. */
  handedBackAt?: string;
  /** The seat this one replaced (a new role after a hand-back). */
  reseatOf?: string;
}

/** A trainee who joined with the code and waits for a role. */
export interface TrainingPendingRow {
  id: string;
  name: string;
  joinedAt: string;
}

/** `training.trainees`: a session's trainees, sent when one joins, is given a role or hands back. */
export interface TrainingTraineesMessage {
  type: 'training.trainees';
  v: number;
  session: string;
  trainees: TrainingSeatRow[];
  pending: TrainingPendingRow[];
}

/** `training.points`: the live run's rewind points (oldest first), sent when one is taken, dropped or rewound to. */
export interface TrainingPointsMessage {
  type: 'training.points';
  v: number;
  session: string;
  points: { simMs: number; lastSeq: number }[];
}

/** One entry of a session's timeline: a journal event of a trainee's worker, a truth event, a handheld action, a trainer-log line. */
export interface TrainingTimelineItem {
  simMs: number;
  source: 'journal' | 'truth' | 'handheld' | 'trainer';
  record: Record<string, unknown>;
}

/** `training.timeline`: a session's timeline as the timeline route gives it, sent when it changed. */
export interface TrainingTimelineMessage {
  type: 'training.timeline';
  v: number;
  session: string;
  /** Where the class began (the scrubber's start). */
  startSimMs: number;
  /** Where the run began (0, or the saved state an exercise started it at). */
  runStartSimMs: number;
  items: TrainingTimelineItem[];
}
