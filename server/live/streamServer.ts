import { performance } from 'node:perf_hooks';
import type { Server as HttpServer } from 'node:http';
import type { Logger } from 'pino';
import { Server, type Socket } from 'socket.io';
import {
  type ViewDelta,
  type AlertView,
  type ViewState,
  sliceDelta,
  sliceView,
  INJECTABLE_CAUSES,
} from '../../sim/viewApi.ts';
import {
  ClientEvent,
  controlSchema,
  PROTOCOL_VERSION,
  resyncSchema,
  ServerEvent,
  subscribeSchema,
  type AlertMessage,
  type ControlReply,
  type DeltaMessage,
  type PositionsMessage,
  type ReceivedClientEvents,
  type Role,
  type ServerToClientEvents,
  type SnapshotMessage,
  type WelcomeMessage,
} from '../../sim/view/protocol.ts';
import { transactionSpec, type JournalEvent } from '../../sim/index.ts';
import type { LiveRunner, TickOutput } from './runner.ts';
import type { AccessControl } from './settings.ts';
import { guardedParser } from './packetGuard.ts';
import type { OriginPolicy } from './originPolicy.ts';
import { TokenBucket } from './tokenBucket.ts';
import type { AuthLimiter } from './authLimiter.ts';
import { boundRecoveryBuffer } from './recoveryBuffer.ts';

/** The room of the whole site; zone rooms are `zone:<id>`. One process serves one site. */
export const SITE_ROOM = 'site';

/** Per-socket data (restored with the session on a recovered reconnect). */
interface SocketData {
  role: Role;
  zone: string | null;
}

/** The stream's Socket.IO server, typed by the protocol's event maps (no server-to-server events). */
export type LiveIo = Server<ReceivedClientEvents, ServerToClientEvents, Record<string, never>, SocketData>;

type LiveSocket = Socket<ReceivedClientEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** The engine's injectable causes, copied once into a plain array for every welcome. */
const injectableCauses = INJECTABLE_CAUSES.map((c) => ({ ...c, params: c.params.map((p) => ({ ...p })) }));

/** How long a disconnected client's session (and missed packets) is kept for recovery. */
export const RECOVERY_WINDOW_MS = 2 * 60_000;
/**
 * Least wall time between two snapshots to one socket. A snapshot of demo-dc is ~200 KB; asked
 * for by a 58-byte `view.resync`, it was an amplifier (1,000 resyncs made the server send 203 MB).
 * Requests inside the window are coalesced into one snapshot at its end.
 */
export const SNAPSHOT_MIN_INTERVAL_MS = 1000;
/** Control commands per second per socket (burst: twice that). */
export const CONTROL_PER_SECOND = 5;
/** `control.inject` per second per socket (each one checkpoints and re-sends every viewer a snapshot). */
export const INJECT_PER_SECOND = 2;
/** Largest Socket.IO message accepted (our messages are small; engine.io's default is 1 MB). */
export const MAX_SOCKET_MESSAGE = 64 * 1024;

/** Socket options beyond the runner and access control. */
export interface StreamOptions {
  origins: OriginPolicy;
  /** Failed-token limiter shared with HTTP (per IP). */
  authLimiter: AuthLimiter;
}

/**
 * Socket.IO on top of the HTTP server: msgpack parser, connection state recovery, a snapshot
 * on join (and whenever a session was not recovered or a client asks after a gap), reliable
 * deltas and alerts, volatile positions, and the role-checked control channel. Messages are
 * built fresh each tick and never touched again: recovery replays the stored references.
 */
