import { transactionLabel, type AlertChange } from '../../sim/view/protocol.ts';
import type { AlertView } from '../../sim/viewApi.ts';

/** Entries kept in the feed: a screen that runs for days keeps only the latest. */
export const FEED_SIZE = 100;

/** One line of the alert feed. */
export interface FeedEntry {
  /** Unique per entry (an alert can be raised, cleared and raised again). */
  key: string;
  change: AlertChange;
  alert: AlertView;
}

/**
 * The alert feed: business events and alerts raised or cleared, newest first, bounded. A
 * message replayed after a recovered reconnect (same seq and id) is not shown twice.
 */
export class AlertFeed {
  private entries: FeedEntry[] = [];
  private keys = new Set<string>();

  /** Adds a message; false when it was a duplicate. */
  push(seq: number, change: AlertChange, alert: AlertView): boolean {
    const key = `${seq}:${change}:${alert.id}`;
    if (this.keys.has(key)) return false;
    this.entries.unshift({ key, change, alert });
    this.keys.add(key);
    while (this.entries.length > FEED_SIZE) this.keys.delete(this.entries.pop()!.key);
    return true;
  }

  /** Newest first. */
  list(): readonly FeedEntry[] {
    return this.entries;
  }

  /** Entries that mention a bin, newest first (for the bin inspector). */
  forBin(code: string): FeedEntry[] {
    return this.entries.filter((e) => e.alert.bin === code || e.alert.message.includes(code));
  }

  /** Empties the feed (a new run). */
  clear(): void {
    this.entries = [];
    this.keys.clear();
  }
}

/** A sim time as hh:mm (day n when past the first day), for feed and inspector lines. */
export function simClock(ms: number): string {
  const day = Math.floor(ms / 86_400_000);
  const h = Math.floor((ms % 86_400_000) / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const hhmm = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  return day > 0 ? `d${day + 1} ${hhmm}` : hhmm;
}

/** An alert kind or journal type as people read it: the catalogue's label, else the raw kind. */
export function kindLabel(kind: string): string {
  return transactionLabel(kind)?.label ?? kind;
}
