import { join } from 'node:path';
import type { Logger } from 'pino';
import {
  ClientEvent,
  PROTOCOL_VERSION,
  ServerEvent,
  watchTrainingSchema,
  type ServerMessage,
} from '../../sim/view/protocol.ts';
import type { LiveRunner } from '../live/runner.ts';
import { SITE_ROOM, type LiveIo, type LiveSocket } from '../live/streamRooms.ts';
import { issuesText } from '../live/streamHandshake.ts';
import type { Exercise } from './exerciseSchema.ts';
import { JournalTail } from './journalTail.ts';
import { sessionScores } from './sessionScores.ts';
import { sessionTimeline } from './sessionTimeline.ts';
import type { TrainingHub } from './trainingHub.ts';
import type { TrainingSession } from './trainingTypes.ts';

// What the trainer console is pushed (issue 14). A console on the stream sends
// `training.watch {session}` (a trainer or admin connection only: viewers, and trainees, who
// have no staff token, are refused) and joins the session's room; it leaves the floor stream.
// The room is sent the session's scoreboard (`training.scores`, exercise sessions only), its
// trainees (`training.trainees`), the run's rewind points (`training.points`) and its timeline
// (`training.timeline`): each at once on watching, then again only when it differs from the
// last one sent. They are rebuilt after something that can change them — a trainee joining, a
// role given or a worker handed back, a handheld entry, a trainer-log line (message, injection,
// cue, pause, floor change), a rewind, a journal event by one of its trainees' workers, a new
// truth-log event, a rewind point taken or dropped. Nothing runs on a timer, so an idle class
// sends nothing.

/** The room of one training session's console. */
export function trainingRoom(sessionId: string): string {
  return `training:${sessionId}`;
}

/** The parts of a console's state, each pushed as its own event. */
const PARTS = ['scores', 'trainees', 'points', 'timeline'] as const;

/** Rebuilds and pushes watched sessions' console state (scores, trainees, points, timeline) when it changes. */
export class ConsolePush {
  /** Per session and part: the message last pushed (JSON), to send only changes. */
  private readonly last = new Map<string, string>();
  private readonly dirty = new Set<string>();
  private scheduled = false;
  private readonly tail = new JournalTail();
  private truthSeen = -1;
  /** The rewind folder's file names at the last look (a point taken or dropped changes them). */
  private pointsSeen = '';
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
      return reply({ ok: false, message: 'the trainer console needs a trainer or admin token' });
    }
    const r = watchTrainingSchema.safeParse(msg);
    if (!r.success) return reply({ ok: false, message: issuesText(r.error.issues) });
    const s = this.hub.store.get(r.data.session);
    if (!s) return reply({ ok: false, message: `unknown session "${r.data.session}"` });
    // A console connection is not a floor view: it leaves the site's stream.
    for (const room of socket.rooms)
      if (room === SITE_ROOM || room.startsWith('zone:')) void socket.leave(room);
    socket.data.site = null;
    void socket.join(trainingRoom(s.id));
    reply({ ok: true, session: s.id });
    // A new console gets every part now (a free-play session has no scoreboard): a part that
    // changed since the room's last push goes to the whole room, the rest to this console only.
    this.push(s.id, socket);
  }

  /** Marks a session's console state as possibly changed; it is rebuilt once the current work is done. */
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
    // A count of points written, not the folder listing: no file system work on every tick.
    const points = `${run.folder}|${run.rewindPointsWritten}`;
    if (reset || truth !== this.truthSeen || points !== this.pointsSeen) {
      this.truthSeen = truth;
      this.pointsSeen = points;
      return this.touchAll();
    }
    if (events.length === 0) return;
    for (const id of ids) {
      const workers = new Set(this.hub.store.get(id)?.trainees.map((t) => t.workerCode));
      if (events.some((e) => e.actor !== undefined && workers.has(e.actor.worker))) this.touch(id);
    }
  }

  private exercise(name: string): Exercise {
    let x = this.exercises.get(name);
    if (!x) this.exercises.set(name, (x = this.hub.exercises.load(name).exercise));
    return x;
  }

  /** One part of a session's console state as its message; null for a free play's scoreboard. */
  private build(s: TrainingSession, part: (typeof PARTS)[number]): ServerMessage | null {
    const dir = join(this.hub.store.root, s.id);
    const head = { v: PROTOCOL_VERSION, session: s.id };
    switch (part) {
      case 'scores':
        return s.exercise === null ? null : sessionScores(this.runner, dir, s, this.exercise(s.exercise));
      case 'trainees':
        return {
          type: ServerEvent.trainingTrainees,
          ...head,
          trainees: s.trainees.map(({ tokenSha256: _h, ...t }) => t),
          pending: (s.pending ?? []).map(({ tokenSha256: _h, ...p }) => p),
        };
      case 'points':
        return { type: ServerEvent.trainingPoints, ...head, points: this.runner.rewindPoints() };
      case 'timeline':
        return sessionTimeline(this.runner, this.hub.exercises, dir, s);
    }
  }

  /** What decides "changed" for a part: the scoreboard's rows (not the sim time it was computed at), else all of it. */
  private static key(m: ServerMessage): string {
    return JSON.stringify(m.type === ServerEvent.trainingScores ? m.scores : m);
  }

  /** Sends the room each part that changed since its last push; `joined`, a console that just joined, gets the rest too. */
  private push(sessionId: string, joined?: LiveSocket): void {
    const room = trainingRoom(sessionId);
    if ((this.io.sockets.adapter.rooms.get(room)?.size ?? 0) === 0) return;
    const s = this.hub.store.get(sessionId);
    if (!s) return;
    for (const part of PARTS) {
      try {
        const m = this.build(s, part);
        if (!m) continue;
        const key = ConsolePush.key(m);
        if (this.last.get(`${sessionId}|${part}`) === key) {
          joined?.emit(m.type, m as never);
          continue;
        }
        this.last.set(`${sessionId}|${part}`, key);
        this.io.to(room).emit(m.type, m as never);
      } catch (err) {
        this.log.error({ err, session: sessionId, part }, 'console push failed');
      }
    }
  }
}
