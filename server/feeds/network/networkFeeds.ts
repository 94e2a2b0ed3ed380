import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import { mirrorExceptions } from '../../../sim/mirrorApi.ts';
import { HttpError, sendJson } from '../../http/httpErrors.ts';
import { requireAccess } from '../../http/routeAccess.ts';
import type { AuthLimiter } from '../../live/authLimiter.ts';
import type { NetworkRunner } from '../../live/networkRunner.ts';
import type { AccessControl } from '../../live/settings.ts';
import { DeviceRegistry } from '../devices.ts';
import { CaptureJobs } from '../epcis/captureJobs.ts';
import { epcisCaptureRoutes } from '../epcis/epcisRoutes.ts';
import { loadEpcisSchema } from '../epcis/epcisValidator.ts';
import { JobStore } from '../epcis/jobStore.ts';
import type { FeedCore } from '../feedContext.ts';
import { feedPolicyFromEnv } from '../feedPolicy.ts';
import type { FeedRoute } from '../feedRoute.ts';
import { deviceScanRoutes } from '../scans/scanRoutes.ts';
import { attachScanner } from '../scans/scannerNamespace.ts';
import { NetworkFeedRouter } from './networkFeedRouter.ts';
import type { SiteIngests } from './siteIngests.ts';

/** The feed side of a network server: the shared core (devices, capture jobs) over the router. */
export interface NetworkFeeds {
  core: FeedCore;
  router: NetworkFeedRouter;
}

/**
 * Opens a network run's feeds once the runner has started (its resume read every site's feed
 * log): the device registry (each device registered at a site), the router over the sites'
 * ingests, capture jobs (unfinished ones run again), and the EPCIS location rule (every GLN
 * must be a site's, besides BINTWIN_SITE_GLN_PREFIXES when set).
 */
export async function openNetworkFeeds(o: {
  root: string;
  runner: NetworkRunner;
  ingests: SiteIngests;
  access: AccessControl;
  log: Logger;
  authLimiter: AuthLimiter;
  env: Record<string, string | undefined>;
}): Promise<NetworkFeeds> {
  loadEpcisSchema();
  const devices = await DeviceRegistry.open(join(o.root, 'devices.json'));
  const router = new NetworkFeedRouter({
    runner: o.runner,
    devices,
    ingestFor: (site) => o.ingests.forSite(site),
    network: () => o.runner.currentRun().network,
  });
  const policy = {
    ...feedPolicyFromEnv(o.env),
    locationProblems: (e: Record<string, unknown>) => router.locationProblems(e),
  };
  const jobs = new CaptureJobs(router, new JobStore(join(o.root, 'capture-jobs')), o.log, policy);
  void jobs.recover().catch((err: unknown) => o.log.error({ err }, 'capture job recovery failed'));
  const core: FeedCore = {
    access: o.access,
    devices,
    ingest: router,
    jobs,
    log: o.log,
    policy,
    authLimiter: o.authLimiter,
    sites: () => o.runner.sites(),
  };
  return { core, router };
}

/**
 * The feed routes of a network run: raw scans and devices (`site` at registration), EPCIS
 * capture and single events (routed by location), and one site's feed exceptions (`?site=`).
 */
export function networkFeedRoutes(f: NetworkFeeds, runner: NetworkRunner): FeedRoute[] {
  return [
    ...deviceScanRoutes(f.core),
    ...epcisCaptureRoutes(f.core),
    [
      'GET',
      /^\/api\/feed\/exceptions$/,
      (req, res) => {
        requireAccess(req, f.core.access, 'trainer', 'the feed exception list');
        const site = new URL(req.url ?? '/', 'http://x').searchParams.get('site') ?? '';
        if (!runner.sites().includes(site))
          throw new HttpError(
            400,
            `the feed exceptions of a network run need ?site=<site> (sites: ${runner.sites().join(', ')})`,
          );
        sendJson(res, 200, { site, exceptions: runner.read(site, mirrorExceptions) });
      },
    ],
  ];
}

/** Adds the `/scanner` namespace (devices' scans, routed like POST /api/scans). */
export function attachNetworkFeeds(io: Server, f: NetworkFeeds): void {
  attachScanner(io, f.core);
}
