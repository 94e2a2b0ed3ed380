import type { JournalEvent } from '../../sim/index.ts';

/** Journal events the bin inspector shows per bin, newest last. */
export const RECENT_PER_BIN = 20;
/**
 * Journal events kept for the inspector over all bins. Without it the store fills to
 * bins × RECENT_PER_BIN (62,760 events for demo-dc's 3,138 bins, ~20 M for a 1 M-bin site),
 * slowly, as the simulation gets round to each bin: a heap snapshot of the soak at minute 11
 * held 7,460 in 2,319 bins, retaining 2.51 MB (~340 B each), so demo-dc alone would have
 * reached ~21 MB after hours. This caps it near 7 MB.
 */
export const RECENT_EVENTS_MAX = 20_000;

/**
 * The inspector's total from BINTWIN_RECENT_EVENTS_MAX (default RECENT_EVENTS_MAX): a memory
 * budget (~340 B an event). The soak sets it low so the store is full within minutes and a
 * one-hour run measures steady state, not filling. Throws naming a bad value.
 */
export function recentEventsMaxFromEnv(env: Record<string, string | undefined>): number {
  const v = env['BINTWIN_RECENT_EVENTS_MAX'];
  if (v === undefined || v === '') return RECENT_EVENTS_MAX;
  const n = Number(v);
  if (!Number.isInteger(n) || n < RECENT_PER_BIN)
    throw new Error(
      `BINTWIN_RECENT_EVENTS_MAX must be a whole number of events ≥ ${RECENT_PER_BIN}, not "${v}"`,
    );
  return n;
}

/**
 * The last journal events that touched each bin, for the floor view's inspector: at most
 * `perBin` a bin and `max` in all. When full, the bin touched least recently loses its history
 * first (a Map keeps insertion order, and a touched bin is re-inserted at the end), so the bins
 * the floor is busy with keep theirs. Not engine state: it starts empty after a resume.
 */
export class RecentByBin {
  private readonly bins = new Map<string, JournalEvent[]>();
  private count = 0;

  constructor(
    private readonly perBin = RECENT_PER_BIN,
    private readonly max = RECENT_EVENTS_MAX,
  ) {}

  /** Events kept over all bins. */
  get size(): number {
    return this.count;
  }

  /** Bins with any event kept. */
  get binCount(): number {
    return this.bins.size;
  }

  /** The kept events of one bin, oldest first (empty when none). */
  get(bin: string): readonly JournalEvent[] {
    return this.bins.get(bin) ?? [];
  }

  /** Records an event against each bin it touched (its `bin`, and `toBin` for a move). */
  add(e: JournalEvent): void {
    for (const b of e.toBin && e.toBin !== e.bin ? [e.bin, e.toBin] : [e.bin]) {
      if (b === undefined) continue;
      const list = this.bins.get(b) ?? [];
      this.bins.delete(b);
      list.push(e);
      this.count++;
      if (list.length > this.perBin) {
        list.shift();
        this.count--;
      }
      this.bins.set(b, list);
    }
    while (this.count > this.max) {
      const oldest = this.bins.keys().next();
      if (oldest.done) break;
      this.count -= this.bins.get(oldest.value)!.length;
      this.bins.delete(oldest.value);
    }
  }
}
