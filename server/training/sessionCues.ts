import { join } from 'node:path';
import type { Logger } from 'pino';
import type { JournalEvent } from '../../sim/index.ts';
import type { LiveRunner } from '../live/runner.ts';
import { advanceCues, newCueState, resolveWho, type CueFiring, type CueState } from './cueEngine.ts';
import type { Exercise } from './exerciseSchema.ts';
import { sessionStartMs } from './sessionScores.ts';
import { appendTrainerLog } from './trainerLogFile.ts';
import { readRunJournal } from './runJournal.ts';
import type { TrainingHub } from './trainingHub.ts';
import type { TrainingSession } from './trainingTypes.ts';

// The live side of the cue engine (issue 14): the session that runs an exercise on the live run
// has its cues evaluated on every tick's journal events, and their firings carried out — an
// injection into the trainee's worker's next task, a message to their handheld — each appended
// to the trainer log. Which cues fire, and at which sim time, is a pure function of the journal
// (cueEngine.ts); the state is never saved: after a restart or a rewind it is rebuilt from the
// run's journal as it now stands, so cues after a rewind point can fire again and those before
// it do not fire twice.

interface Active {
  session: TrainingSession;
  dir: string;
  exercise: Exercise;
  state: CueState;
  /** Journal seq the state has seen up to. */
  seq: number;
}

/** Evaluates the active exercise session's cues as the live run advances. */
export class SessionCues {
  private active: Active | null = null;
  /** Firings being carried out, in order (injections go through the runner's queue). */
  private work: Promise<void> = Promise.resolve();
  /**
   * Time-cue injections handed to the engine ahead of their time (`worker|cause|simMs`): the
   * engine arms them at exactly that sim time; when the cue is seen firing after the tick, it is
   * only logged. Scheduling twice (after a rewind) is a no-op in the engine.
   */
  private readonly scheduled = new Set<string>();

  constructor(
    private readonly hub: TrainingHub,
    private readonly runner: LiveRunner,
    private readonly log: Logger,
  ) {
    hub.onCreated((s) => this.started(s));
    hub.onAssigned(() => this.scheduleTimeCues());
    runner.onTick((out) => this.onEvents(out.events));
    runner.onRewind(() => {
      if (this.active) this.active = this.rebuild(this.active.session, this.active.exercise);
      this.scheduleTimeCues();
    });
  }

  /** A session just created (its run loaded, nothing fired yet): its cues start from a fresh state. */
  started(s: TrainingSession): void {
    if (s.exercise === null) return void (this.active = null);
    const { exercise } = this.hub.exercises.load(s.exercise);
    this.active = {
      session: s,
      dir: join(this.hub.store.root, s.id),
      exercise,
      state: newCueState(sessionStartMs(s, exercise)),
      seq: lastSeq(readRunJournal(this.runner.currentRun().folder)),
    };
  }

  /**
   * Hands every time cue's injection still ahead (for the trainees seated now) to the engine, so
   * it is armed at exactly its sim time rather than after the tick it falls in.
   */
  private scheduleTimeCues(): void {
    const a = this.current();
    if (!a) return;
    const now = this.runner.currentRun().simTime;
    const session = this.hub.store.get(a.session.id) ?? a.session;
    const seated = session.trainees.filter((t) => t.handedBackAt === undefined);
    for (const c of a.exercise.cues) {
      if (c.when.kind !== 'at' || c.do.kind !== 'inject') continue;
      const due = a.state.startSimMs + c.when.minutes * 60_000;
      if (due <= now) continue;
      const cause = c.do.cause;
      const targets = c.do.who === undefined ? seated : resolveWho(c.do.who, seated);
      for (const t of targets) {
        const key = `${t.workerCode}|${cause}|${due}`;
        this.work = this.work
          .then(async () => {
            const r = await this.runner.injectFor(t.workerCode, cause, due);
            if (r.ok) this.scheduled.add(key);
            else
              this.log.warn(
                { session: session.id, cue: c.id, trainee: t.id },
                `cue not scheduled: ${r.message}`,
              );
          })
          .catch((err: unknown) => this.log.error({ err, session: session.id }, 'cue scheduling failed'));
      }
    }
  }

  /** Resolves when every firing so far has been carried out and logged (tests, shutdown). */
  settled(): Promise<void> {
    return this.work;
  }

  private onEvents(events: readonly JournalEvent[]): void {
    const a = this.current();
    if (!a) return;
    const fresh = events.filter((e) => e.seq > a.seq);
    const now = this.runner.currentRun().simTime;
    const session = this.hub.store.get(a.session.id) ?? a.session;
    const r = advanceCues(a.exercise.cues, a.state, session.trainees, fresh, now);
    a.state = r.state;
    a.seq = fresh.at(-1)?.seq ?? a.seq;
    for (const f of r.fired) this.carryOut(a, session, f);
  }

