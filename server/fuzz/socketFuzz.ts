import { openRawSocket, type RawSocket } from './rawSocket.ts';
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

/** A mutated Socket.IO packet for namespace `nsp`: bad types, names, ids, payloads. */
function mutatePacket(rng: Rng, nsp: string): unknown {
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
 * Socket fuzz over the default namespace (anonymous: a viewer) and `/scanner` (a device
 * token): malformed packets, wrong types, reserved and non-string event names, raw bytes,
 * Engine.IO text frames and oversized frames. A bad packet may close that connection (it is
 * reopened); the server must stay up and keep answering /healthz.
 */
export const socketFuzz: FuzzTarget = {
  name: 'socket',
  async run(ctx: FuzzContext): Promise<FuzzReport> {
    const rep: FuzzReport = { sent: 0, serverErrors: 0, examples: [] };
    const { rng } = ctx;
    let sock: RawSocket | null = null;
    let nsp = '/';
    while (rep.sent < ctx.iterations && Date.now() < ctx.deadline) {
      if (!sock || !sock.isOpen()) {
        nsp = rng() < 0.6 ? '/' : '/scanner';
        try {
          sock = await openRawSocket(
            ctx.url,
            nsp === '/' ? { nsp } : { nsp, auth: { token: ctx.tokens.device } },
          );
        } catch (err) {
          rep.serverErrors++;
          if (rep.examples.length < 5) rep.examples.push(`connect ${nsp}: ${String(err)}`);
          await new Promise((r) => setTimeout(r, 50));
          continue;
        }
      }
      const m = pick(rng, 12);
      if (m === 0) sock.sendRaw(Buffer.from(Array.from({ length: pick(rng, 64) }, () => pick(rng, 256))));
      else if (m === 1) sock.sendRaw(oneOf(rng, ['4', '4{', '42["x"]', '6', '1', '5', '0', 'b']));
      else if (m === 2) sock.sendRaw(Buffer.alloc(70_000 + pick(rng, 100_000), 0x91));
      else sock.send(mutatePacket(rng, nsp));
      rep.sent++;
      // Let the server read it (and close the connection if it refuses it) before the next one:
      // packets written after a refused one would be dropped unread.
      await new Promise((r) => setTimeout(r, 0));
      // Every so often, make sure the server still answers.
      if (rep.sent % 50 === 0) {
        const ok = await fetch(`${ctx.url}/healthz`).then(
          (r) => r.status === 200,
          () => false,
        );
        if (!ok) {
          rep.serverErrors++;
          if (rep.examples.length < 5) rep.examples.push(`healthz failed after ${rep.sent} packets`);
        }
        await new Promise((r) => setTimeout(r, 1));
      }
    }
    sock?.close();
    return rep;
  },
};
