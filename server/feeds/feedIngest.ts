import { join } from 'node:path';
import { applyFeedEntry, feedEntriesApplied, type FeedEntry } from '../../sim/mirror/feedEntry.ts';
import type { LiveRunner } from '../live/runner.ts';
import { FeedLog } from './feedLog.ts';

/** The answer to a submitted message: the reply, and whether it was a repeat. */
export interface Ack {
  duplicate: boolean;
  reply: unknown;
}

interface Job {
  key: string;
  entry: FeedEntry;
  resolve: (a: Ack) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit for the feeds. Messages submitted in the same turn of the event loop are applied
 * together, in submission order (that order is the journal order, whatever the device clocks
 * say); then the journal and the idempotency log are fsynced once, and only then is every
 * message acknowledged. A key seen before gets the first answer again and is not applied.
 * Each record carries the entry itself, its sim time and ordinal, so a restart that cuts the
 * journal back to a checkpoint re-applies every acknowledged entry after it (`feedReplay`).
 */
export class FeedIngest {
  private queue: Job[] = [];
  private scheduled = false;
  private log: FeedLog | null = null;
  private logRun = '';

  /** Ingest into the runner's current run. */
  constructor(private readonly runner: LiveRunner) {}

  /** Queues one message under its idempotency key; resolves once it is durable. */
  submit(key: string, entry: FeedEntry): Promise<Ack> {
    return new Promise((resolve, reject) => {
      this.queue.push({ key, entry, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** The idempotency log of the current run (reopened when the run changes). */
  private feedLog(): FeedLog {
    const run = this.runner.currentRun();
    if (!this.log || this.logRun !== run.id) {
      this.log?.close();
      this.log = new FeedLog(join(run.folder, 'feed.ndjson'));
      this.logRun = run.id;
    }
    return this.log;
  }

  /** Whether a key was already acknowledged in the current run. */
  seen(key: string): boolean {
    return this.feedLog().get(key) !== undefined;
  }

  private flush(): void {
    this.scheduled = false;
    const jobs = this.queue;
    this.queue = [];
    if (jobs.length === 0) return;
    const out: Ack[] = [];
    try {
      const log = this.feedLog();
      this.runner.applyExternal((w) => {
        for (const j of jobs) {
          const prior = log.get(j.key);
          if (prior) {
            out.push({ duplicate: true, reply: prior.reply });
            continue;
          }
          const simTime = w.now;
          const ev = w.eventsProcessed;
          const a = applyFeedEntry(w, j.key, j.entry);
          log.add({
            key: j.key,
            at: new Date().toISOString(),
            reply: a.reply,
            ...(a.events ? { events: a.events } : {}),
            entry: j.entry,
            simTime,
            ev,
            n: feedEntriesApplied(w),
          });
          out.push({ duplicate: false, reply: a.reply });
        }
      });
      log.sync();
    } catch (err) {
      for (const j of jobs) j.reject(err);
      return;
    }
    jobs.forEach((j, i) => j.resolve(out[i]!));
  }

  /** Closes the idempotency log. */
  close(): void {
    this.log?.close();
    this.log = null;
  }
}
