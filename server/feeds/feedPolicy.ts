import { epcKeys } from '../../sim/mirrorApi.ts';
import { epcisLocations } from './epcis/epcisLocations.ts';

/** Site and time sanity rules for feed messages (server settings, from the environment). */
export interface FeedPolicy {
  /** GS1 company prefixes (or whole GLNs) of this site; empty = not checked. */
  glnPrefixes: string[];
  /** How far ahead of the server clock an event or device time may be. */
  maxFutureMs: number;
  /** How far behind the server clock an event or device time may be. */
  maxPastMs: number;
  /**
   * A further check of an EPCIS event's locations, refused like a foreign prefix (a network run:
   * every GLN must be one of its sites'; server/live/networkFeedRouter.ts). Absent on a single site.
   */
  locationProblems?: (e: Record<string, unknown>) => { path: string; message: string }[];
}

/** Defaults: a day ahead (time zones, a clock a bit fast), 30 days back (a device offline for weeks). */
export const DEFAULT_FEED_POLICY: FeedPolicy = {
  glnPrefixes: [],
  maxFutureMs: 86_400_000,
  maxPastMs: 30 * 86_400_000,
};

/**
 * The policy from the environment: BINTWIN_SITE_GLN_PREFIXES (comma list of digits),
 * BINTWIN_FEED_MAX_FUTURE_HOURS, BINTWIN_FEED_MAX_AGE_DAYS; throws naming a bad value.
 */
export function feedPolicyFromEnv(env: Record<string, string | undefined>): FeedPolicy {
  const num = (name: string, fallback: number, unit: number): number => {
    const v = env[name];
    if (v === undefined || v === '') return fallback;
    const n = Number(v);
    if (!(n > 0)) throw new Error(`${name} must be a positive number, not "${v}"`);
    return n * unit;
  };
  const prefixes = (env['BINTWIN_SITE_GLN_PREFIXES'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = prefixes.find((p) => !/^\d{4,13}$/.test(p));
  if (bad !== undefined) throw new Error(`BINTWIN_SITE_GLN_PREFIXES: "${bad}" is not 4–13 digits`);
  return {
    glnPrefixes: prefixes,
    maxFutureMs: num('BINTWIN_FEED_MAX_FUTURE_HOURS', DEFAULT_FEED_POLICY.maxFutureMs, 3_600_000),
    maxPastMs: num('BINTWIN_FEED_MAX_AGE_DAYS', DEFAULT_FEED_POLICY.maxPastMs, 86_400_000),
  };
}

/** Why a time is outside the window, or null. */
export function timeProblem(iso: string, p: FeedPolicy, now: number): string | null {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return `${iso} is not a time`;
  if (t > now + p.maxFutureMs)
    return `${iso} is ${((t - now) / 3_600_000).toFixed(1)} h ahead of the server clock (at most ${p.maxFutureMs / 3_600_000} h)`;
  if (t < now - p.maxPastMs)
    return `${iso} is ${((now - t) / 86_400_000).toFixed(1)} days old (at most ${p.maxPastMs / 86_400_000} days)`;
  return null;
}

/**
 * The warning for an EPCIS event time outside the window, or null. Flagged, not refused:
 * replays and back-fills of old events are legitimate, and the journal orders by arrival.
 */
export function epcisTimeWarning(e: Record<string, unknown>, p: FeedPolicy, now: number): string | null {
  return typeof e['eventTime'] === 'string' ? timeProblem(e['eventTime'], p, now) : null;
}

/**
 * What makes an EPCIS event not this site's (refused before acceptance): a location (read
 * point, business location, source, destination) whose GLN has another company prefix.
 * Paths are JSON pointers inside the event.
 */
export function epcisPolicyProblems(
  e: Record<string, unknown>,
  p: FeedPolicy,
): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = p.locationProblems ? p.locationProblems(e) : [];
  if (p.glnPrefixes.length === 0) return out;
  const check = (path: string, id: string): void => {
    const gln = epcKeys(id).gln;
    if (gln !== undefined && !p.glnPrefixes.some((x) => gln.startsWith(x)))
      out.push({
        path,
        message: `${id} is a location of another company or site (GLN ${gln}; this site: ${p.glnPrefixes.join(', ')})`,
      });
  };
  for (const l of epcisLocations(e)) check(l.path, l.id);
  return out;
}
