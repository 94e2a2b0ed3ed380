import type { FeedIngest } from './feedIngest.ts';

/** Where accepted feed messages go: one site's ingest, or the network router in front of several (own file so captureJobs.ts need not import feedContext.ts, which imports it). */
export type FeedSink = Pick<FeedIngest, 'submit' | 'known'>;