export function attachStream(
  http: HttpServer,
  runner: LiveRunner,
  access: AccessControl,
  log: Logger,
  o: StreamOptions,
): LiveIo {
  const io: LiveIo = new Server(http, {
    // Every packet's shape is checked before routing, on every namespace (issue 11, finding 1).
    parser: guardedParser,
    serveClient: false,
    perMessageDeflate: false,
    maxHttpBufferSize: MAX_SOCKET_MESSAGE,
    // Origin allow-list for WebSocket upgrades and polling alike.
    allowRequest: (req, fn) => {
      const refusal = o.origins.refusal(req);
      if (refusal) log.warn({ address: req.socket.remoteAddress, origin: req.headers.origin }, refusal);
      fn(refusal, refusal === null);
    },
    connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS, skipMiddlewares: true },
  });
  // Recovery's buffer is bounded by time only; cap it by count too (soak finding).
  boundRecoveryBuffer(io);

  io.use((socket, next) => {
    const address = socket.handshake.address;
    const wait = o.authLimiter.blockedFor(address);
    if (wait > 0) {
      next(new Error(`too many failed tokens from ${address}; retry after ${Math.ceil(wait / 1000)} s`));
      return;
    }
    const role = access.roleOf((socket.handshake.auth as { token?: unknown } | undefined)?.token);
    if (!role) {
      o.authLimiter.failed(address, 'socket');
      log.warn({ address }, 'connection refused: unknown token');
      next(new Error('invalid token: connect without one to watch as a viewer'));
      return;
    }
    socket.data.role = role;
    next();
  });

  // Zone snapshots are cached per seq: many wall screens on one zone share one slice.
  let cache: { seq: number; zone: string | null; msg: SnapshotMessage }[] = [];
  const snapshotFor = (zone: string | null): SnapshotMessage => {
    const view = runner.view();
    const hit = cache.find((c) => c.seq === view.seq && c.zone === zone);
    if (hit) return hit.msg;
    const msg: SnapshotMessage = {
      type: ServerEvent.snapshot,
      v: PROTOCOL_VERSION,
      zone,
      view: zone === null ? view : sliceView(view, zone),
    };
    cache = [...cache.filter((c) => c.seq === view.seq), { seq: view.seq, zone, msg }];
    return msg;
  };
  const roomOf = (zone: string | null): string => (zone === null ? SITE_ROOM : `zone:${zone}`);

  io.on('connection', (socket) => {
    const welcome: WelcomeMessage = {
      type: ServerEvent.welcome,
      v: PROTOCOL_VERSION,
      role: socket.data.role,
      recovered: socket.recovered,
      causes: injectableCauses,
    };
    socket.emit(ServerEvent.welcome, welcome);
    const snapshots = snapshotPacer(() => socket.emit(ServerEvent.snapshot, snapshotFor(socket.data.zone)));
    socket.on('disconnect', snapshots.cancel);
    const controls = new TokenBucket(CONTROL_PER_SECOND, 2 * CONTROL_PER_SECOND);
    const injects = new TokenBucket(INJECT_PER_SECOND, 2 * INJECT_PER_SECOND);
    if (!socket.recovered) {
      const zone = zoneFromHandshake(socket, runner.view());
      socket.data.zone = zone;
      void socket.join(roomOf(zone));
      snapshots.request();
    }
    log.debug({ id: socket.id, role: socket.data.role, recovered: socket.recovered }, 'viewer connected');

    socket.on(ClientEvent.subscribe, (msg: unknown, ack?: unknown) => {
      const r = subscribeSchema.safeParse(msg);
      const reply = typeof ack === 'function' ? (ack as (x: unknown) => void) : () => {};
      if (!r.success) return reply({ ok: false, message: issuesText(r.error.issues) });
      const zone = r.data.zone ?? null;
      if (zone !== null && !runner.view().zones.some((z) => z.id === zone)) {
        return reply({
          ok: false,
          message: `unknown zone "${zone}" (zones: ${runner
            .view()
            .zones.map((z) => z.id)
            .join(', ')})`,
        });
      }
      void socket.leave(roomOf(socket.data.zone));
      socket.data.zone = zone;
      void socket.join(roomOf(zone));
      snapshots.request();
      reply({ ok: true, zone });
    });

    socket.on(ClientEvent.resync, (msg: unknown) => {
      if (!resyncSchema.safeParse(msg).success) return;
      snapshots.request();
    });

    socket.on(ClientEvent.control, (msg: unknown, ack?: unknown) => {
      const reply = (x: ControlReply): void => {
        if (typeof ack === 'function') (ack as (x: ControlReply) => void)(x);
      };
      const command =
        typeof (msg as { type?: unknown } | null)?.type === 'string'
          ? (msg as { type: string }).type
          : 'control';
      const role = socket.data.role;
      if (role === 'viewer') {
        log.warn(
          { id: socket.id, address: socket.handshake.address, command },
          'control refused: viewer role',
        );
        return reply({
          type: 'control.error',
          command,
          code: 'forbidden',
          message: `${command} refused: this connection has the viewer role (read-only); connect with a trainer or admin token to control the run`,
        });
      }
      const r = controlSchema.safeParse(msg);
      if (!r.success)
        return reply({
          type: 'control.error',
          command,
          code: 'invalid',
          message: issuesText(r.error.issues),
        });
      const bucket = r.data.type === 'control.inject' ? injects : controls;
      if (!controls.take() || (bucket === injects && !injects.take())) {
        log.warn({ id: socket.id, address: socket.handshake.address, command }, 'control rate-limited');
        return reply({
          type: 'control.error',
          command,
          code: 'rate-limited',
          message: `${command} refused: at most ${bucket === injects ? INJECT_PER_SECOND : CONTROL_PER_SECOND} per second per connection; retry in ${bucket.retryAfterMs()} ms`,
        });
      }
      runner.control(r.data).then(
        (out) => {
          log.info({ id: socket.id, role, command, ok: out.type === 'control.ack' }, 'control');
          reply(out);
        },
        (err: unknown) => {
          log.error({ err, command }, 'control failed');
          reply({
            type: 'control.error',
            command,
            code: 'failed',
            message: err instanceof Error ? err.message : String(err),
          });
        },
      );
    });
  });

  runner.onTick((out) => broadcast(io, out, snapshotFor, roomOf));
  return io;
}

