import type { Server } from 'socket.io';

/**
 * Most broadcast packets kept for connection state recovery on the default namespace. Socket.IO
 * keeps every non-volatile broadcast for the recovery window (2 min, swept once a minute), so
 * its buffer is bounded by time only and grows with the event rate: the soak's feed (~110
 * packets/s, deltas and one alert per business event) held 12,000–18,000 packets, about 1 KB
 * each. Past this count the oldest are dropped; a viewer whose offset was dropped is not
 * recovered and gets a snapshot instead, as after a long gap.
 */
export const MAX_RECOVERY_PACKETS = 20_000;

/** The fields of Socket.IO's SessionAwareAdapter (socket.io-adapter 2.5) this relies on. */
interface RecoveryAdapter {
  packets?: unknown[];
  broadcast(packet: unknown, opts: unknown): void;
}

/**
 * Caps the default namespace's recovery buffer at `max` packets (trimmed in steps of a tenth,
 * so a busy feed does not shift the array on every packet). Without recovery enabled the
 * adapter keeps no buffer and this does nothing.
 */
export function boundRecoveryBuffer(io: Server, max = MAX_RECOVERY_PACKETS): void {
  const adapter = io.of('/').adapter as unknown as RecoveryAdapter;
  const broadcast = adapter.broadcast.bind(adapter);
  const slack = Math.max(1, Math.floor(max / 10));
  adapter.broadcast = (packet, opts) => {
    broadcast(packet, opts);
    const p = adapter.packets;
    if (p && p.length > max + slack) p.splice(0, p.length - max);
  };
}
