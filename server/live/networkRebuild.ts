import type { Logger } from 'pino';
import type { Engine } from '../../sim/index.ts';
import type { PacingState } from './checkpointFile.ts';
import type { DataDir } from './dataDir.ts';
import { NetworkLiveRun, siteDir } from './networkLiveRun.ts';
import type { RunEntry, RunIndex } from './runIndex.ts';
import type { JournalOptions } from './runLogs.ts';
import { rebuildPasses, type ExternalBacklogEntry } from './runRebuild.ts';

/** What rebuilding a network run from its checkpoint needs. */
export interface NetworkRebuildDeps {
  data: DataDir;
  index: RunIndex;
  log: Logger;
  journal?: JournalOptions;
  /** One site's acknowledged feed entries after the checkpoint (its feed log in `folder`), in acceptance order. */
  backlog?: (site: string, folder: string, engine: Engine) => Promise<ExternalBacklogEntry[]>;
}

/**
 * Builds a network run's world from its checkpoint plus every site's feed log, as rebuildRun
 * does for one site: the network is restored (each site's journal cut back to the checkpoint),
 * then every acknowledged feed entry after it is re-applied to its site at the sim time it was
 * first applied, then a checkpoint is written. At start-up and to roll back a feed entry that
 * threw part-way (each restart of the loop voids one more entry durably, so it ends).
 */
export async function rebuildNetworkRun(
  deps: NetworkRebuildDeps,
  entry: RunEntry,
  pacing?: PacingState,
): Promise<{ run: NetworkLiveRun; pacing: PacingState }> {
  return rebuildPasses(
    () => NetworkLiveRun.resume(deps.data, deps.index, entry, deps.log, deps.journal),
    (run, p) => replayNetworkBacklog(deps, run, p),
    deps.log,
    entry.id,
    pacing,
    'network feed replay restarts without a voided entry',
  );
}

/**
 * Re-applies the sites' backlogs merged by sim time. Live, a feed batch went into one site's
 * world between two network steps, at the network's clock; so each entry is applied after
 * advancing the whole network to its sim time, and entries of one instant keep their site's
 * log order (the sort is stable; entries of different sites at one instant touch different
 * worlds, so their relative order changes nothing).
 */
async function replayNetworkBacklog(
  deps: NetworkRebuildDeps,
  live: NetworkLiveRun,
  pacing: PacingState,
): Promise<void> {
  if (!deps.backlog) return;
  const all: { engine: Engine; b: ExternalBacklogEntry }[] = [];
  for (const s of live.run.sites) {
    const list = await deps.backlog(s.name, siteDir(live.folder, s.name), s.engine);
    for (const b of list) all.push({ engine: s.engine, b });
  }
  if (all.length === 0) return;
  all.sort((x, y) => x.b.simTime - y.b.simTime);
  let drift = 0;
  for (const { engine, b } of all) {
    if (b.simTime > live.run.now) live.run.runUntil(b.simTime);
    if (b.eventsProcessed !== undefined && b.eventsProcessed !== engine.eventsProcessed()) drift++;
    b.apply(engine);
  }
  if (drift > 0)
    deps.log.warn(
      { run: live.id, drift },
      'network feed replay: some entries met a different engine position than when first applied',
    );
  live.checkpoint(pacing);
  deps.log.info(
    { run: live.id, entries: all.length, simTime: live.run.now },
    're-applied acknowledged feed entries of every site after the network checkpoint',
  );
}
