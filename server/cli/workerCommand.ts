import { startClusterWorker } from '../experiment/clusterWorker.ts';

/** `bintwin worker`: processes queued replication batches until SIGINT or SIGTERM, then finishes the running ones. */
export async function workerCommand(redis: string, concurrency: number): Promise<number> {
  const log = (line: string): void => void process.stderr.write(`bintwin worker: ${line}\n`);
  const worker = startClusterWorker(redis, concurrency, log);
  log(`waiting for replications on ${redis} (concurrency ${concurrency})`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  log('stopping: finishing the running jobs (again to stop at once)');
  const force = (): void => process.exit(130);
  process.once('SIGINT', force);
  process.once('SIGTERM', force);
  await worker.close();
  return 0;
}
