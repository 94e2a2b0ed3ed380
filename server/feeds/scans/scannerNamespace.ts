import type { Server, Socket } from 'socket.io';
import { HttpError } from '../../http/httpErrors.ts';
import type { DeviceEntry } from '../devices.ts';
import type { FeedCore } from '../feedContext.ts';
import { acceptScans } from './acceptScans.ts';
import { issuesOf, scanMessageSchema } from './scanSchema.ts';

/** What a scanner socket keeps: its device at connect and the token it authenticated with. */
interface ScannerData {
  device: DeviceEntry;
  token: string;
}

/** The Socket.IO namespace scanners connect to. */
export const SCANNER_NAMESPACE = '/scanner';

/**
 * `/scanner`: a device connects with its token (`auth.token`; unknown or revoked is refused),
 * then emits `scan` with one message and an acknowledgement callback. The callback gets the
 * same answer as `POST /api/scans`, after the scan is durable, or `{ ok: false, status, error }`
 * (400 invalid, 403 step or role not allowed, 503 run busy).
 */
export function attachScanner(io: Server, ctx: FeedCore): void {
  const nsp = io.of(SCANNER_NAMESPACE);
  nsp.use((socket, next) => {
    const address = socket.handshake.address;
    const wait = ctx.authLimiter?.blockedFor(address) ?? 0;
    if (wait > 0) {
      next(new Error(`too many failed tokens from ${address}; retry after ${Math.ceil(wait / 1000)} s`));
      return;
    }
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    const d = ctx.devices.authenticate(token);
    if (!d) {
      ctx.authLimiter?.failed(address, 'scanner');
      ctx.log.warn({ address }, 'scanner refused: unknown or revoked token');
      next(new Error('unknown or revoked device token'));
      return;
    }
    (socket.data as ScannerData).device = d;
    (socket.data as ScannerData).token = token as string;
    next();
  });
  // Revoking or re-keying a device closes every connection opened with its old token at once.
  ctx.devices.onRetired((id) => {
    for (const socket of nsp.sockets.values()) {
      if ((socket.data as ScannerData).device.id !== id) continue;
      ctx.log.info({ device: id, socket: socket.id }, 'scanner disconnected: device token revoked');
      socket.disconnect(true);
    }
  });
  nsp.on('connection', (socket: Socket) => {
    const data = socket.data as ScannerData;
    socket.on('scan', (msg: unknown, ack?: unknown) => {
      const reply = typeof ack === 'function' ? (ack as (x: unknown) => void) : () => {};
      const r = scanMessageSchema.safeParse(msg);
      if (!r.success)
        return reply({
          ok: false,
          status: 400,
          error: 'invalid scan message',
          problems: issuesOf(r.error.issues),
        });
      // Re-check the token itself per message (not the device id: a re-registered id has a new
      // token, and the old one must never work again), and use its current steps and roles.
      const device = ctx.devices.authenticate(data.token);
      if (!device) {
        reply({ ok: false, status: 401, error: 'device token revoked' });
        socket.disconnect(true);
        return;
      }
      acceptScans(ctx, device, [r.data]).then(
        ([a]) => reply(a),
        (err: unknown) =>
          reply(
            err instanceof HttpError
              ? { ok: false, status: err.status, error: err.message }
              : { ok: false, status: 503, error: err instanceof Error ? err.message : String(err) },
          ),
      );
    });
  });
}
