import { Worker } from 'bullmq';
import type { ReplicationJob } from './clusterPool.ts';
import { REPLICATION_QUEUE, redisClient } from './redisConnection.ts';
import { createReplicationPool } from './replicationPool.ts';
import type { ReplicationResult } from './replicationTask.ts';

/** A running `bintwin worker`. */
export interface ClusterWorker {
  /** Stops taking jobs, lets the running ones finish, ends the threads. */
  close(): Promise<void>;
}

/** Lock lifetime of a job, ms: a worker that dies is noticed within about this long. */
export const LOCK_MS = 10_000;

/**
 * Takes replication batches off the queue, `concurrency` at a time, and runs them on as many
 * threads. Replications run off the main thread so it keeps renewing the job locks; a worker
 * killed mid-batch stops renewing, and its job goes back to the queue for another worker.
 */
export function startClusterWorker(
  url: string,
  concurrency: number,
  log: (line: string) => void,
): ClusterWorker {
  const pool = createReplicationPool(concurrency);
  const client = redisClient(url);
  const worker = new Worker<ReplicationJob, ReplicationResult[]>(
    REPLICATION_QUEUE,
    async (job) => {
      const t = job.data.tasks;
      log(`job ${job.id} started: ${t.length} replications (attempt ${job.attemptsMade + 1})`);
      const out = await pool.run(t, () => {});
      log(`job ${job.id} done`);
      return out;
    },
    {
      connection: client,
      concurrency,
      lockDuration: LOCK_MS,
      stalledInterval: LOCK_MS / 2,
      // A job may lose two workers before it counts as failed.
      maxStalledCount: 2,
    },
  );
  worker.on('failed', (job, err) => log(`job ${job?.id ?? '?'} failed: ${err.message.split('\n')[0]}`));
  // A lost connection repeats its error on every retry: say it once until it changes.
  let lastError = '';
  worker.on('error', (err) => {
    if (err.message !== lastError) log(`redis: ${err.message}`);
    lastError = err.message;
  });
  return {
    async close() {
      await worker.close();
      await pool.close();
      client.disconnect();
    },
  };
}
