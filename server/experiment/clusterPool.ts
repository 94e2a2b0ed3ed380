import { Queue, QueueEvents } from 'bullmq';
import { BATCH_SIZE, REPLICATION_QUEUE, redisClient } from './redisConnection.ts';
import type { ReplicationPool } from './replicationPool.ts';
import type { ReplicationResult, ReplicationTask } from './replicationTask.ts';

/** One queued job: a batch of replications, run by whichever `bintwin worker` takes it. */
export interface ReplicationJob {
  tasks: ReplicationTask[];
}

/**
 * A ReplicationPool on a BullMQ queue in Redis: tasks go out in batches, `bintwin worker`
 * processes run them on any number of machines. A job whose worker dies is found stalled
 * (its lock lapses) and handed to another worker; a job that throws is retried up to 3 times.
 * Results are the tasks' own, so they are identical to a local run.
 */
export function createClusterPool(url: string): ReplicationPool {
  const clients = [redisClient(url), redisClient(url)] as const;
  const queue = new Queue<ReplicationJob, ReplicationResult[]>(REPLICATION_QUEUE, { connection: clients[0] });
  const events = new QueueEvents(REPLICATION_QUEUE, { connection: clients[1] });
  return {
    async run(tasks, onDone) {
      await events.waitUntilReady();
      const batches: ReplicationTask[][] = [];
      for (let i = 0; i < tasks.length; i += BATCH_SIZE) batches.push(tasks.slice(i, i + BATCH_SIZE));
      const jobs = await queue.addBulk(
        batches.map((b) => ({
          name: 'replications',
          data: { tasks: b },
          opts: {
            attempts: 3,
            backoff: { type: 'fixed', delay: 1000 },
            removeOnComplete: { age: 3600 },
            removeOnFail: { age: 24 * 3600 },
          },
        })),
      );
      const results = await Promise.all(
        jobs.map(async (job, i) => {
          let out: ReplicationResult[];
          try {
            out = await job.waitUntilFinished(events);
          } catch (err) {
            const first = batches[i]![0]!;
            throw new Error(
              `queued job ${job.id} (variant ${first.variant + 1}, from replication ${first.replication + 1}) failed after its retries: ${err instanceof Error ? err.message : String(err)}`,
              { cause: err },
            );
          }
          for (const r of out) onDone(r);
          return out;
        }),
      );
      return results.flat();
    },
    async close() {
      await events.close();
      await queue.close();
      // BullMQ leaves clients it was given open; an open socket would keep the process alive.
      for (const c of clients) c.disconnect();
    },
  };
}
