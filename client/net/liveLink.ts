import { io, type Socket } from 'socket.io-client';
import msgpackParser from 'socket.io-msgpack-parser';
import {
  ClientEvent,
  PROTOCOL_VERSION,
  ServerEvent,
  type AlertMessage,
  type ControlCommand,
  type ClientToServerEvents,
  type ControlReply,
  type DeltaMessage,
  type ForecastMessage,
  type NetworkMessage,
  type PositionsMessage,
  type ServerToClientEvents,
  type SnapshotMessage,
  type WelcomeMessage,
} from '../../sim/view/protocol.ts';
import { ViewFollower, type ViewState } from '../../sim/viewApi.ts';
import type { LinkStatus } from '../model/linkStatus.ts';
import { fixDelta, fixPositions, fixSnapshot } from './wireFix.ts';

/** Why the view changed: a snapshot replaces everything (new run, resync), the rest update it. */
export type ViewChange = 'snapshot' | 'delta' | 'positions';

/** What the link reports to the app. */
export interface LiveLinkHandlers {
  onView(view: ViewState, change: ViewChange): void;
  onAlert(msg: AlertMessage): void;
  onWelcome(msg: WelcomeMessage): void;
  onStatus(status: LinkStatus): void;
  /** A fork-from-now forecast finished (anyone's: every viewer sees it). */
  onForecast?(msg: ForecastMessage): void;
  /** A fresh network overview (network runs, with `overview` set: about once a second). */
  onNetwork?(msg: NetworkMessage): void;
}

/** Connection settings. */
export interface LiveLinkOptions {
  /** Server origin; the page's own origin when absent. */
  url?: string;
  token?: string | null;
  zone?: string | null;
  /** The site to watch on a network run (`auth.site`); the server's first site when absent. */
  site?: string | null;
  /** Also follow the network overview (`auth.overview`; a single-site server ignores it). */
  overview?: boolean;
}

/** Reconnect backoff: first retry after ~1 s, doubling to at most 15 s, jittered ±50%. */
export const BACKOFF = {
  reconnectionDelay: 1000,
  reconnectionDelayMax: 15_000,
  randomizationFactor: 0.5,
} as const;

const RELOAD_KEY = 'bintwin.reloadedForVersion';

/**
 * The client end of the live stream: Socket.IO with the msgpack parser and automatic
 * reconnection with backoff; a ViewFollower applies snapshot and deltas and asks for a resync
 * after a gap. After a server restart the session is not recovered and the server sends a
 * fresh snapshot, which replaces whatever was shown.
 */
export class LiveLink {
  private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  private readonly follower = new ViewFollower();
  private status: LinkStatus = { phase: 'connecting', lastMessageAt: null, attempts: 0, reason: null };
  private readonly auth: { token?: string; zone?: string; site?: string; overview?: boolean };
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(
    private readonly handlers: LiveLinkHandlers,
    opts: LiveLinkOptions = {},
  ) {
    this.auth = {};
    if (opts.token) this.auth.token = opts.token;
    if (opts.zone) this.auth.zone = opts.zone;
    if (opts.site) this.auth.site = opts.site;
    if (opts.overview) this.auth.overview = true;
    const url = opts.url ?? window.location.origin;
    this.socket = io(url, { parser: msgpackParser, transports: ['websocket'], auth: this.auth, ...BACKOFF });
    this.wire();
  }

  /** The view as of the last message. */
  get view(): ViewState | null {
    return this.follower.view;
  }

  /** Sends a control command and resolves with the server's reply (or a local error after 10 s). */
  control(cmd: ControlCommand): Promise<ControlReply> {
    return new Promise((resolve) => {
      this.socket.timeout(10_000).emit(ClientEvent.control, cmd, (err: Error | null, reply: ControlReply) => {
        if (err)
          resolve({
            type: 'control.error',
            command: cmd.type,
            code: 'failed',
            message: 'no answer from the server',
          });
        else resolve(reply);
      });
    });
  }

