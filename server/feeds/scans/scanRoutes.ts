import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, sendJson } from '../../http/httpErrors.ts';
import { readBody } from '../../http/readBody.ts';
import { mirrorExceptions, SCAN_STEPS, type ScanMessage } from '../../../sim/mirrorApi.ts';
import { requireAdmin, requireDevice } from '../feedAuth.ts';
import { requireAccess } from '../../http/routeAccess.ts';
import { SCAN_BODY_LIMIT, type FeedContext, type FeedCore } from '../feedContext.ts';
import type { FeedRoute } from '../feedRoute.ts';
import { parseJsonBody } from '../jsonBody.ts';
import { acceptScans } from './acceptScans.ts';
import { issuesOf, scanMessageSchema, scanRequestSchema } from './scanSchema.ts';

/** Raw scans, device registration, and the feed exception list (of the single site's run). */
export function scanRoutes(ctx: FeedContext): FeedRoute[] {
  return [
    ...deviceScanRoutes(ctx),
    [
      'GET',
      /^\/api\/feed\/exceptions$/,
      // Feed exceptions name workers, users and devices: trainer or admin only.
      (req, res) => (
        requireAccess(req, ctx.access, 'trainer', 'the feed exception list'),
        sendJson(res, 200, { exceptions: ctx.runner.read(mirrorExceptions) })
      ),
    ],
  ];
}

/**
 * Raw scans and device registration, which need no run of their own (a network run serves them
 * too, its devices each registered at a site: `ctx.sites`).
 */
export function deviceScanRoutes(ctx: FeedCore): FeedRoute[] {
  async function postScans(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const device = requireDevice(req, ctx);
    const body = parseJsonBody(await readBody(req, ctx.scanBodyLimit ?? SCAN_BODY_LIMIT));
    // A lone message is checked as one, so its problems name the field rather than the union.
    const lone = body !== null && typeof body === 'object' && !Array.isArray(body) && !('scans' in body);
    const r = lone ? scanMessageSchema.safeParse(body) : scanRequestSchema.safeParse(body);
    if (!r.success)
      throw new HttpError(400, 'invalid scan message', {
        error: 'invalid scan message',
        problems: issuesOf(r.error.issues),
      });
    const single = !Array.isArray(r.data) && !('scans' in r.data);
    const scans: ScanMessage[] = Array.isArray(r.data) ? r.data : 'scans' in r.data ? r.data.scans : [r.data];
    const answers = await acceptScans(ctx, device, scans);
    sendJson(res, 200, single ? answers[0] : { results: answers });
  }

  async function register(req: IncomingMessage, res: ServerResponse): Promise<void> {
    requireAdmin(req, ctx);
    const b = parseJsonBody(await readBody(req, 16 * 1024)) as {
      id?: unknown;
      steps?: unknown;
      roles?: unknown;
      label?: unknown;
      site?: unknown;
    };
    const steps = Array.isArray(b.steps) ? b.steps.map(String) : [];
    const allowed = [...SCAN_STEPS, 'epcis'] as string[];
    if (typeof b.id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(b.id))
      throw new HttpError(400, 'id: letters, digits, . _ - (at most 64)');
    const bad = steps.filter((s) => !allowed.includes(s));
    if (steps.length === 0 || bad.length > 0)
      throw new HttpError(
        400,
        `steps: a non-empty list of ${allowed.join(', ')}${bad.length ? ` (unknown: ${bad.join(', ')})` : ''}`,
      );
    const roles = Array.isArray(b.roles) ? b.roles.map(String) : [];
    const site = deviceSite(ctx, b.site);
    const token = await ctx.devices.register(
      b.id,
      steps,
      roles,
      typeof b.label === 'string' ? b.label : b.id,
      site,
    );
    ctx.log.info({ device: b.id, steps, roles, site }, 'device registered');
    sendJson(res, 201, { id: b.id, steps, roles, ...(site === undefined ? {} : { site }), token });
  }

  async function revoke(req: IncomingMessage, res: ServerResponse, [id]: string[]): Promise<void> {
    requireAdmin(req, ctx);
    if (!(await ctx.devices.revoke(id!))) throw new HttpError(404, `unknown device "${id}"`);
    ctx.log.info({ device: id }, 'device revoked');
    sendJson(res, 200, { id, revoked: true });
  }

  return [
    ['POST', /^\/api\/scans$/, postScans],
    [
      'GET',
      /^\/api\/devices$/,
      (req, res) => (requireAdmin(req, ctx), sendJson(res, 200, { devices: ctx.devices.list() })),
    ],
    ['POST', /^\/api\/devices$/, register],
    ['DELETE', /^\/api\/devices\/([A-Za-z0-9][A-Za-z0-9_.-]*)$/, revoke],
  ];
}

/** The `site` of a registration: required and one of the run's sites on a network run, refused on a single site. */
function deviceSite(ctx: FeedCore, site: unknown): string | undefined {
  const sites = ctx.sites?.();
  if (!sites) {
    if (site !== undefined) throw new HttpError(400, 'site: this server runs one site; leave site out');
    return undefined;
  }
  if (typeof site !== 'string' || !sites.includes(site))
    throw new HttpError(
      400,
      `site: the site the device works at, one of ${sites.join(', ')}${site === undefined ? '' : ` (not ${JSON.stringify(site)})`}`,
    );
  return site;
}
