import type { Server as HttpServer } from 'node:http';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import { sliceView, INJECTABLE_CAUSES } from '../../sim/viewApi.ts';
import {
  ClientEvent,
  controlSchema,
  PROTOCOL_VERSION,
  resyncSchema,
  ServerEvent,
  subscribeSchema,
  type ControlReply,
  type NetworkMessage,
  type SnapshotMessage,
  type WelcomeMessage,
} from '../../sim/view/protocol.ts';
import type { LiveRunner } from './runner.ts';
import { singleSiteSource, type StreamSource } from './streamSource.ts';
import type { AccessControl } from './settings.ts';
import { guardedParser } from './packetGuard.ts';
import type { OriginPolicy } from './originPolicy.ts';
import { TokenBucket } from './tokenBucket.ts';
import type { AuthLimiter } from './authLimiter.ts';
import { boundRecoveryBuffer } from './recoveryBuffer.ts';
import { broadcast } from './streamBroadcast.ts';
import { issuesText, siteFromHandshake, snapshotPacer, zoneFromHandshake } from './streamHandshake.ts';
import { NETWORK_ROOM, SITE_ROOM, type LiveIo, type LiveSocket } from './streamRooms.ts';

export { NETWORK_ROOM, SITE_ROOM, type LiveIo } from './streamRooms.ts';
export { SNAPSHOT_MIN_INTERVAL_MS } from './streamHandshake.ts';

/** The engine's injectable causes, copied once into a plain array for every welcome. */
const injectableCauses = INJECTABLE_CAUSES.map((c) => ({ ...c, params: c.params.map((p) => ({ ...p })) }));

/** How long a disconnected client's session (and missed packets) is kept for recovery. */
export const RECOVERY_WINDOW_MS = 2 * 60_000;
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
    if (socket.data.overview !== true) void socket.leave(NETWORK_ROOM);
  };
  /** A site viewer that asked for the overview too (network runs): the network room, and the overview now. */
  const followOverview = (socket: LiveSocket): void => {
    const msg = overviewMsg();
    if (!msg) return;
    socket.data.overview = true;
    void socket.join(NETWORK_ROOM);
    socket.emit(ServerEvent.network, msg);
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
      const auth = socket.handshake.auth as { network?: unknown; overview?: unknown } | undefined;
      if (auth?.network === true && watchNetwork(socket)) {
        // The overview page: the network room only.
      } else if (socket.data.site !== null) {
        const zone = zoneFromHandshake(socket, src.view(socket.data.site));
        socket.data.zone = zone;
        void socket.join(roomOf(socket.data.site, zone));
        if (auth?.overview === true) followOverview(socket);
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
