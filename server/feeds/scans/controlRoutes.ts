import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { HttpError, sendJson } from '../../http/httpErrors.ts';
import { readBody } from '../../http/readBody.ts';
import {
  checkPurchaseOrders,
  feedOrders,
  openScanCounts,
  REVIEW_ROOT_CAUSES,
} from '../../../sim/mirrorApi.ts';
import { bearer, requireDevice, requireStep } from '../feedAuth.ts';
import { SCAN_BODY_LIMIT, type FeedContext } from '../feedContext.ts';
import type { FeedRoute } from '../feedRoute.ts';
import { parseJsonBody } from '../jsonBody.ts';
import { issuesOf } from './scanSchema.ts';

/** A reviewer's decision on a scanned count, as sent. */
const decisionSchema = z
  .object({
    decision: z.enum(['approve', 'reject']),
    rootCause: z.enum(REVIEW_ROOT_CAUSES as [string, ...string[]]).optional(),
    note: z.string().max(500).optional(),
    /** Who decides (journal actor); default: the token's role. */
    user: z.string().min(1).max(64).optional(),
  })
  .strict();

/** Trainer or admin token (people who may approve adjustments and load POs). */
function requireSupervisor(req: IncomingMessage, ctx: FeedContext): 'admin' | 'trainer' {
  const token = bearer(req);
  if (!token) throw new HttpError(401, 'a trainer or admin token is needed (Authorization: Bearer <token>)');
  const role = ctx.access.roleOf(token);
  if (role === null) throw new HttpError(401, 'unknown token');
  if (role !== 'admin' && role !== 'trainer')
    throw new HttpError(403, `the ${role} role may not approve counts or load purchase orders`);
  return role;
}

/**
 * The feed's control documents: the PO book receive scans are checked against (`GET` / `POST
 * /api/feed/orders`: a WMS device allowed `epcis`, or a trainer/admin token), and scanned
 * counts waiting for a recount or a decision (`GET /api/feed/counts`, `POST
 * /api/feed/counts/:count/decision`, trainer/admin). Both changes go through the feed ingest, so
 * they are durable, journalled and re-applied on restart like scans.
 */
export function controlRoutes(ctx: FeedContext): FeedRoute[] {
  async function postOrders(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const token = bearer(req);
    const role = token ? ctx.access.roleOf(token) : null;
    if (role !== 'admin' && role !== 'trainer') requireStep(requireDevice(req, ctx), 'epcis');
    const body = parseJsonBody(await readBody(req, ctx.scanBodyLimit ?? SCAN_BODY_LIMIT));
    const list: unknown[] = Array.isArray(body)
      ? body
      : body !== null && typeof body === 'object' && 'orders' in body
        ? ((body as { orders: unknown }).orders as unknown[])
        : [body];
    if (!Array.isArray(list)) throw new HttpError(400, 'orders: a list of purchase orders');
    const check = ctx.runner.read((e) => checkPurchaseOrders(e, list));
    if (!check.ok)
      throw new HttpError(400, 'invalid purchase orders', {
        error: 'invalid purchase orders',
        problems: check.problems,
      });
    const key = `orders:${check.orders.map((o) => o.po).join(',')}`;
    const a = await ctx.ingest.submit(key, { kind: 'orders', orders: list });
    sendJson(res, a.duplicate ? 200 : 201, { ...(a.reply as object), duplicate: a.duplicate });
  }

  async function decide(req: IncomingMessage, res: ServerResponse, [count]: string[]): Promise<void> {
    const role = requireSupervisor(req, ctx);
    const r = decisionSchema.safeParse(parseJsonBody(await readBody(req, 16 * 1024)));
    if (!r.success)
      throw new HttpError(400, 'invalid decision', {
        error: 'invalid decision',
        problems: issuesOf(r.error.issues),
      });
    const open = ctx.runner.read((e) => openScanCounts(e).find((c) => c.count === count));
    if (!open) throw new HttpError(404, `no open scanned count ${count}`);
    if (open.state !== 'review') throw new HttpError(409, `${count} is ${open.state}, not in review`);
    const a = await ctx.ingest.submit(`count-decision:${count}`, {
      kind: 'countDecision',
      decision: {
        count: count!,
        decision: r.data.decision,
        ...(r.data.rootCause ? { rootCause: r.data.rootCause } : {}),
        ...(r.data.note ? { note: r.data.note } : {}),
        by: { worker: r.data.user ?? role, role },
      },
    });
    const reply = a.reply as { ok: boolean };
    sendJson(res, reply.ok ? 200 : 409, { ...reply, duplicate: a.duplicate });
  }

  return [
    [
      'GET',
      /^\/api\/feed\/orders$/,
      (_req, res) =>
        sendJson(res, 200, {
          orders: ctx.runner.read((e) =>
            feedOrders(e).map((o) => ({
              ...o,
              lines: o.lines.map((l) => ({ ...l, open: Math.max(0, l.qty - l.received) })),
            })),
          ),
        }),
    ],
    ['POST', /^\/api\/feed\/orders$/, postOrders],
    [
      'GET',
      /^\/api\/feed\/counts$/,
      (_req, res) => sendJson(res, 200, { counts: ctx.runner.read(openScanCounts) }),
    ],
    ['POST', /^\/api\/feed\/counts\/(CC\d{7})\/decision$/, decide],
  ];
}