  /** Watches one zone (or the whole site with null); reconnects go to the same room. */
  subscribe(zone: string | null): void {
    if (zone) this.auth.zone = zone;
    else delete this.auth.zone;
    this.socket.emit(ClientEvent.subscribe, { type: ClientEvent.subscribe, zone });
  }

  /** Closes the connection for good. */
  close(): void {
    this.closed = true;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.socket.close();
  }

  private setStatus(patch: Partial<LinkStatus>): void {
    this.status = { ...this.status, ...patch };
    this.handlers.onStatus(this.status);
  }

  private heard(v: number): boolean {
    if (v !== PROTOCOL_VERSION) {
      // A newer server speaks another protocol: load its client (once, not in a loop).
      if (sessionStorage.getItem(RELOAD_KEY) !== String(v)) {
        sessionStorage.setItem(RELOAD_KEY, String(v));
        window.location.reload();
      }
      return false;
    }
    this.status.lastMessageAt = Date.now();
    return true;
  }

  private reconnectLater(): void {
    if (this.retryTimer !== null) return;
    const jitter = 1 + (Math.random() * 2 - 1) * BACKOFF.randomizationFactor;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      // If the server is still down, the manager's own backoff takes over from here.
      if (!this.socket.connected && !this.closed) this.socket.connect();
    }, BACKOFF.reconnectionDelay * jitter);
  }

  private resync(): void {
    this.socket.emit(ClientEvent.resync, {
      type: ClientEvent.resync,
      lastSeq: this.follower.view?.seq ?? -1,
    });
  }

  private wire(): void {
    const s = this.socket;
    s.on('connect', () => this.setStatus({ phase: 'live', attempts: 0, reason: null }));
    s.on('disconnect', (reason: string) => {
      this.setStatus({ phase: 'reconnecting' });
      // A server shutting down closes sockets itself ('io server disconnect'), and Socket.IO
      // then leaves reconnecting to us; a wall screen must come back when the server does.
      if (reason === 'io server disconnect') this.reconnectLater();
    });
    s.on('connect_error', (err: Error) => {
      // The server refused the handshake (bad token): retrying will not help.
      if (!s.active) this.setStatus({ phase: 'refused', reason: err.message });
      else this.setStatus({ phase: 'reconnecting' });
    });
    s.io.on('reconnect_attempt', (n: number) => this.setStatus({ phase: 'reconnecting', attempts: n }));
    s.on(ServerEvent.welcome, (m: WelcomeMessage) => {
      if (!this.heard(m.v)) return;
      this.setStatus({ phase: 'live', lastMessageAt: Date.now() });
      this.handlers.onWelcome(m);
    });
    s.on(ServerEvent.network, (m: NetworkMessage) => {
      if (!this.heard(m.v)) return;
      this.handlers.onNetwork?.(m);
    });
    s.on(ServerEvent.snapshot, (m: SnapshotMessage) => {
      if (!this.heard(m.v)) return;
      this.follower.onSnapshot(fixSnapshot(m));
      this.handlers.onView(this.follower.view!, 'snapshot');
    });
    s.on(ServerEvent.delta, (m: DeltaMessage) => {
      if (!this.heard(m.v)) return;
      const r = this.follower.onDelta(fixDelta(m));
      if (r === 'resync') this.resync();
      else if (r === 'ok') this.handlers.onView(this.follower.view!, 'delta');
    });
    s.on(ServerEvent.positions, (m: PositionsMessage) => {
      if (!this.heard(m.v)) return;
      if (this.follower.onPositions(fixPositions(m)) === 'ok')
        this.handlers.onView(this.follower.view!, 'positions');
    });
    s.on(ServerEvent.alert, (m: AlertMessage) => {
      if (this.heard(m.v)) this.handlers.onAlert(m);
    });
    s.on(ServerEvent.forecast, (m: ForecastMessage) => {
      if (this.heard(m.v)) this.handlers.onForecast?.(m);
    });
  }
}
