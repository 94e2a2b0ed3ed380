import type { Logger } from 'pino';
import type { Engine } from '../../../sim/index.ts';
import type { NetworkRunner } from '../../live/networkRunner.ts';
import type { ExternalBacklogEntry } from '../../live/runRebuild.ts';
import { FeedIngest, type FeedIngestOptions } from '../feedIngest.ts';
import type { FeedTarget } from '../feedTarget.ts';

/** One site of a network run as the feed ingest sees it: that site's world and its folder. */
export function siteFeedTarget(runner: () => NetworkRunner, site: string): FeedTarget {
  return {
    applyExternal: <T>(apply: (engine: Engine) => T): T => runner().applyExternal(site, apply),
    rollingBack: () => runner().rollingBack(),
    rollback: (reason) => runner().rollback(`site ${site}: ${reason}`),
    currentRun: () => runner().siteFeedRun(site),
  };
}

/**
 * The write-ahead ingests of a network run, one per site (the single-site FeedIngest, bound to
 * that site): each keeps its own feed log and quarantine in `sites/<site>/`, groups its own
 * batches and rolls the network back when an entry throws. Made on first use, so the runner's
 * resume can read each site's backlog before anything else.
 */
export class SiteIngests {
  private readonly bySite = new Map<string, FeedIngest>();

  /** Ingests into the sites of `runner()` (called late: the runner is built with `backlog`). */
  constructor(
    private readonly log: Logger,
    private readonly opts: FeedIngestOptions,
    private readonly runner: () => NetworkRunner,
  ) {}

  /** The ingest of one site. */
  forSite(site: string): FeedIngest {
    let i = this.bySite.get(site);
    if (!i) {
      i = new FeedIngest(this.log.child({ site }), this.opts).bind(siteFeedTarget(this.runner, site));
      this.bySite.set(site, i);
    }
    return i;
  }

  /** A site's acknowledged entries after the checkpoint (the runner's `backlog`). */
  backlog(site: string, folder: string, engine: Engine): Promise<ExternalBacklogEntry[]> {
    return this.forSite(site).backlog(folder, engine);
  }

  /** Closes every site's feed log. */
  close(): void {
    for (const i of this.bySite.values()) i.close();
  }
}
