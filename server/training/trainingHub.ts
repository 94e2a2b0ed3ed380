import type { Logger } from 'pino';
import {
  freeWorkerOfRole,
  handheldScreen,
  type EntryOutcome,
  type HandheldScreen,
} from '../../sim/handheldApi.ts';
import type { LiveRunner } from '../live/runner.ts';
import { HttpError } from '../http/httpErrors.ts';
import { REWIND_DEFAULTS } from '../live/rewindPoints.ts';
import { ExerciseError, type LoadedExercise } from './loadExercise.ts';
import { exerciseLibrary, type ExerciseLibrary } from './exerciseLibrary.ts';
import { readTrainerLog } from './trainerLogFile.ts';
import { dirname, join } from 'node:path';
import { SessionStore, type TraineeAuth } from './sessionStore.ts';
import type { RfEntryMessage } from './trainingSchemas.ts';
import type { HandheldAction, Trainee, TraineeRole, TrainingSession } from './trainingTypes.ts';

/** What a handheld is told about an entry: accepted or refused (with why), its log seq, the new screen. */
export interface EntryReply {
  ok: true;
  outcome: EntryOutcome;
  seq: number;
  screen: HandheldScreen | null;
}

/** A message to a session's trainee (or all of them: traineeId null), from the trainer or a cue. */
export interface TraineeMessage {
  sessionId: string;
  traineeId: string | null;
  text: string;
  by: 'trainer' | 'cue';
  simMs: number;
}

/**
 * The training side of the live server: sessions, joining, roles, and the handheld entries of
 * trainees, applied to the live run through the runner (never the world) and logged.
 */
export class TrainingHub {
  private readonly assigned: ((sessionId: string, trainee: Trainee) => void)[] = [];
  private readonly messaged: ((m: TraineeMessage) => void)[] = [];
  private readonly created: ((s: TrainingSession) => void)[] = [];
  private readonly touchedBy: ((sessionId: string) => void)[] = [];

  /** `root` is `<dataDir>/training`. */
  constructor(
    root: string,
    readonly runner: LiveRunner,
    private readonly log: Logger,
  ) {
    this.store = new SessionStore(root);
    this.exercises = exerciseLibrary(dirname(root));
    // A rewind point from before a trainee was given a role holds their worker as simulated:
    // every trainee of the live run's sessions is put back in charge of their worker.
    runner.onRewind(() => this.redrive());
  }

  /** Re-applies `rf.drive` for every trainee of the live run (after a rewind); already driven is fine. */
  private redrive(): void {
    const runId = this.runner.status().runId;
    for (const s of this.store.list()) {
      if (s.runId !== runId) continue;
      for (const t of s.trainees) {
        if (t.handedBackAt !== undefined) continue;
        const r = this.runner.applyInput((e) =>
          e.apply({ type: 'rf.drive', worker: t.workerCode, person: true }),
        );
        if (!r.ok) this.log.warn({ session: s.id, trainee: t.id, worker: t.workerCode }, r.message);
      }
    }
  }

  /** The session store (sessions and their action logs). */
  readonly store: SessionStore;

  /** The exercises sessions are created from: shipped, and saved from rewind points. */
  readonly exercises: ExerciseLibrary;

  /** Calls `f` whenever a trainee is given a role (the `/rf` namespace tells their handheld). */
  onAssigned(f: (sessionId: string, trainee: Trainee) => void): void {
    this.assigned.push(f);
  }

  /** Calls `f` when a session has been created and its run loaded (its exercise's cues start). */
  onCreated(f: (s: TrainingSession) => void): void {
    this.created.push(f);
  }

  /** Calls `f` whenever something a session's console shows may have changed (the console push). */
  onTouched(f: (sessionId: string) => void): void {
    this.touchedBy.push(f);
  }

  /** Says that a session's records changed (a join, an entry, a role, a trainer-log line): its console may have. */
  touched(sessionId: string): void {
    for (const f of this.touchedBy) f(sessionId);
  }

  /** Calls `f` for every message to trainees (the `/rf` namespace pushes it to their handhelds). */
  onMessage(f: (m: TraineeMessage) => void): void {
    this.messaged.push(f);
  }