/**
 * Sends at most one snapshot per SNAPSHOT_MIN_INTERVAL_MS: the first request at once, later
 * ones coalesced into a single send when the window ends (built then, so it is current).
 */
function snapshotPacer(send: () => void): { request: () => void; cancel: () => void } {
  let last = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | null = null;
  const fire = (): void => {
    timer = null;
    last = performance.now();
    send();
  };
  return {
    request: () => {
      if (timer) return;
      const wait = last + SNAPSHOT_MIN_INTERVAL_MS - performance.now();
      if (wait <= 0) fire();
      else timer = setTimeout(fire, wait);
    },
    cancel: () => {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

/** The zone asked for in the handshake (`auth.zone` or `?zone=`), if it exists; else the whole site. */
function zoneFromHandshake(socket: LiveSocket, view: ViewState): string | null {
  const auth = socket.handshake.auth as { zone?: unknown } | undefined;
  const z = auth?.zone ?? socket.handshake.query['zone'];
  return typeof z === 'string' && view.zones.some((x) => x.id === z) ? z : null;
}

function broadcast(
  io: LiveIo,
  out: TickOutput,
  snapshotFor: (zone: string | null) => SnapshotMessage,
  roomOf: (zone: string | null) => string,
): void {
  const rooms = io.of('/').adapter.rooms;
  const zones = out.view.zones.map((z) => z.id).filter((z) => (rooms.get(roomOf(z))?.size ?? 0) > 0);
  if (out.reset || !out.delta) {
    // A new run: every viewer starts over from a snapshot.
    io.to(SITE_ROOM).emit(ServerEvent.snapshot, snapshotFor(null));
    for (const z of zones) io.to(roomOf(z)).emit(ServerEvent.snapshot, snapshotFor(z));
    return;
  }
  const { positions, ...reliable } = out.delta;
  const deltaMsg = (d: Omit<ViewDelta, 'positions'>): DeltaMessage => ({
    type: ServerEvent.delta,
    v: PROTOCOL_VERSION,
    delta: d,
  });
  if (positions) {
    const msg: PositionsMessage = {
      type: ServerEvent.positions,
      v: PROTOCOL_VERSION,
      seq: out.view.seq,
      simTime: out.view.simTime,
      xy: positions,
    };
    // Volatile, and first: a volatile packet is dropped while the transport is still writing,
    // so sent after the delta it would nearly always be lost. A slow viewer skips frames; the
    // next one is absolute.
    io.volatile.emit(ServerEvent.positions, msg);
  }
  io.to(SITE_ROOM).emit(ServerEvent.delta, deltaMsg(reliable));
  for (const z of zones)
    io.to(roomOf(z)).emit(ServerEvent.delta, deltaMsg(sliceDelta(reliable, out.view, z)));
  const seq = out.view.seq;
  const send = (change: AlertMessage['change'], alert: AlertView): void => {
    const msg: AlertMessage = { type: ServerEvent.alert, v: PROTOCOL_VERSION, seq, change, alert };
    if (alert.zone === undefined) io.emit(ServerEvent.alert, msg);
    else io.to(SITE_ROOM).to(roomOf(alert.zone)).emit(ServerEvent.alert, msg);
  };
  // New alerts carry this tick's time (open ones keep their first-seen time), so this picks the new ones.
  for (const a of out.delta.alerts?.upsert ?? []) if (a.since === out.view.simTime) send('raised', a);
  for (const id of out.delta.alerts?.clear ?? []) {
    send('cleared', {
      id,
      kind: id.split(':')[0] ?? id,
      severity: 'info',
      message: `${id} cleared`,
      since: out.view.simTime,
    });
  }
  for (const e of out.events) send('event', journalAlert(e));
}

/** A journal business event as a one-off alert, at the level its catalogue entry gives. */
function journalAlert(e: JournalEvent): AlertView {
  const spec = transactionSpec(e.type);
  const what = [
    e.bin,
    e.sku,
    e.lot,
    e.qty === undefined ? undefined : `${e.qty} ${e.uom ?? ''}`.trim(),
    e.reason,
  ]
    .filter((x) => x !== undefined && x !== '')
    .join(' ');
  return {
    id: `journal:${e.seq}`,
    kind: e.type,
    severity: spec.alert === 'none' ? 'info' : spec.alert,
    message: what ? `${e.type}: ${what}` : e.type,
    since: e.t,
    ...(e.bin === undefined ? {} : { bin: e.bin }),
  };
}

function issuesText(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .map((i) => `${i.path.length ? i.path.map(String).join('.') : '(message)'}: ${i.message}`)
    .join('; ');
}
