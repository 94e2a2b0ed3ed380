/** Connection phases as the user sees them. */
export type LinkPhase = 'connecting' | 'live' | 'reconnecting' | 'refused';

/** The state behind the connection banner. */
export interface LinkStatus {
  phase: LinkPhase;
  /** Wall-clock ms of the last message from the server (null before the first). */
  lastMessageAt: number | null;
  /** Reconnect attempts since the link dropped. */
  attempts: number;
  /** Why the server refused us, when it did. */
  reason: string | null;
}

/** The banner to show, or null when the data is live. */
export interface Banner {
  tone: 'warn' | 'error';
  text: string;
}

/** How long without any message before a link that claims to be up is shown as stale (ms). */
export const STALE_AFTER_MS = 15_000;

/** Wall-clock time as hh:mm:ss in local time. */
export function wallClock(ms: number): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/**
 * The banner text for a link status at wall time `now`: nothing while live and fresh, else a
 * clear statement that the data shown is stale and since when, so a wall screen never shows
 * frozen numbers as if they were current.
 */
export function bannerFor(s: LinkStatus, now: number, runPaused = false): Banner | null {
  const since = s.lastMessageAt === null ? '' : ` — data stale since ${wallClock(s.lastMessageAt)}`;
  switch (s.phase) {
    case 'live':
      // A paused run sends nothing, by design; the socket's own heartbeat catches a dead link.
      if (!runPaused && s.lastMessageAt !== null && now - s.lastMessageAt > STALE_AFTER_MS) {
        return { tone: 'warn', text: `No updates from the server${since}` };
      }
      return null;
    case 'connecting':
      return { tone: 'warn', text: 'Connecting to the live twin…' };
    case 'reconnecting':
      return {
        tone: 'error',
        text: `Reconnecting${s.attempts > 0 ? ` (attempt ${s.attempts})` : ''}${since}`,
      };
    case 'refused':
      return { tone: 'error', text: `Connection refused: ${s.reason ?? 'unknown reason'}` };
  }
}
