import type { IncomingMessage } from 'node:http';
import { HttpError } from '../http/httpErrors.ts';
import type { DeviceEntry } from './devices.ts';
import type { FeedCore } from './feedContext.ts';

/** The bearer token of a request, if any. */
export function bearer(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  return auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
}

/** The device a request comes from: 401 without a token or with an unknown or revoked one. */
export function requireDevice(req: IncomingMessage, ctx: FeedCore): DeviceEntry {
  const token = bearer(req);
  if (!token) throw new HttpError(401, 'a device token is needed (Authorization: Bearer <token>)');
  const d = ctx.devices.authenticate(token);
  if (!d) throw new HttpError(401, 'unknown or revoked device token');
  return d;
}

/** 403 unless the device may send this step (and act in this role, when it lists roles). */
export function requireStep(d: DeviceEntry, step: string, role?: string): void {
  if (!d.steps.includes(step))
    throw new HttpError(
      403,
      `device ${d.id} may not send step "${step}" (allowed: ${d.steps.join(', ') || 'none'})`,
    );
  if (role !== undefined && d.roles.length > 0 && !d.roles.includes(role))
    throw new HttpError(403, `device ${d.id} may not act as role "${role}" (allowed: ${d.roles.join(', ')})`);
}

/** EPCIS capture: a device allowed the `epcis` step, or the admin token. */
export function requireEpcisClient(req: IncomingMessage, ctx: FeedCore): string {
  const token = bearer(req);
  if (token && ctx.access.roleOf(token) === 'admin') return 'admin';
  const d = requireDevice(req, ctx);
  requireStep(d, 'epcis');
  return d.id;
}

/** Admin only (device registration). */
export function requireAdmin(req: IncomingMessage, ctx: FeedCore): void {
  const token = bearer(req);
  if (!token) throw new HttpError(401, 'an admin token is needed (Authorization: Bearer <token>)');
  const role = ctx.access.roleOf(token);
  if (role === null) throw new HttpError(401, 'unknown token');
  if (role !== 'admin') throw new HttpError(403, `the ${role} role may not manage devices`);
}

/**
 * Capture jobs: a device allowed the `epcis` step (the capture client polling its Location), or
 * a trainer or admin token. Jobs name devices and carry event content, so they are not anonymous.
 */
export function requireJobReader(req: IncomingMessage, ctx: FeedCore): void {
  const token = bearer(req);
  if (!token) throw new HttpError(401, 'capture jobs need an EPCIS device token or a trainer/admin token');
  const role = ctx.access.roleOf(token);
  if (role === 'admin' || role === 'trainer') return;
  if (role === 'viewer') throw new HttpError(403, 'the viewer role may not read capture jobs');
  requireStep(requireDevice(req, ctx), 'epcis');
}
