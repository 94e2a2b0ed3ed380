import { join } from 'node:path';
import type { Logger } from 'pino';
import { ClientEvent, ServerEvent, watchTrainingSchema } from '../../sim/view/protocol.ts';
import type { LiveRunner } from '../live/runner.ts';
import { SITE_ROOM, type LiveIo, type LiveSocket } from '../live/streamRooms.ts';
import { issuesText } from '../live/streamHandshake.ts';
import type { Exercise } from './exerciseSchema.ts';
import { JournalTail } from './journalTail.ts';
import { sessionScores } from './sessionScores.ts';
import type { TrainingHub } from './trainingHub.ts';

// The live scoreboard pushed to trainer consoles (issue 14). A console on the stream sends
// `training.watch {session}` (a trainer or admin connection only: viewers, and trainees, who
// have no staff token, are refused) and joins the session's room; it leaves the floor stream.
// A session's scores are recomputed after something that can change them — a handheld entry,
// a role given or a worker handed back, a trainer-log line (message, injection, cue), a rewind,
// a journal event by one of its trainees' workers, a new truth-log event — and pushed as
// `training.scores` only when they differ from the last push. Nothing runs on a timer.

/** The room of one training session's scoreboard. */
export function trainingRoom(sessionId: string): string {
  return `training:${sessionId}`;
}

/** Recomputes and pushes watched sessions' scoreboards when they change. */
export class ScorePush {
  /** Per session: the scores last pushed (JSON), to send only changes. */
  private readonly last = new Map<string, string>();
  private readonly dirty = new Set<string>();
  private scheduled = false;
  private readonly tail = new JournalTail();
  private truthSeen = -1;
  private readonly exercises = new Map<string, Exercise>();

  constructor(
    private readonly io: LiveIo,
    private readonly hub: TrainingHub,
    private readonly runner: LiveRunner,
    private readonly log: Logger,
  ) {
    io.on('connection', (socket) =>
      socket.on(ClientEvent.watchTraining, (msg: unknown, ack?: unknown) => this.watch(socket, msg, ack)),
    );
    hub.onTouched((id) => this.touch(id));
    hub.onMessage((m) => this.touch(m.sessionId));
    runner.onRewind(() => this.touchAll());
    runner.onTick(() => this.onTick());
  }

  private watch(socket: LiveSocket, msg: unknown, ack: unknown): void {
    const reply = typeof ack === 'function' ? (ack as (x: unknown) => void) : () => {};
    if (socket.data.role === 'viewer') {
      this.log.warn({ id: socket.id, address: socket.handshake.address }, 'training.watch refused: viewer');
      return reply({ ok: false, message: 'the scoreboard needs a trainer or admin token' });
    }
    const r = watchTrainingSchema.safeParse(msg);
    if (!r.success) return reply({ ok: false, message: issuesText(r.error.issues) });
    const s = this.hub.store.get(r.data.session);
    if (!s) return reply({ ok: false, message: `unknown session "${r.data.session}"` });
    if (s.exercise === null)
      return reply({ ok: false, message: `session ${s.id} is free play: it has no exercise to score` });
    // A scoreboard connection is not a floor view: it leaves the site's stream.
    for (const room of socket.rooms)
      if (room === SITE_ROOM || room.startsWith('zone:')) void socket.leave(room);
    socket.data.site = null;
    void socket.join(trainingRoom(s.id));
    reply({ ok: true, session: s.id });
    const board = this.board(s.id);
    if (board) socket.emit(ServerEvent.trainingScores, board);
  }

  /** Marks a session's scores as possibly changed; they are recomputed once the current work is done. */
  touch(sessionId: string): void {
    this.dirty.add(sessionId);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const ids = [...this.dirty];
      this.dirty.clear();
      for (const id of ids) this.push(id);
    });
  }

  private touchAll(): void {
    for (const id of this.watched()) this.touch(id);
  }

  /** Sessions on the live run with at least one console watching. */
  private watched(): string[] {
    const runId = this.runner.status().runId;
    return this.hub.store
      .list()
      .filter(
        (s) => s.runId === runId && (this.io.sockets.adapter.rooms.get(trainingRoom(s.id))?.size ?? 0) > 0,
      )
      .map((s) => s.id);
  }

  private onTick(): void {
    const ids = this.watched();
    if (ids.length === 0) return;
    const run = this.runner.currentRun();
    const truth = run.truth().length;
    const { events, reset } = this.tail.read(run.folder);
    if (reset || truth !== this.truthSeen) {
      this.truthSeen = truth;
      return this.touchAll();
    }
    if (events.length === 0) return;
    for (const id of ids) {
      const workers = new Set(this.hub.store.get(id)?.trainees.map((t) => t.workerCode));
      if (events.some((e) => e.actor !== undefined && workers.has(e.actor.worker))) this.touch(id);
    }
  }

  private board(sessionId: string): ReturnType<typeof sessionScores> | null {
    const s = this.hub.store.get(sessionId);
    if (!s || s.exercise === null) return null;
    let x = this.exercises.get(s.exercise);
    if (!x) this.exercises.set(s.exercise, (x = this.hub.exercises.load(s.exercise).exercise));
    return sessionScores(this.runner, join(this.hub.store.root, s.id), s, x);
  }

  private push(sessionId: string): void {
    const room = trainingRoom(sessionId);
    if ((this.io.sockets.adapter.rooms.get(room)?.size ?? 0) === 0) return;
    try {
      const board = this.board(sessionId);
      if (!board) return;
      const key = JSON.stringify(board.scores);
      if (this.last.get(sessionId) === key) return;
      this.last.set(sessionId, key);
      this.io.to(room).emit(ServerEvent.trainingScores, board);
    } catch (err) {
      this.log.error({ err, session: sessionId }, 'scoreboard push failed');
    }
  }
}
