/** Days an acknowledged key is remembered for deduplication by default. */
export const DEFAULT_DEDUP_DAYS = 7;

/**
 * The idempotency retention window in ms, from BINTWIN_FEED_DEDUP_DAYS (default 7 days of wall
 * time). A time window, not a key count: senders retry within minutes or hours (a scanner's
 * offline queue, an EPCIS client's retry loop), so what must be remembered is bounded by how
 * late a retry can come, whatever the rate; a week is generous. Throws naming a bad value.
 */
export function dedupRetentionFromEnv(env: Record<string, string | undefined>): number {
  const v = env['BINTWIN_FEED_DEDUP_DAYS'];
  if (v === undefined || v === '') return DEFAULT_DEDUP_DAYS * 86_400_000;
  const n = Number(v);
  if (!(n > 0)) throw new Error(`BINTWIN_FEED_DEDUP_DAYS must be a positive number of days, not "${v}"`);
  return n * 86_400_000;
}

/** Keys the idempotency index holds in memory by default (16-byte slots, ≤ 75 % full: ≤ 64 MB). */
export const DEFAULT_DEDUP_MAX_KEYS = 2_000_000;

/**
 * The in-memory key cap, from BINTWIN_FEED_DEDUP_MAX_KEYS (default 2,000,000). Past it the
 * oldest compacted segments' keys move to sorted runs on disk and are still found there, so the
 * cap bounds memory, not what is deduplicated (the time window bounds that). Throws naming a
 * bad value.
 */
export function dedupMaxKeysFromEnv(env: Record<string, string | undefined>): number {
  const v = env['BINTWIN_FEED_DEDUP_MAX_KEYS'];
  if (v === undefined || v === '') return DEFAULT_DEDUP_MAX_KEYS;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`BINTWIN_FEED_DEDUP_MAX_KEYS must be a positive whole number of keys, not "${v}"`);
  return n;
}

/**
 * Ids of the closed segments (all but the last, the active one) that fell out of the window:
 * their newest write is older than `now - retentionMs`, so every key in them is. Segments
 * already forgotten are skipped.
 */
export function segmentsOutOfWindow(
  segments: readonly { id: number; newest: number; forgotten?: boolean }[],
  retentionMs: number,
  now: number,
): number[] {
  const cutoff = now - retentionMs;
  return segments
    .slice(0, -1)
    .filter((s) => !s.forgotten && s.newest < cutoff)
    .map((s) => s.id);
}
