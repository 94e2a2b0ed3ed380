import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import type { LiveRunner } from '../live/runner.ts';
import type { AccessControl } from '../live/settings.ts';
import { DeviceRegistry } from './devices.ts';
import { CaptureJobs } from './epcis/captureJobs.ts';
import { JobStore } from './epcis/jobStore.ts';
import { feedPolicyFromEnv } from './feedPolicy.ts';
import { loadEpcisSchema } from './epcis/epcisValidator.ts';
import type { FeedContext } from './feedContext.ts';
import type { FeedIngest } from './feedIngest.ts';
import { attachScanner } from './scans/scannerNamespace.ts';

/** Opens the feed side of the live server: device registry, ingest, capture jobs (schema compiled now). */
export async function openFeeds(o: {
  root: string;
  runner: LiveRunner;
  access: AccessControl;
  log: Logger;
  ingest: FeedIngest;
  env?: Record<string, string | undefined>;
}): Promise<FeedContext> {
  const policy = feedPolicyFromEnv(o.env ?? process.env);
  if (policy.glnPrefixes.length === 0)
    o.log.warn('BINTWIN_SITE_GLN_PREFIXES is not set: EPCIS locations of other companies are not refused');
  loadEpcisSchema();
  const devices = await DeviceRegistry.open(join(o.root, 'devices.json'));
  const ingest = o.ingest;
  const jobs = new CaptureJobs(ingest, new JobStore(join(o.root, 'capture-jobs')), o.log, policy);
  // Unfinished jobs run again in the background; their ids answer with their status meanwhile.
  void jobs.recover().catch((err: unknown) => o.log.error({ err }, 'capture job recovery failed'));
  return { runner: o.runner, access: o.access, devices, ingest, jobs, log: o.log, policy };
}

/** Adds the `/scanner` namespace to the live server's Socket.IO. */
export function attachFeeds(io: Server, ctx: FeedContext): void {
  attachScanner(io, ctx);
}
