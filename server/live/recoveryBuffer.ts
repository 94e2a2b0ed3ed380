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

/**
 * Most bytes (estimated as the JSON length of each packet's data, computed once when it is
 * buffered) kept for recovery: at higher feed rates packets get bigger (more changes per
 * delta), so a count alone does not bound memory. 16 MB is ~16,000 soak-sized packets, about
 * the 2-minute window at the soak's rate.
 */
export const MAX_RECOVERY_BYTES = 16 << 20;

/** One buffered packet of Socket.IO's SessionAwareAdapter, with the size this adds. */
interface BufferedPacket {
  data?: unknown;
  bytes?: number;
}

/** The fields of Socket.IO's SessionAwareAdapter (socket.io-adapter 2.5) this relies on. */
interface RecoveryAdapter {
  packets?: BufferedPacket[];
  broadcast(packet: { data?: unknown }, opts: unknown): void;
}

/** Cheap size estimate of a packet's data: its JSON length (binary or cyclic data: 1 KB a guess). */
export function packetBytes(data: unknown): number {
  try {
    return JSON.stringify(data)?.length ?? 0;
  } catch {
    return 1024;
  }
}

/**
 * Caps the default namespace's recovery buffer at `max` packets and `maxBytes` estimated bytes,
 * dropping the oldest (trimmed in steps of a tenth, so a busy feed does not shift the array on
 * every packet). The running byte total only grows here; Socket.IO's own time sweep removes
 * packets unseen, so when the total passes the cap it is recounted from the buffer before
 * anything is dropped. Without recovery enabled the adapter keeps no buffer and this does nothing.
 */
export function boundRecoveryBuffer(
  io: Server,
  max = MAX_RECOVERY_PACKETS,
  maxBytes = MAX_RECOVERY_BYTES,
): void {
  const adapter = io.of('/').adapter as unknown as RecoveryAdapter;
  const broadcast = adapter.broadcast.bind(adapter);
  const slack = Math.max(1, Math.floor(max / 10));
  const byteSlack = Math.floor(maxBytes / 10);
  let total = 0;
  adapter.broadcast = (packet, opts) => {
    const p = adapter.packets;
    const before = p?.length ?? 0;
    broadcast(packet, opts);
    if (!p) return;
    // Volatile packets and packets with an acknowledgement are not buffered.
    const last = p.at(-1);
    if (p.length > before && last && last.bytes === undefined) {
      last.bytes = packetBytes(last.data);
      total += last.bytes;
    }
    if (p.length > max + slack) p.splice(0, p.length - max);
    if (total > maxBytes + byteSlack) {
      total = 0;
      for (const x of p) total += x.bytes ?? 0;
      let drop = 0;
      while (total > maxBytes && drop < p.length) total -= p[drop++]!.bytes ?? 0;
      if (drop > 0) p.splice(0, drop);
    }
  };
}
