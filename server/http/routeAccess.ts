import type { IncomingMessage } from 'node:http';
import type { Role } from '../../sim/view/protocol.ts';
import type { AccessControl } from '../live/settings.ts';
import { HttpError } from './httpErrors.ts';

/**
 * Who may call a route (the table in README, "Live server → Access"): `anyone` (health, the
 * client, the floor view's bin inspector), `reader` (any valid token: viewer, trainer, admin),
 * `trainer` (trainer or admin), `admin`.
 */
export type RouteAccess = 'anyone' | 'reader' | 'trainer' | 'admin';

/** The bearer token of a request, if any. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  return auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
}

const RANK: Record<Role, number> = { viewer: 0, trainer: 1, admin: 2 };
const NEED: Record<Exclude<RouteAccess, 'anyone'>, number> = { reader: 0, trainer: 1, admin: 2 };

/**
 * Checks a staff token (settings tokens, not device tokens) against what a route needs and returns
 * the role, or null for an anonymous caller of an `anyone` route. 401 without a token where one is
 * needed or with an unknown one (a wrong token is refused even where none is needed, so guessing
 * is counted everywhere); 403 when the role is too low. `what` names the route in the message.
 */
export function requireAccess(
  req: IncomingMessage,
  access: AccessControl,
  need: RouteAccess,
  what: string,
): Role | null {
  const token = bearerToken(req);
  if (token === undefined || token === '') {
    if (need === 'anyone') return null;
    throw new HttpError(401, `${what} needs a ${roleWords(need)} token (Authorization: Bearer <token>)`);
  }
  const role = access.roleOf(token);
  if (role === null) throw new HttpError(401, 'unknown token');
  if (need !== 'anyone' && RANK[role] < NEED[need])
    throw new HttpError(403, `the ${role} role may not use ${what} (needs ${roleWords(need)})`);
  return role;
}

function roleWords(need: RouteAccess): string {
  return need === 'reader' ? 'viewer, trainer or admin' : need === 'trainer' ? 'trainer or admin' : 'admin';
}
