import type { Server, Socket } from 'socket.io';
import type { Logger } from 'pino';
import type { AuthLimiter } from '../live/authLimiter.ts';
import { TokenBucket } from '../live/tokenBucket.ts';
import { HttpError } from '../http/httpErrors.ts';
import type { TrainingHub } from './trainingHub.ts';
import { problemsOf, rfEntrySchema } from './trainingSchemas.ts';

/** The Socket.IO namespace trainees' handhelds connect to. */
export const RF_NAMESPACE = '/rf';

/** Handheld entries per second per connection (a person scans about one a second; burst: twice). */
export const RF_ENTRIES_PER_SECOND = 5;

/** Server-to-handheld events. */
export const RfEvent = {
  /** Who the handheld is: session, trainee, role and worker (again when a role is given). */
  welcome: 'rf.welcome',
  /** The screen, whenever it changes (the chart state's meta, travel, the kit). */
  screen: 'rf.screen',
  /** A message from the trainer (or an exercise cue): `{ text, by, simMs }`. */
  message: 'rf.message',
} as const;

interface RfData {
  token: string;
  sessionId: string;
  traineeId: string;
  /** The last screen sent, as JSON, so a tick sends only changes. */
  last: string;
}

/**
 * `/rf`: a trainee's handheld connects with the token it got at join (`auth.token`; a staff or
 * device token is refused, as an unknown one is, and counts against the address), is welcomed
 * with its session and role, and is sent its screen on every change. It emits `rf.entry` (one
 * scan, keyed value or exit; validated, rate-limited) with an acknowledgement that comes after
 * the entry is applied and logged: `{ ok: true, outcome, seq, screen }` or `{ ok: false, error }`.
 * `rf.screen` with an ack returns the current screen. Nothing else is listened to: a trainee
 * token cannot steer the run.
 */
export function attachRf(io: Server, hub: TrainingHub, authLimiter: AuthLimiter, log: Logger): void {
  const nsp = io.of(RF_NAMESPACE);
  nsp.use((socket, next) => {
    const address = socket.handshake.address;
    const wait = authLimiter.blockedFor(address);
    if (wait > 0) {
      next(new Error(`too many failed tokens from ${address}; retry after ${Math.ceil(wait / 1000)} s`));
      return;
    }
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    const who = hub.store.authenticate(token);
    if (!who) {
      authLimiter.failed(address, 'rf');
      log.warn({ address }, 'handheld refused: unknown trainee token');
      next(new Error('unknown trainee token: join the session again'));
      return;
    }
    const d = socket.data as RfData;
    d.token = token as string;
    d.sessionId = who.session.id;
    d.traineeId = who.trainee.id;
    d.last = '';
    next();
  });
  const welcome = (socket: Socket): boolean => {
    const who = hub.store.authenticate((socket.data as RfData).token);
    if (!who) {
      socket.disconnect(true);
      return false;
    }
    const t = who.trainee;
    // The seat a token holds changes when a handed-back trainee is given a new role.
    (socket.data as RfData).traineeId = t.id;
    socket.emit(RfEvent.welcome, {
      session: { id: who.session.id, code: who.session.code, scenario: who.session.scenario },
      trainee: {
        id: t.id,
        name: t.name,
        role: 'role' in t ? t.role : null,
        worker: 'workerCode' in t ? t.workerCode : null,
      },
    });
    return true;
  };
  const push = (socket: Socket): void => {
    const d = socket.data as RfData;
    const who = hub.store.authenticate(d.token);
    if (!who) return void socket.disconnect(true);
    const screen = hub.screen(who);
    // The clock alone is no change: a handheld is sent a screen when its step, travel or kit changes.
    const text = JSON.stringify(screen ? { ...screen, simMs: 0 } : null);
    if (text === d.last) return;
    d.last = text;
    socket.emit(RfEvent.screen, screen);
  };
  hub.onAssigned((sessionId, t) => {
    for (const s of nsp.sockets.values()) {
      const d = s.data as RfData;
      // A new seat (re-role after a hand-back) has the token of the seat the socket was welcomed as.
      const mine = d.traineeId === t.id || d.traineeId === t.reseatOf;
      if (d.sessionId === sessionId && mine && welcome(s)) push(s);
    }
  });
  hub.onMessage((m) => {
    for (const s of nsp.sockets.values()) {
      const d = s.data as RfData;
      if (d.sessionId === m.sessionId && (m.traineeId === null || d.traineeId === m.traineeId))
        s.emit(RfEvent.message, { text: m.text, by: m.by, simMs: m.simMs });
    }
  });
  // After a rewind every handheld is sent its screen again, changed or not: the trainee sees at
  // once where the floor now is, on the same connection.
  hub.runner.onRewind(() => {
    for (const s of nsp.sockets.values()) {
      (s.data as RfData).last = '\u0000';
      push(s);
    }
  });
  hub.runner.onTick(() => {
    for (const s of nsp.sockets.values()) push(s);
  });
  nsp.on('connection', (socket: Socket) => {
    if (!welcome(socket)) return;
    push(socket);
    const d = socket.data as RfData;
    const m = hub.lastMessage(d.sessionId, d.traineeId);
    if (m) socket.emit(RfEvent.message, { text: m.text, by: m.by, simMs: m.simMs });
    const entries = new TokenBucket(RF_ENTRIES_PER_SECOND, 2 * RF_ENTRIES_PER_SECOND);
    socket.on('rf.screen', (_msg: unknown, ack?: unknown) => {
      if (typeof ack !== 'function') return;
      const who = hub.store.authenticate((socket.data as RfData).token);
      (ack as (x: unknown) => void)(
        who ? { ok: true, screen: hub.screen(who) } : { ok: false, error: 'session ended' },
      );
    });
    socket.on('rf.entry', (msg: unknown, ack?: unknown) => {
      const reply = typeof ack === 'function' ? (ack as (x: unknown) => void) : () => {};
      const r = rfEntrySchema.safeParse(msg);
      if (!r.success)
        return reply({ ok: false, error: 'invalid entry', problems: problemsOf(r.error.issues) });
      if (!entries.take())
        return reply({
          ok: false,
          error: `at most ${RF_ENTRIES_PER_SECOND} entries per second; retry in ${entries.retryAfterMs()} ms`,
        });
      const who = hub.store.authenticate((socket.data as RfData).token);
      if (!who) {
        reply({ ok: false, error: 'the session has ended or the token is no longer valid' });
        return void socket.disconnect(true);
      }
      hub.entry(who, r.data).then(
        (out) => {
          (socket.data as RfData).last = JSON.stringify(out.screen ? { ...out.screen, simMs: 0 } : null);
          reply(out);
        },
        (err: unknown) => {
          if (!(err instanceof HttpError))
            log.error({ err, trainee: who.trainee.id }, 'handheld entry failed');
          reply({ ok: false, error: err instanceof Error ? err.message : String(err) });
        },
      );
    });
  });
}