  /** The active session, re-found after a restart: the newest exercise session of the live run. */
  private current(): Active | null {
    const runId = this.runner.status().runId;
    if (this.active && this.active.session.runId === runId) return this.active;
    const s = this.hub.store
      .list()
      .filter((x) => x.runId === runId && x.exercise !== null && x.state !== 'ended')
      .sort((x, y) => x.createdAt.localeCompare(y.createdAt))
      .at(-1);
    if (!s || s.exercise === null) return (this.active = null);
    this.active = this.rebuild(s, this.hub.exercises.load(s.exercise).exercise);
    return this.active;
  }

  /** The cue state the run's journal, as it now stands, implies (its firings happened already). */
  private rebuild(s: TrainingSession, exercise: Exercise): Active {
    const journal = readRunJournal(this.runner.currentRun().folder);
    const trainees = this.hub.store.get(s.id)?.trainees ?? s.trainees;
    const now = this.runner.currentRun().simTime;
    const start = newCueState(sessionStartMs(s, exercise));
    const { state } = advanceCues(exercise.cues, start, trainees, journal, now);
    return { session: s, dir: join(this.hub.store.root, s.id), exercise, state, seq: lastSeq(journal) };
  }

  private carryOut(a: Active, s: TrainingSession, f: CueFiring): void {
    const base = { simMs: f.simMs, by: 'cue' as const, cue: f.cue };
    const wallIso = (): string => new Date().toISOString();
    if (f.action.kind === 'message') {
      const text = f.action.text;
      this.work = this.work.then(() => {
        appendTrainerLog(a.dir, {
          ...base,
          wallIso: wallIso(),
          kind: 'message',
          traineeId: f.traineeId,
          text,
        });
        this.hub.message({ sessionId: s.id, traineeId: f.traineeId, text, by: 'cue', simMs: f.simMs });
      });
    } else if (f.action.kind === 'wave' || f.action.kind === 'lockAisle') {
      const act = f.action;
      const cmd =
        act.kind === 'wave'
          ? ({ type: 'wave.release' } as const)
          : ({ type: act.unlock ? 'aisle.unlock' : 'aisle.lock', aisle: act.aisle } as const);
      // A floor change is for the whole floor: it is carried out once, not once per trainee.
      this.work = this.work.then(async () => {
        const r = await this.runner.floorCommand(cmd);
        appendTrainerLog(a.dir, {
          ...base,
          wallIso: wallIso(),
          kind: 'floor',
          action: cmd.type,
          ...('aisle' in cmd ? { aisle: cmd.aisle } : {}),
          ok: r.ok,
          message: r.message,
        });
        if (!r.ok) this.log.warn({ session: s.id, cue: f.cue }, `cue not carried out: ${r.message}`);
      });
    } else {
      this.inject(a, s, f, f.action.cause, base);
    }
    this.work = this.work.then(() => this.hub.touched(s.id));
    this.work = this.work.catch((err: unknown) =>
      this.log.error({ err, session: s.id }, 'cue firing failed'),
    );
  }

  private inject(
    a: Active,
    s: TrainingSession,
    f: CueFiring,
    cause: string,
    base: { simMs: number; by: 'cue'; cue: string },
  ): void {
    // An injection without a trainee is for every trainee of the session.
    const targets =
      f.traineeId !== null
        ? [{ id: f.traineeId, workerCode: f.workerCode! }]
        : s.trainees.map((t) => ({ id: t.id, workerCode: t.workerCode }));
    for (const t of targets)
      this.work = this.work.then(async () => {
        // A time cue the engine already armed at its time (scheduleTimeCues) is only logged.
        const key = `${t.workerCode}|${cause}|${f.simMs}`;
        const r = this.scheduled.delete(key)
          ? { ok: true, message: `${cause} armed for ${t.workerCode} at ${f.simMs} by the engine` }
          : await this.runner.injectFor(t.workerCode, cause);
        appendTrainerLog(a.dir, {
          ...base,
          wallIso: new Date().toISOString(),
          kind: 'inject',
          traineeId: t.id,
          workerCode: t.workerCode,
          cause,
          ok: r.ok,
          message: r.message,
        });
        if (!r.ok)
          this.log.warn({ session: s.id, cue: f.cue, trainee: t.id }, `cue not carried out: ${r.message}`);
      });
  }
}

function lastSeq(journal: readonly JournalEvent[]): number {
  return journal.at(-1)?.seq ?? 0;
}
