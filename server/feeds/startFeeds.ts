import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import type { LiveRunner } from '../live/runner.ts';
import type { AccessControl } from '../live/settings.ts';
import { DeviceRegistry } from './devices.ts';
import { CaptureJobs } from './epcis/captureJobs.ts';
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
}): Promise<FeedContext> {
  loadEpcisSchema();
  const devices = await DeviceRegistry.open(join(o.root, 'devices.json'));
  const ingest = o.ingest;
  return { runner: o.runner, access: o.access, devices, ingest, jobs: new CaptureJobs(ingest), log: o.log };
}

/** Adds the `/scanner` namespace to the live server's Socket.IO. */
export function attachFeeds(io: Server, ctx: FeedContext): void {
  attachScanner(io, ctx);
}
