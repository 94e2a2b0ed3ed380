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

export type { FeedSink } from './feedSink.ts';
import type { FeedSink } from './feedSink.ts';

/** What the scan, device and EPCIS capture endpoints share (single site and network runs alike). */
export interface FeedCore {
  access: AccessControl;
  devices: DeviceRegistry;
  ingest: FeedSink;
  jobs: CaptureJobs;
  log: Logger;
  /** Site and time sanity rules. */
  policy: FeedPolicy;
  scanBodyLimit?: number;
  epcisBodyLimit?: number;
  /** Failed-token limiter shared with HTTP and the default namespace (set by the live server). */
  authLimiter?: AuthLimiter;
  /** The sites a device may belong to (a network run: registration needs one); absent on a single site. */
  sites?: () => string[];
}

/** What the feed endpoints of a single-site server share: the core, the run and its ingest. */
export interface FeedContext extends FeedCore {
  runner: LiveRunner;
  ingest: FeedIngest;
}