  /**
   * The last message in a session's trainer log for one trainee (or for all), so a handheld that
   * connects (or reconnects) after it was sent still shows it.
   */
  lastMessage(sessionId: string, traineeId: string): TraineeMessage | null {
    const r = readTrainerLog(join(this.store.root, sessionId))
      .filter((x) => x.kind === 'message' && (x.traineeId === null || x.traineeId === traineeId))
      .at(-1);
    if (!r || r.kind !== 'message') return null;
    return { sessionId, traineeId: r.traineeId, text: r.text, by: r.by, simMs: r.simMs };
  }

  /** Sends a message (already in the trainer log) to one trainee of a session, or to all (null). */
  message(m: TraineeMessage): void {
    for (const f of this.messaged) f(m);
  }

  /**
   * A new session: a fresh run of the scenario at the session's speed (the class starts from
   * the scenario's start state, not from wherever the floor view had got to).
   */
  async createSession(o: {
    scenario: string;
    exercise: string | null;
    speed: number;
  }): Promise<TrainingSession> {
    let exercise: LoadedExercise | null = null;
    try {
      if (o.exercise !== null) exercise = this.exercises.load(o.exercise);
    } catch (err) {
      if (!(err instanceof ExerciseError)) throw err;
      throw new HttpError(400, err.message, { error: err.message, path: '/exercise' });
    }
    const startMs = (exercise?.exercise.start.minutes ?? 0) * 60_000;
    // An exercise's run is its scenario with its overrides merged (as loadExercise validated it),
    // started at its saved state when it names one.
    const own = exercise !== null && exercise.exercise.scenario === o.scenario;
    const loaded = await this.runner.control(
      { type: 'control.load', scenario: o.scenario },
      own ? exercise!.scenario : null,
      own ? (exercise!.start?.checkpoint.engine ?? null) : null,
    );
    if (loaded.type === 'control.error')
      throw new HttpError(400, loaded.message, { error: loaded.message, path: '/scenario' });
    const sped = await this.runner.control({ type: 'control.speed', speed: o.speed });
    if (sped.type === 'control.error') throw new HttpError(400, sped.message);
    // The exercise starts where it says (sim minutes from the scenario's start; a snapshot's
    // time, or later if the minutes say so).
    if (startMs > this.runner.currentRun().simTime) {
      const jumped = await this.runner.control({ type: 'control.jump', simTime: startMs });
      if (jumped.type === 'control.error') throw new HttpError(409, jumped.message);
    }
    // A class can always go back: rewind points are on for a training session (every 5 sim
    // minutes unless the server or the trainer set another interval).
    if (this.runner.rewindSettings() === null) this.runner.setRewind(REWIND_DEFAULTS);
    const s = this.store.create(
      { ...o, runId: this.runner.status().runId, startSimMs: this.runner.currentRun().simTime },
      new Date(),
    );
    for (const f of this.created) f(s);
    this.log.info({ session: s.id, scenario: s.scenario, speed: s.speed }, 'training session created');
    return s;
  }

  /** A trainee joins an open session by its code: a pending trainee and their token (shown once). */
  join(
    code: string,
    name: string,
  ): { session: TrainingSession; trainee: { id: string; name: string }; token: string } {
    const s = this.store.byCode(code);
    if (!s) throw new HttpError(404, `no open session with code ${code.toUpperCase()}`);
    if (s.trainees.length + (s.pending?.length ?? 0) >= 50)
      throw new HttpError(409, 'the session is full (50 trainees)');
    const { trainee, token } = this.store.join(s, name, new Date());
    this.log.info({ session: s.id, trainee: trainee.id }, 'trainee joined');
    // The trainer console is pushed the new trainee waiting for a role.
    this.touched(s.id);
    return { session: s, trainee: { id: trainee.id, name: trainee.name }, token };
  }

