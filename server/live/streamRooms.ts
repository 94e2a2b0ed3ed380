import type { Server, Socket } from 'socket.io';
import type { ReceivedClientEvents, Role, ServerToClientEvents } from '../../sim/view/protocol.ts';

// The stream's rooms and socket types, shared by the connection handling (streamServer.ts),
// the per-tick broadcast (streamBroadcast.ts) and the handshake helpers (streamHandshake.ts).

/**
 * The room of the whole site of a single-site run; its zone rooms are `zone:<id>`. A network
 * run's rooms carry the site: `site:<site>` and `zone:<site>:<zone>`, so a site's frames reach
 * only its viewers; the overview page's room is NETWORK_ROOM.
 */
export const SITE_ROOM = 'site';

/** The room of the network overview page (network runs). */
export const NETWORK_ROOM = 'network';

/** Per-socket data (restored with the session on a recovered reconnect). */
export interface SocketData {
  role: Role;
  zone: string | null;
  /** The site watched; null for none (an unknown site was asked for, or the overview). */
  site: string | null;
  /**
   * A floor view on a network run that also follows the overview (`auth.overview`: its site
   * strip): it stays in the network room beside its site room, whatever it subscribes to.
   */
  overview?: boolean;
}

/** The stream's Socket.IO server, typed by the protocol's event maps (no server-to-server events). */
export type LiveIo = Server<ReceivedClientEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export type LiveSocket = Socket<
  ReceivedClientEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
