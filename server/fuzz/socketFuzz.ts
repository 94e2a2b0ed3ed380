import { ServerEvent } from '../../sim/view/protocol.ts';
import { packetProblem } from '../live/packetGuard.ts';
import { SCANNER_NAMESPACE } from '../feeds/scans/scannerNamespace.ts';
import { MAX_SOCKET_MESSAGE } from '../live/streamServer.ts';
import { encodePacket, openRawSocket, type RawSocket } from './rawSocket.ts';
import {
  oneOf,
  pick,
  randomValue,
  type FuzzContext,
  type FuzzReport,
  type FuzzTarget,
  type Rng,
} from './fuzzTarget.ts';

const EVENTS = [
  'view.resync',
  'view.subscribe',
  'control',
  'scan',
  'disconnect',
  'connect',
  'error',
  '',
  'x'.repeat(100),
];

/** Share of socket inputs that are bad enough to close the connection (bytes, bad packets). */
const CLOSER_SHARE = 0.08;
/** Share of new connections opened on the default namespace (the rest go to `/scanner`). */
const DEFAULT_NSP_SHARE = 0.3;

/** A mutated Socket.IO packet for namespace `nsp`: bad types, names, ids, payloads. */
function mutatePacket(rng: Rng, nsp: string): Record<string, unknown> {
  const m = pick(rng, 10);
  const name: unknown = m === 0 ? { toString: 1 } : m === 1 ? randomValue(rng, 1) : oneOf(rng, EVENTS);
  const packet: Record<string, unknown> = {
    type: rng() < 0.8 ? 2 : oneOf<unknown>(rng, [0, 1, 3, 4, 5, 6, -1, 2.5, '2', null]),
    nsp: rng() < 0.9 ? nsp : randomValue(rng, 0),
    data:
      rng() < 0.9
        ? [name, randomValue(rng, 3), ...(rng() < 0.2 ? [randomValue(rng)] : [])]
        : randomValue(rng, 2),
  };
  if (rng() < 0.4) packet['id'] = oneOf<unknown>(rng, [1, 2, 0, -1, 1.5, '1', 2 ** 53, null]);
  if (m === 9 && Array.isArray(packet['data'])) {
    // Plausible messages with wrong fields (what a buggy client sends).
    const d = packet['data'] as unknown[];
    d[0] = oneOf(rng, ['view.resync', 'view.subscribe', 'control', 'scan']);
    d[1] = {
      type: oneOf(rng, ['view.resync', 'view.subscribe', 'control.pause', 'control.load', 'control.inject']),
      ...(randomValue(rng, 2) as object),
    };
  }
  return packet;
}

/**
 * A packet the server routes without closing the connection: an event or ack on the
 * connected namespace that passes the packet guard and fits in one message
 * (MAX_SOCKET_MESSAGE). Everything else (CONNECT/DISCONNECT, a namespace not joined, a bad
 * shape, an oversized frame) closes it, by design.
 */
export function keepsConnection(p: Record<string, unknown>, nsp: string): boolean {
  return (
    packetProblem(p) === null &&
    (p['type'] === 2 || p['type'] === 3) &&
    p['nsp'] === nsp &&
    encodePacket(p).length <= MAX_SOCKET_MESSAGE
  );
}

/** The refusal the failed-token limiter answers a CONNECT with while an address is blocked. */
const RATE_LIMITED = /too many failed tokens from .*retry after (\d+) s/;

/** A valid-shaped mutated packet (it keeps the connection open): mutate until one is. */
function keeperPacket(rng: Rng, nsp: string): Record<string, unknown> {
  for (;;) {
    const p = mutatePacket(rng, nsp);
    if (keepsConnection(p, nsp)) return p;
  }
}

/** A closer: raw bytes, Engine.IO text frames, an oversized frame, or a packet the guard refuses. */
function sendCloser(rng: Rng, sock: RawSocket, nsp: string): void {
  const m = pick(rng, 6);
  if (m === 0) sock.sendRaw(Buffer.from(Array.from({ length: pick(rng, 64) }, () => pick(rng, 256))));
  else if (m === 1) sock.sendRaw(oneOf(rng, ['4', '4{', '42["x"]', '6', '1', '5', '0', 'b']));
  else if (m === 2) sock.sendRaw(Buffer.alloc(70_000 + pick(rng, 100_000), 0x91));
  else {
    let p = mutatePacket(rng, nsp);
    while (keepsConnection(p, nsp)) p = mutatePacket(rng, nsp);
    sock.send(p);
  }
}

/** Where a default-namespace session can be recovered from: its private id and the last offset seen. */
interface Recovery {
  pid: string | null;
  offset: string | null;
}

/**
 * Socket fuzz over the default namespace (anonymous: a viewer) and `/scanner` (a device
 * token): malformed packets, wrong types, reserved and non-string event names, raw bytes,
 * Engine.IO text frames and oversized frames. Inputs are cheap: one connection carries every
 * valid-shaped packet until a closer (8 %) ends it; most connections go to `/scanner` (no
 * snapshot), and a default-namespace reconnect sends the `pid` and last `offset` of the
 * session the server just closed, so connection state recovery skips the join snapshot
 * (a session that cannot be recovered gets one, which is counted). The server must stay up
 * and keep answering /healthz.
 */
