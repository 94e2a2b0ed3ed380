import type { LiveRunner } from '../live/runner.ts';

/**
 * What the feed ingest drives: the run whose world the entries go into. A single-site server's
 * LiveRunner is one; a network run gives each site one (server/live/networkFeedTargets.ts), so the
 * same write-ahead ingest serves every site with its own feed log in the site's folder.
 */
export interface FeedTarget {
  /** Applies entries to the world and makes its journal durable before returning. */
  applyExternal: LiveRunner['applyExternal'];
  /** The rollback in progress, if any (a batch waits for it). */
  rollingBack(): Promise<void> | null;
  /** Rebuilds the world from its checkpoint and feed log after an entry threw part-way. */
  rollback(reason: string): Promise<void>;
  /** The folder the feed log lives in, and the feed entries its last checkpoint holds. */
  currentRun(): { folder: string; checkpointApplied: number };
}
