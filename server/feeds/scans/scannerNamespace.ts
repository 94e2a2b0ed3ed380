import type { Server, Socket } from 'socket.io';
import { HttpError } from '../../http/httpErrors.ts';
import type { DeviceEntry } from '../devices.ts';
import type { FeedContext } from '../feedContext.ts';
import { acceptScans } from './acceptScans.ts';
import { issuesOf, scanMessageSchema } from './scanSchema.ts';

/** The Socket.IO namespace scanners connect to. */
export const SCANNER_NAMESPACE = '/scanner';

/**
 * `/scanner`: a device connects with its token (`auth.token`; unknown or revoked is refused),
 * then emits `scan` with one message and an acknowledgement callback. The callback gets the
 * same answer as `POST /api/scans`, after the scan is durable, or `{ ok: false, status, error }`
 * (400 invalid, 403 step or role not allowed, 503 run busy).
 */
export function attachScanner(io: Server, ctx: FeedContext): void {
  const nsp = io.of(SCANNER_NAMESPACE);
  nsp.use((socket, next) => {
    const d = ctx.devices.authenticate((socket.handshake.auth as { token?: unknown } | undefined)?.token);
    if (!d) {
      ctx.log.warn({ address: socket.handshake.address }, 'scanner refused: unknown or revoked token');
      next(new Error('unknown or revoked device token'));
      return;
    }
    (socket.data as { device: DeviceEntry }).device = d;
    next();
  });
  nsp.on('connection', (socket: Socket) => {
    const device = (socket.data as { device: DeviceEntry }).device;
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
      // Re-check revocation per message: a long-lived connection must not outlive its token.
      if (!ctx.devices.list().some((d) => d.id === device.id && !d.revoked))
        return reply({ ok: false, status: 401, error: 'device token revoked' });
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
