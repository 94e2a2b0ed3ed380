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
  type NetworkMessage,
  type PositionsMessage,
  type ReceivedClientEvents,
  type Role,
  type ServerToClientEvents,
  type SnapshotMessage,
  type WelcomeMessage,
} from '../../sim/view/protocol.ts';
import { transactionSpec, type JournalEvent } from '../../sim/index.ts';
import type { LiveRunner, TickOutput } from './runner.ts';
import { singleSiteSource, type StreamSource } from './streamSource.ts';
import type { AccessControl } from './settings.ts';
import { guardedParser } from './packetGuard.ts';
import type { OriginPolicy } from './originPolicy.ts';
import { TokenBucket } from './tokenBucket.ts';
import type { AuthLimiter } from './authLimiter.ts';
import { boundRecoveryBuffer } from './recoveryBuffer.ts';

/**
 * The room of the whole site of a single-site run; its zone rooms are `zone:<id>`. A network
 * run's rooms carry the site: `site:<site>` and `zone:<site>:<zone>`, so a site's frames reach
 * only its viewers; the overview page's room is NETWORK_ROOM.
 */
export const SITE_ROOM = 'site';

/** The room of the network overview page (network runs). */
export const NETWORK_ROOM = 'network';

/** Per-socket data (restored with the session on a recovered reconnect). */
interface SocketData {
  role: Role;
  zone: string | null;
  /** The site watched; null for none (an unknown site was asked for, or the overview). */
  site: string | null;
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
  runner: LiveRunner | StreamSource,
  access: AccessControl,
  log: Logger,
  o: StreamOptions,
): LiveIo {
  const src: StreamSource = 'multiSite' in runner ? runner : singleSiteSource(runner);
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

  // Zone snapshots are cached per site and seq: many wall screens on one zone share one slice.
  let cache: { site: string; seq: number; zone: string | null; msg: SnapshotMessage }[] = [];
  const snapshotFor = (site: string, zone: string | null): SnapshotMessage => {
    const view = src.view(site);
    const hit = cache.find((c) => c.site === site && c.seq === view.seq && c.zone === zone);
    if (hit) return hit.msg;
    const msg: SnapshotMessage = {
      type: ServerEvent.snapshot,
      v: PROTOCOL_VERSION,
      zone,
      view: zone === null ? view : sliceView(view, zone),
    };
    cache = [
      ...cache.filter((c) => c.site !== site || c.seq === view.seq),
      { site, seq: view.seq, zone, msg },
    ];
    return msg;
  };
  const roomOf = (site: string, zone: string | null): string =>
    src.multiSite
      ? zone === null
        ? `site:${site}`
        : `zone:${site}:${zone}`
      : zone === null
        ? SITE_ROOM
        : `zone:${zone}`;
  const overviewMsg = (): NetworkMessage | null => {
    const view = src.overview();
    return view ? { type: ServerEvent.network, v: PROTOCOL_VERSION, view } : null;
  };
  // A single-site run has one site whatever its name (a load may rename it): a socket watching
  // a site watches the current one.
  const siteOf = (socket: LiveSocket): string | null =>
    socket.data.site === null ? null : src.multiSite ? socket.data.site : src.sites()[0]!;
  const leaveAll = (socket: LiveSocket): void => {
    const site = siteOf(socket);
    if (site !== null) void socket.leave(roomOf(site, socket.data.zone));
    void socket.leave(NETWORK_ROOM);
  };
  const watchNetwork = (socket: LiveSocket): boolean => {
    const msg = overviewMsg();
    if (!msg) return false;
    leaveAll(socket);
    socket.data.site = null;
    socket.data.zone = null;
    void socket.join(NETWORK_ROOM);
    socket.emit(ServerEvent.network, msg);
    return true;
  };

  io.on('connection', (socket) => {
    const sites = src.sites();
    if (!socket.recovered) socket.data.site = siteFromHandshake(socket, sites);
    const welcome: WelcomeMessage = {
      type: ServerEvent.welcome,
      v: PROTOCOL_VERSION,
      role: socket.data.role,
      recovered: socket.recovered,
      causes: injectableCauses,
      sites,
      site: socket.data.site,
    };
    socket.emit(ServerEvent.welcome, welcome);
    const snapshots = snapshotPacer(() => {
      const site = siteOf(socket);
      if (site !== null && src.sites().includes(site))
        socket.emit(ServerEvent.snapshot, snapshotFor(site, socket.data.zone));
    });
    socket.on('disconnect', snapshots.cancel);
    const controls = new TokenBucket(CONTROL_PER_SECOND, 2 * CONTROL_PER_SECOND);
    const injects = new TokenBucket(INJECT_PER_SECOND, 2 * INJECT_PER_SECOND);
    if (!socket.recovered) {
      const auth = socket.handshake.auth as { network?: unknown } | undefined;
      if (auth?.network === true && watchNetwork(socket)) {
        // The overview page: the network room only.
      } else if (socket.data.site !== null) {
        const zone = zoneFromHandshake(socket, src.view(socket.data.site));
        socket.data.zone = zone;
        void socket.join(roomOf(socket.data.site, zone));
        snapshots.request();
      } else {
        socket.data.zone = null;
        log.info({ id: socket.id, sites }, 'viewer asked for a site this run does not have');
      }
    }
    log.debug({ id: socket.id, role: socket.data.role, recovered: socket.recovered }, 'viewer connected');

    socket.on(ClientEvent.subscribe, (msg: unknown, ack?: unknown) => {
      const r = subscribeSchema.safeParse(msg);
      const reply = typeof ack === 'function' ? (ack as (x: unknown) => void) : () => {};
      if (!r.success) return reply({ ok: false, message: issuesText(r.error.issues) });
      if (r.data.network === true) {
        if (!watchNetwork(socket)) return reply({ ok: false, message: 'this run is not a network run' });
        return reply({ ok: true, zone: null, site: null });
      }
      const sites = src.sites();
      const site = r.data.site ?? siteOf(socket) ?? sites[0]!;
      if (!sites.includes(site))
        return reply({ ok: false, message: `unknown site "${site}" (sites: ${sites.join(', ')})` });
      const zone = r.data.zone ?? null;
      const view = src.view(site);
      if (zone !== null && !view.zones.some((z) => z.id === zone)) {
        return reply({
          ok: false,
          message: `unknown zone "${zone}" (zones: ${view.zones.map((z) => z.id).join(', ')})`,
        });
      }
      leaveAll(socket);
      socket.data.site = site;
      socket.data.zone = zone;
      void socket.join(roomOf(site, zone));
      snapshots.request();
      reply(src.multiSite ? { ok: true, zone, site } : { ok: true, zone });
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
      src.control(r.data, siteOf(socket) ?? src.sites()[0]!).then(
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

  src.onTick((site, out) => broadcast(io, site, out, src.multiSite, snapshotFor, roomOf));
  src.onOverview((view) =>
    io.to(NETWORK_ROOM).emit(ServerEvent.network, { type: ServerEvent.network, v: PROTOCOL_VERSION, view }),
  );
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

/**
 * The site asked for in the handshake (`auth.site` or `?site=`): absent → the first site; one
 * not served → null (the welcome says so and lists the sites; the socket joins no room).
 */
function siteFromHandshake(socket: LiveSocket, sites: readonly string[]): string | null {
  const auth = socket.handshake.auth as { site?: unknown } | undefined;
  const s = auth?.site ?? socket.handshake.query['site'];
  if (typeof s !== 'string' || s === '') return sites[0] ?? null;
  return sites.includes(s) ? s : null;
}

/** The zone asked for in the handshake (`auth.zone` or `?zone=`), if it exists; else the whole site. */
function zoneFromHandshake(socket: LiveSocket, view: ViewState): string | null {
  const auth = socket.handshake.auth as { zone?: unknown } | undefined;
  const z = auth?.zone ?? socket.handshake.query['zone'];
  return typeof z === 'string' && view.zones.some((x) => x.id === z) ? z : null;
}

function broadcast(
  io: LiveIo,
  site: string,
  out: TickOutput,
  multiSite: boolean,
  snapshotFor: (site: string, zone: string | null) => SnapshotMessage,
  roomOf: (site: string, zone: string | null) => string,
): void {
  const rooms = io.of('/').adapter.rooms;
  const zones = out.view.zones.map((z) => z.id).filter((z) => (rooms.get(roomOf(site, z))?.size ?? 0) > 0);
  const siteRoom = roomOf(site, null);
  // Everyone watching this site (one process, one site: everyone, as before networks).
  const allOfSite = multiSite ? io.to([siteRoom, ...zones.map((z) => roomOf(site, z))]) : io;
  if (out.reset || !out.delta) {
    // A new run: every viewer starts over from a snapshot.
    io.to(siteRoom).emit(ServerEvent.snapshot, snapshotFor(site, null));
    for (const z of zones) io.to(roomOf(site, z)).emit(ServerEvent.snapshot, snapshotFor(site, z));
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
    allOfSite.volatile.emit(ServerEvent.positions, msg);
  }
  io.to(siteRoom).emit(ServerEvent.delta, deltaMsg(reliable));
  for (const z of zones)
    io.to(roomOf(site, z)).emit(ServerEvent.delta, deltaMsg(sliceDelta(reliable, out.view, z)));
  const seq = out.view.seq;
  const send = (change: AlertMessage['change'], alert: AlertView): void => {
    const msg: AlertMessage = { type: ServerEvent.alert, v: PROTOCOL_VERSION, seq, change, alert };
    if (alert.zone === undefined) allOfSite.emit(ServerEvent.alert, msg);
    else io.to(siteRoom).to(roomOf(site, alert.zone)).emit(ServerEvent.alert, msg);
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
