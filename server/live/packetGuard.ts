import msgpackParser from 'socket.io-msgpack-parser';

/** Event names Socket.IO keeps for itself: a client must never be able to emit them at the server. */
const RESERVED_EVENTS = new Set([
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'error',
  'newListener',
  'removeListener',
]);

/** Longest event name accepted: ours are short (`view.resync`, `control`, `scan`). */
const MAX_EVENT_NAME = 64;

/**
 * The packet-shape rules `socket.io-msgpack-parser@3.0.2` leaves out. It checks type, nsp, data
 * kind and ack id, but not the event name, so `{type:2, nsp:'/', data:[{toString:1}]}` reached
 * `EventEmitter.emit` with an object as the name and threw outside any handler (the default
 * parser has checked this since CVE-2023-32695). Returns the problem, or null when the packet is fine.
 */
export function packetProblem(p: unknown): string | null {
  if (p === null || typeof p !== 'object' || Array.isArray(p)) return 'a packet must be a map';
  const { type, nsp, data, id } = p as { type?: unknown; nsp?: unknown; data?: unknown; id?: unknown };
  if (typeof type !== 'number' || !Number.isInteger(type) || type < 0 || type > 4)
    return 'invalid packet type';
  if (typeof nsp !== 'string' || nsp.length > 64 || !nsp.startsWith('/')) return 'invalid namespace';
  if (id !== undefined && (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0))
    return 'invalid packet id';
  if (type === 2) {
    if (!Array.isArray(data) || data.length === 0) return 'an event needs [name, ...args]';
    const name: unknown = data[0];
    if (typeof name !== 'string') return 'the event name must be a string';
    if (name.length === 0 || name.length > MAX_EVENT_NAME) return 'event name length out of range';
    if (RESERVED_EVENTS.has(name)) return `"${name}" is a reserved event name`;
  }
  if (type === 3 && (!Array.isArray(data) || id === undefined)) return 'an ack needs an id and an array';
  return null;
}

/** The msgpack decoder with `packetProblem` run on every packet, before Socket.IO routes it. */
class GuardedDecoder extends msgpackParser.Decoder {
  /** Throws on a bad packet: Socket.IO's client then closes that connection (and only that one). */
  override checkPacket(decoded: unknown): void {
    super.checkPacket(decoded);
    const problem = packetProblem(decoded);
    if (problem) throw new Error(`invalid packet: ${problem}`);
  }
}

/**
 * The parser the server uses on every namespace (the parser belongs to the connection, so the
 * default namespace and `/scanner` share it): msgpack, with packet shape checked.
 */
export const guardedParser = {
  protocol: msgpackParser.protocol,
  Encoder: msgpackParser.Encoder,
  Decoder: GuardedDecoder,
};
