import type { Logger } from 'pino';
import type { LiveRunner } from '../live/runner.ts';
import type { AccessControl } from '../live/settings.ts';
import type { CaptureJobs } from './epcis/captureJobs.ts';
import type { DeviceRegistry } from './devices.ts';
import type { FeedIngest } from './feedIngest.ts';
import type { AuthLimiter } from '../live/authLimiter.ts';
import type { FeedPolicy } from './feedPolicy.ts';

/** Largest scan request (a batch of scans). */
export const SCAN_BODY_LIMIT = 256 * 1024;
/** Largest EPCIS capture document. */
export const EPCIS_BODY_LIMIT = 8 << 20;
/** Most scans in one batch. */
export const MAX_SCAN_BATCH = 1000;

/** What the feed endpoints share: the run, auth, devices, the group-commit ingest and capture jobs. */
export interface FeedContext {
  runner: LiveRunner;
  access: AccessControl;
  devices: DeviceRegistry;
  ingest: FeedIngest;
  jobs: CaptureJobs;
  log: Logger;
  /** Site and time sanity rules. */
  policy: FeedPolicy;
  scanBodyLimit?: number;
  epcisBodyLimit?: number;
  /** Failed-token limiter shared with HTTP and the default namespace (set by the live server). */
  authLimiter?: AuthLimiter;
}
