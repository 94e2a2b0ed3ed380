import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';

/**
 * `feed-quarantine.ndjson` of a run: feed log lines and entries that could not be read or
 * applied, each with its reason and time, fsynced, so an operator can inspect or re-send them
 * while the server keeps running (a poison entry never becomes a crash loop). Each one is
 * also logged at error level (the alert).
 */
export class FeedQuarantine {
  /** Items put so far in this process. */
  count = 0;

  /** Quarantine of the run in `folder`. */
  constructor(
    readonly folder: string,
    private readonly log: Logger,
  ) {}

  /** The quarantine file path. */
  get path(): string {
    return join(this.folder, 'feed-quarantine.ndjson');
  }

  /** Appends one item; never throws (a failure to write is logged with the item). */
  put(what: { reason: string; line?: string; record?: unknown }): void {
    this.count++;
    this.log.error({ quarantine: this.path, reason: what.reason }, 'feed quarantine');
    try {
      let text: string;
      try {
        text = JSON.stringify({ at: new Date().toISOString(), ...what });
      } catch {
        text = JSON.stringify({
          at: new Date().toISOString(),
          reason: what.reason,
          line: what.line ?? '(unserialisable)',
        });
      }
      const fd = openSync(this.path, 'a');
      try {
        writeSync(fd, text + '\n');
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch (err) {
      this.log.error({ err, reason: what.reason }, 'cannot write the feed quarantine file');
    }
  }
}