  /**
   * Gives a pending trainee a role: the run's free worker of that role with the lowest code is
   * switched to person-driven (`rf.drive`, checkpointed at once) and becomes theirs. A seated
   * trainee whose worker was handed back gets a new seat on the new worker (SessionStore.reseat):
   * same token, so their handheld is told its new role without joining again. A worker is never
   * given to a second seat of a session: a seat's score is its worker's journal.
   */
  assign(s: TrainingSession, traineeId: string, role: TraineeRole): Trainee {
    const seated = s.trainees.find((t) => t.id === traineeId);
    if (seated && seated.handedBackAt === undefined)
      throw new HttpError(409, `${traineeId} drives ${seated.workerCode}: hand the worker back first`);
    if (seated && s.trainees.some((t) => t.reseatOf === traineeId))
      throw new HttpError(409, `${traineeId} was given a new role already; use their newest seat`);
    if (!seated && !(s.pending ?? []).some((p) => p.id === traineeId))
      throw new HttpError(404, `no trainee ${traineeId} waiting for a role in session ${s.id}`);
    if (s.runId !== undefined && s.runId !== this.runner.status().runId)
      throw new HttpError(
        409,
        `session ${s.id} ran on run ${s.runId}; the live run is now ${this.runner.status().runId}`,
      );
    const taken = s.trainees.map((t) => t.workerCode);
    const worker = this.runner.read((e) => freeWorkerOfRole(e, role, taken));
    if (worker === null) throw new HttpError(409, `no free ${role} in this run that a handheld can drive`);
    const r = this.runner.applyInput((e) => e.apply({ type: 'rf.drive', worker, person: true }));
    if (!r.ok) throw new HttpError(409, r.message);
    const t = seated
      ? this.store.reseat(s, traineeId, role, worker)
      : this.store.assign(s, traineeId, role, worker);
    this.log.info({ session: s.id, trainee: t.id, role, worker }, 'trainee given a role');
    for (const f of this.assigned) f(s.id, t);
    this.touched(s.id);
    return t;
  }

  /**
   * Hands a seated trainee's worker back to the simulation (`rf.drive` person:false, checkpointed
   * at once): the simulation finishes the step the person was at. The trainee stays seated, so
   * the tasks they did still count in their score; a rewind does not give them the worker again.
   */
  handBack(s: TrainingSession, traineeId: string): Trainee {
    const t = s.trainees.find((x) => x.id === traineeId);
    if (!t) throw new HttpError(404, `no seated trainee ${traineeId} in session ${s.id}`);
    if (t.handedBackAt !== undefined) throw new HttpError(409, `${t.workerCode} was handed back already`);
    const r = this.runner.applyInput((e) => ({
      simMs: e.now(),
      result: e.apply({ type: 'rf.drive', worker: t.workerCode, person: false }),
    }));
    if (!r.result.ok) throw new HttpError(409, r.result.message);
    this.store.handBack(s, traineeId, new Date(), r.simMs);
    this.log.info({ session: s.id, trainee: t.id, worker: t.workerCode }, 'worker handed back');
    this.touched(s.id);
    return t;
  }

  /** The handheld screen of a trainee with a worker (null while they wait for a role). */
  screen(who: TraineeAuth): HandheldScreen | null {
    const code = 'workerCode' in who.trainee ? who.trainee.workerCode : null;
    return code === null ? null : this.runner.read((e) => handheldScreen(e, code));
  }

  /**
   * One handheld entry: applied to the run (checkpointed), appended to the session's action log
   * and fsynced, and only then answered. A refused entry is logged as refused with its reason.
   */
  async entry(who: TraineeAuth, m: RfEntryMessage): Promise<EntryReply> {
    const t = who.trainee;
    if (!('workerCode' in t)) throw new HttpError(409, 'you have no role yet: wait for the trainer');
    const before = this.screen(who);
    const raw = m.raw.replace(/[\r\n]+$/, '');
    const r = this.runner.applyInput(
      (e) => ({
        simMs: e.now(),
        result: e.apply({
          type: 'rf.entry',
          entry: {
            worker: t.workerCode,
            input: m.input,
            raw,
            ...(m.exit === undefined ? {} : { exit: m.exit }),
            ...(m.reason === undefined ? {} : { reason: m.reason }),
          },
        }),
      }),
      (x) => x.result.ok && x.result.outcome.ok,
    );
    if (!r.result.ok) throw new Error(r.result.message);
    const outcome = r.result.outcome;
    const action: Omit<HandheldAction, 'seq'> = {
      simMs: r.simMs,
      wallIso: new Date().toISOString(),
      traineeId: t.id,
      workerCode: t.workerCode,
      machine: before?.machine ?? '',
      taskId: before?.taskId ?? '',
      state: before?.state ?? '',
      input: m.input,
      via: m.via,
      raw,
      ...(m.exit === undefined ? {} : { exit: m.exit }),
      outcome: outcome.ok ? 'accepted' : 'refused',
      ...(outcome.ok ? {} : { reason: outcome.reason }),
    };
    const logged = await this.store.appendAction(who.session.id, action);
    this.touched(who.session.id);
    return { ok: true, outcome, seq: logged.seq, screen: this.screen(who) };
  }
}
