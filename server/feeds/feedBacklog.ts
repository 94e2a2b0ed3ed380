import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { World } from '../../sim/engine/world.ts';
import { applyFeedEntry, feedEntriesApplied } from '../../sim/mirror/feedEntry.ts';
import type { ExternalBacklogEntry } from '../live/runner.ts';
import { FeedLog } from './feedLog.ts';

/**
 * The acknowledged feed entries a resumed world does not hold yet: every record of the run's
 * `feed.ndjson` whose ordinal is past the world's `mirror.applied` count (the checkpoint was
 * taken before they were applied, and the journal was cut back to it). Each comes with the sim
 * time and engine position it was applied at, in acceptance order, so the runner can advance
 * the engine to it and re-apply it: the journal then holds it exactly once, with the same events.
 */
export function feedBacklog(folder: string, world: World): ExternalBacklogEntry[] {
  const path = join(folder, 'feed.ndjson');
  if (!existsSync(path)) return [];
  const log = new FeedLog(path);
  try {
    const done = feedEntriesApplied(world);
    const out: ExternalBacklogEntry[] = [];
    let expect = done + 1;
    for (const r of log.records()) {
      if (r.n === undefined || r.n <= done) continue;
      if (r.n !== expect)
        throw new Error(
          `${path}: feed entry ${expect} is missing (found ${r.n}); the log and checkpoint disagree`,
        );
      expect++;
      if (!r.entry || r.simTime === undefined)
        throw new Error(`${path}: record ${r.key} (entry ${r.n}) cannot be re-applied: no entry or sim time`);
      const { entry, key } = r;
      out.push({
        key,
        simTime: r.simTime,
        ...(r.ev === undefined ? {} : { eventsProcessed: r.ev }),
        apply: (w) => void applyFeedEntry(w, key, entry),
      });
    }
    return out;
  } finally {
    log.close();
  }
}