export const socketFuzz: FuzzTarget = {
  name: 'socket',
  async run(ctx: FuzzContext): Promise<FuzzReport> {
    const info = {
      connections: 0,
      toDefault: 0,
      recovered: 0,
      snapshots: 0,
      closers: 0,
      unexpectedCloses: 0,
      rateLimitedConnects: 0,
    };
    const rep: FuzzReport = { sent: 0, serverErrors: 0, examples: [], info };
    const { rng } = ctx;
    let sock: RawSocket | null = null;
    let nsp = '/';
    const recovery: Recovery = { pid: null, offset: null };
    // Whether the current connection's welcome said "recovered" (counted once per connection).
    let recoveredNow = false;
    // A CONNECT_ERROR answering this connection's CONNECT (its message); reset before each connect.
    let refused: string | null;
    const onPacket = (p: unknown): void => {
      const q = p as { type?: unknown; nsp?: unknown; data?: unknown };
      if (q.type === 4 && q.nsp === nsp)
        refused = String((q.data as { message?: unknown } | undefined)?.message ?? 'no message');
      if (q.nsp !== '/') return;
      if (q.type === 0) {
        const d = q.data as { pid?: unknown } | undefined;
        if (typeof d?.pid === 'string') recovery.pid = d.pid;
      } else if (q.type === 2 && Array.isArray(q.data)) {
        if (q.data[0] === ServerEvent.snapshot) info.snapshots++;
        if (q.data[0] === ServerEvent.welcome && (q.data[1] as { recovered?: unknown })?.recovered === true)
          recoveredNow = true;
        // Broadcasts (deltas, alerts) are kept for recovery and carry their offset as the last
        // argument; a direct emit (welcome, a join snapshot) has one too, but it is not kept.
        const last: unknown = q.data.at(-1);
        const broadcast = q.data[0] === ServerEvent.delta || q.data[0] === ServerEvent.alert;
        if (broadcast && q.data.length >= 3 && typeof last === 'string') recovery.offset = last;
      }
    };
    while (rep.sent < ctx.iterations && Date.now() < ctx.deadline) {
      if (!sock || !sock.isOpen()) {
        nsp = rng() < DEFAULT_NSP_SHARE ? '/' : SCANNER_NAMESPACE;
        const auth: Record<string, unknown> =
          nsp === '/'
            ? recovery.pid && recovery.offset
              ? { pid: recovery.pid, offset: recovery.offset }
              : rng() < 0.5
                ? { zone: 'F' }
                : {}
            : { token: ctx.tokens.device };
        if (recoveredNow) info.recovered++;
        recoveredNow = false;
        refused = null;
        try {
          sock = await openRawSocket(ctx.url, { nsp, auth, keep: 0, onPacket });
          if (refused !== null) {
            // Not admitted to the namespace: any packet sent now would be closed as "invalid
            // state" (correctly), so it would test nothing. The failed-token limiter refuses
            // every CONNECT from an address for a moment after the http target's bad tokens
            // (those refusals are counted and waited out); any other refusal is a finding.
            sock.close();
            await sock.closed;
            sock = null;
            const m = RATE_LIMITED.exec(refused);
            if (m) info.rateLimitedConnects++;
            else {
              rep.serverErrors++;
              if (rep.examples.length < 5) rep.examples.push(`connect ${nsp} refused: ${refused}`);
            }
            await new Promise((r) => setTimeout(r, Math.min(3, Number(m?.[1] ?? 1)) * 1000));
            continue;
          }
          info.connections++;
          if (nsp === '/') info.toDefault++;
        } catch (err) {
          rep.serverErrors++;
          if (rep.examples.length < 5) rep.examples.push(`connect ${nsp}: ${String(err)}`);
          await new Promise((r) => setTimeout(r, 50));
          continue;
        }
      }
      const closer = rng() < CLOSER_SHARE;
      if (closer) sendCloser(rng, sock, nsp);
      else sock.send(keeperPacket(rng, nsp));
      rep.sent++;
      // Let the server read it before the next one (packets after a refused one are dropped unread).
      await new Promise((r) => setImmediate(r));
      if (closer) {
        info.closers++;
        // The server closes (or ignores an Engine.IO frame); either way start a fresh connection.
        await Promise.race([sock.closed, new Promise((r) => setTimeout(r, 20))]);
        sock.close();
        await sock.closed;
        sock = null;
      } else if (!sock.isOpen()) {
        // A packet that keeps the connection by every rule the server applies, yet it closed.
        info.unexpectedCloses++;
        if (rep.examples.length < 5)
          rep.examples.push(`socket ${nsp} closed after a valid packet: ${JSON.stringify(sock.closeInfo())}`);
      }
      // Every so often, make sure the server still answers.
      if (rep.sent % 500 === 0) {
        const ok = await fetch(`${ctx.url}/healthz`).then(
          async (r) => (await r.arrayBuffer(), r.status === 200),
          () => false,
        );
        if (!ok) {
          rep.serverErrors++;
          if (rep.examples.length < 5) rep.examples.push(`healthz failed after ${rep.sent} packets`);
        }
      }
    }
    sock?.close();
    if (recoveredNow) info.recovered++;
    return rep;
  },
};
