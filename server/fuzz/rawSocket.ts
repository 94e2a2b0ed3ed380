import msgpackParser from 'socket.io-msgpack-parser';
import WebSocket from 'ws';

/** A bare Engine.IO v4 WebSocket, for sending packets no well-behaved client would build. */
export interface RawSocket {
  /** Sends one Socket.IO packet, msgpack-encoded as-is (no checks), or raw bytes/text. */
  send(packet: unknown): void;
  sendRaw(data: Buffer | string): void;
  /** Decoded Socket.IO packets received (binary frames); the first `keep` only, when given. */
  received: unknown[];
  /** How many packets were received in all. */
  count(): number;
  /** Resolves when the server closes the connection. */
  closed: Promise<void>;
  isOpen(): boolean;
  /** The WebSocket close code and reason once closed (1009: frame over the server's limit). */
  closeInfo(): { code: number; reason: string } | null;
  close(): void;
}

const encoder = new msgpackParser.Encoder();

/** Encodes a packet with the msgpack parser's own encoder (which validates nothing). */
export function encodePacket(packet: unknown): Buffer {
  const [b] = encoder.encode(packet) as unknown as Uint8Array[];
  return Buffer.from(b!);
}

/**
 * Opens `ws://…/socket.io/?EIO=4&transport=websocket`, waits for the Engine.IO open packet and,
 * unless `connect` is false, sends a Socket.IO CONNECT for `nsp` (with `auth`) and waits for the answer.
 */
export async function openRawSocket(
  httpUrl: string,
  o: {
    origin?: string;
    nsp?: string;
    auth?: Record<string, unknown>;
    connect?: boolean;
    /** Keep at most this many packets in `received` (a long-lived fuzz socket gets ticks forever). */
    keep?: number;
    /** Called with every decoded packet. */
    onPacket?: (p: unknown) => void;
  } = {},
): Promise<RawSocket> {
  const url = `${httpUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
  const ws = new WebSocket(url, o.origin === undefined ? {} : { origin: o.origin });
  const received: unknown[] = [];
  const decoder = new msgpackParser.Decoder();
  let count = 0;
  const keep = o.keep ?? Number.POSITIVE_INFINITY;
  decoder.on('decoded', (p: unknown) => {
    count++;
    if (received.length < keep) received.push(p);
    o.onPacket?.(p);
  });
  let open = false;
  let closeInfo: { code: number; reason: string } | null = null;
  const closed = new Promise<void>((r) =>
    ws.on('close', (code: number, reason: Buffer) => {
      open = false;
      closeInfo = { code, reason: reason.toString() };
      r();
    }),
  );
  ws.on('error', () => undefined);
  const first = new Promise<void>((resolve, reject) => {
    ws.on('message', (data: Buffer, binary: boolean) => {
      if (!binary) {
        const text = data.toString();
        if (text.startsWith('0')) {
          open = true;
          resolve();
        } else if (text === '2') ws.send('3'); // ping → pong
        return;
      }
      try {
        decoder.add(data);
      } catch {
        count++;
        if (received.length < keep) received.push({ undecodable: data.length });
      }
    });
    ws.on('close', () => reject(new Error('closed before the Engine.IO handshake')));
    ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  await first;
  const raw: RawSocket = {
    send: (packet) => ws.send(encodePacket(packet)),
    sendRaw: (data) => ws.send(data),
    received,
    count: () => count,
    closed,
    isOpen: () => open,
    closeInfo: () => closeInfo,
    close: () => ws.close(),
  };
  if (o.connect !== false) {
    const before = count;
    raw.send({ type: 0, nsp: o.nsp ?? '/', ...(o.auth ? { data: o.auth } : {}) });
    const end = Date.now() + 5000;
    while (count === before && open && Date.now() < end) await new Promise((r) => setTimeout(r, 2));
  }
  return raw;
}
