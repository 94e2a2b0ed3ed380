import { Piscina } from 'piscina';
import type { ReplicationResult, ReplicationTask } from './replicationTask.ts';

/** Runs replication tasks on a kept pool of worker threads. */
export interface ReplicationPool {
  /** Runs the tasks; results come back in task order, whatever order the threads finish in. */
  run(
    tasks: readonly ReplicationTask[],
    onDone: (r: ReplicationResult) => void,
  ): Promise<ReplicationResult[]>;
  /** Ends the threads. */
  close(): Promise<void>;
}

/** A pool of `workers` threads, created once and kept for every round of an experiment. */
export function createReplicationPool(workers: number): ReplicationPool {
  const pool = new Piscina<ReplicationTask, ReplicationResult>({
    filename: new URL('./replicationWorker.js', import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
    // Each thread runs one replication at a time: the engine is synchronous and CPU-bound.
    concurrentTasksPerWorker: 1,
    idleTimeout: 60_000,
  });
  return {
    async run(tasks, onDone) {
      return Promise.all(
        tasks.map(async (t) => {
          try {
            const r = await pool.run(t);
            onDone(r);
            return r;
          } catch (err) {
            throw new Error(
              `variant ${t.variant + 1}, replication ${t.replication + 1} (seed ${t.seed}) failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
              { cause: err },
            );
          }
        }),
      );
    },
    close: () => pool.destroy(),
  };
}
