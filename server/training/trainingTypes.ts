/**
 * The shared vocabulary of a training session (issue 14): what the trainer console creates, what a
 * trainee's handheld joins, and the record of every handheld action, which scoring and the debrief
 * read. The session store, the `/rf` handheld and the trainer console all use these shapes, so
 * they are kept here and nowhere else.
 */

/** The roles a trainee can be given; each takes over one simulated worker of that run role. */
export const TRAINEE_ROLES = ['receiver', 'putaway', 'picker', 'replenisher', 'counter'] as const;
/** One trainee role. */
export type TraineeRole = (typeof TRAINEE_ROLES)[number];

/** A trainee in a session: who, in which role, driving which worker of the run. */
export interface Trainee {
  /** `T1`, `T2` … in join order. */
  id: string;
  /** Display name typed at join (1–40 printable characters). */
  name: string;
  role: TraineeRole;
  /** The run's worker code (`Worker.code`, the journal's `actor.worker`) this trainee drives. */
  workerCode: string;
  /** SHA-256 of the trainee's token; the token is shown once, at join, and never stored. */
  tokenSha256: string;
  joinedAt: string;
  /** When the trainer handed the worker back to the simulation (the trainee stays seated, for scoring). */
  handedBackAt?: string;
  /** The sim time the worker was handed back at: scoring counts the worker's records before it only. */
  handedBackSimMs?: number;
  /**
   * The seat this one follows when the trainer gave a handed-back trainee a new role: the same
   * person and token on another worker (each seat is scored on its own worker).
   */
  reseatOf?: string;
}

/** A trainee who joined and waits for the trainer to give them a role (and so a worker). */
export type PendingTrainee = Omit<Trainee, 'role' | 'workerCode'>;

/** Where a session is in its life. */
export type SessionState = 'open' | 'running' | 'paused' | 'ended';

/** A training session, as saved in `<dataDir>/training/<id>/session.json`. */
export interface TrainingSession {
  /** `S` + 8 hex digits. */
  id: string;
  /** The code the trainer hands out: 6 characters of `ABCDEFGHJKLMNPQRSTUVWXYZ23456789`. */
  code: string;
  /** Scenario name (library) the session runs. */
  scenario: string;
  /** Exercise file name under `scenarios/exercises/`, or null for free play. */
  exercise: string | null;
  /** Sim speed (1 = real time, the training default). */
  speed: number;
  state: SessionState;
  createdAt: string;
  trainees: Trainee[];
  /** Trainees who joined and have no role yet (moved to `trainees` when the trainer gives one). */
  pending?: PendingTrainee[];
  /** The live run the session was started on (its journal and truth log are the session's). */
  runId?: string;
  /**
   * Sim ms the class started at (the exercise's start minutes, or its start snapshot's time):
   * scores, cues and the debrief slider start here. Absent in sessions saved before it was kept.
   */
  startSimMs?: number;
}

/** What a handheld entry was for: the task chart state's expected input, or one of its exits. */
export type HandheldInput = 'binLabel' | 'gs1Item' | 'lot' | 'quantity' | 'confirm' | 'exit';

/** How the entry was made: a scanner (keyboard wedge), typed on the keypad, or the on-screen kit. */
export type HandheldVia = 'scan' | 'keyed' | 'kit';

/**
 * One handheld action, appended to `<dataDir>/training/<id>/actions.ndjson` (one JSON object a
 * line, in `seq` order) before the handheld is answered.
 */
export interface HandheldAction {
  /** 1, 2 … without gaps within a session. */
  seq: number;
  /** Sim time of the run (ms since its start), the journal's `t` scale. */
  simMs: number;
  wallIso: string;
  traineeId: string;
  workerCode: string;
  /** Task machine id (`pickTask`, `putawayTask`, `receipt`, `replenishmentTask`, `cycleCount`). */
  machine: string;
  /** The task's document id as the journal names it (`docs`), e.g. `PT-000123`. */
  taskId: string;
  /** Chart state the entry was made in (`pickTask.atBin`). */
  state: string;
  input: HandheldInput;
  via: HandheldVia;
  /** What was scanned or typed, after stripping the wedge's CR/LF (GS shown as \u001d). */
  raw: string;
  /** The exit taken (`short`, `wrongBin`, `damaged`, `overrideRequest` …) when input is `exit`. */
  exit?: string;
  outcome: 'accepted' | 'refused';
  /** Why a refused entry was refused, as the handheld showed it. */
  reason?: string;
}

/** File names inside a session directory `<dataDir>/training/<id>/`. */
export const SESSION_FILES = {
  session: 'session.json',
  actions: 'actions.ndjson',
  /** Messages and injections the trainer sent, and cues the exercise fired: one JSON object a line. */
  trainerLog: 'trainer.ndjson',
  /** Rewind points: `rewind/<simMs>.json` snapshots. */
  rewindDir: 'rewind',
} as const;
