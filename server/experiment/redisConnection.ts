import { Redis } from 'ioredis';
import { checkRedisUrl } from './redisUrl.ts';

/**
 * A new client for one BullMQ queue, worker or event stream. BullMQ cannot load ioredis itself
 * under native ESM, so it gets a built client; its blocking commands need unlimited retries per
 * request (BullMQ's documented requirement).
 */
export function redisClient(url: string): Redis {
  checkRedisUrl(url);
  return new Redis(url, { maxRetriesPerRequest: null });
}

/** The queue experiments and `bintwin worker` share. */
export const REPLICATION_QUEUE = 'bintwin-replications';

/** Replications per queued job: small, so a killed worker loses little and the load spreads. */
export const BATCH_SIZE = 2;
