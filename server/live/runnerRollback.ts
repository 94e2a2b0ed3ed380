import { JUMP_CHUNK_MS } from './pacer.ts';
import { rebuildRun } from './runRebuild.ts';
import type { RunnerHost } from './runnerHost.ts';

/**
 * Rolls the run back to what its inputs say, after a feed entry threw part-way through being
 * applied (its void is in the feed log already): the half-changed world and its unwritten
 * journal lines are dropped at once (nothing about them is committed or published), then the
 * run is rebuilt from its checkpoint and the feed log without the voided entry, as a restart
 * would, and advanced back to the sim time it had reached. External transactions, ticks and
 * controls wait meanwhile (`h.busy`, `h.rebuilding`). A rebuild that fails leaves the run
 * refusing work (logged): only a restart can continue from the files, which are consistent.
 */
export function rollbackRun(h: RunnerHost, reason: string): Promise<void> {
  if (h.rebuilding) return h.rebuilding;
  h.busy = true;
  const old = h.run;
  const target = old.engine.now();
  old.abandon();
  h.publisher.dropPending();
  h.opts.log.warn({ run: old.id, simTime: target, reason }, 'rolling the run back to its checkpoint');
  h.rebuilding = (async () => {
    await old.settled();
    const entry = h.opts.index.get(old.id);
    if (!entry) throw new Error(`run ${old.id} is not in the run index`);
    const { run } = await rebuildRun(h.opts, entry, h.pacer.state);
    h.run = run;
    const engine = run.engine;
    while (engine.now() < target) {
      engine.runUntil(Math.min(target, engine.now() + JUMP_CHUNK_MS));
      await new Promise<void>((r) => setImmediate(r));
    }
    h.busy = false;
    h.pacer.anchor();
    h.publisher.publish(true);
  })()
    .catch((err: unknown) => {
      h.opts.log.error({ err, run: old.id }, 'rollback failed: the run refuses work until a restart');
      throw err;
    })
    .finally(() => {
      h.rebuilding = null;
    });
  return h.rebuilding;
}
