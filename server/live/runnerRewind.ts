import { runFiles } from './dataDir.ts';
import { installRewindPoint, listRewindPoints } from './rewindPoints.ts';
import { rebuildRun } from './runRebuild.ts';
import type { RunnerHost } from './runnerHost.ts';

/** The next sim time a rewind point is due at: the next multiple of the interval (never when off). */
function nextRewindAt(h: RunnerHost): number {
  if (!h.rewind) return Number.POSITIVE_INFINITY;
  const every = h.rewind.everyMs;
  const last = h.run.lastRewindAt;
  return last === -Infinity ? 0 : (Math.floor(last / every) + 1) * every;
}

/** Checkpoints the run when the interval since the last one has passed. */
export function maybeCheckpoint(h: RunnerHost): void {
  if (h.run.engine.now() - h.run.lastCheckpointAt >= h.checkpointEveryMs) h.run.checkpoint(h.pacer.state);
}

/**
 * Advances the engine to `target`, stopping at every rewind point due on the way (so points
 * sit on whole multiples of the interval: 5:00, 10:00 …) and checkpointing when due.
 */
export function runWithRewindPoints(h: RunnerHost, target: number): void {
  const engine = h.run.engine;
  for (;;) {
    const due = nextRewindAt(h);
    if (due > target) break;
    if (due > engine.now()) engine.runUntil(due);
    h.run.rewindPoint(h.pacer.state, h.rewind!.keep);
  }
  if (target > engine.now()) engine.runUntil(target);
  maybeCheckpoint(h);
}

/** The rewind points of the current run, oldest first. */
export function rewindPointsOf(h: RunnerHost): { simMs: number; lastSeq: number }[] {
  return listRewindPoints(h.run.folder).map(({ simMs, lastSeq }) => ({ simMs, lastSeq }));
}

/**
 * Rewinds the run to one of its rewind points: the point is installed as the checkpoint (one
 * atomic rename: from then on a crash resumes there), the run is rebuilt from it as a restart
 * would (journal and truth log cut back), paused, and every viewer gets a fresh snapshot.
 * Refused in a run that took feed transactions, whose replay would carry it forward again.
 */
export async function rewindRun(
  h: RunnerHost,
  simMs: number,
): Promise<{ ok: true; simMs: number } | { ok: false; message: string }> {
  const old = h.run;
  if (old.engine.feedEntriesApplied() > 0)
    return { ok: false, message: 'this run took feed transactions; it cannot be rewound' };
  if (!rewindPointsOf(h).some((p) => p.simMs === simMs))
    return { ok: false, message: `no rewind point at sim ${simMs} ms` };
  h.busy = true;
  try {
    h.publisher.dropPending();
    old.commit();
    installRewindPoint(old.folder, runFiles(old.folder).checkpoint, simMs);
    old.abandon();
    await old.settled();
    const entry = h.opts.index.get(old.id);
    if (!entry) throw new Error(`run ${old.id} is not in the run index`);
    h.pacer.state = { ...h.pacer.state, paused: true };
    const { run } = await rebuildRun(h.opts, entry, h.pacer.state);
    h.run = run;
  } finally {
    h.busy = false;
  }
  h.pacer.anchor();
  h.publisher.publish(true);
  h.opts.log.info({ run: h.run.id, simTime: simMs }, 'rewound to a rewind point');
  return { ok: true, simMs };
}
